import { Badge, type BadgeProps } from "@/components/ui/badge";
import { humanize, statusTone, type StatusTone } from "@/lib/calls/format";
import { cn } from "@/lib/utils";

const VARIANT: Record<StatusTone, BadgeProps["variant"]> = {
  live: "info",
  success: "success",
  warning: "warning",
  destructive: "destructive",
  neutral: "outline",
};

/** A call's status, coloured by kind; calls still in progress get a pulsing dot. */
export function CallStatusBadge({ status, className }: { status: string | null; className?: string }) {
  if (!status) return <span className="text-muted-foreground">—</span>;
  const tone = statusTone(status);
  return (
    <Badge variant={VARIANT[tone]} data-status={status} className={cn("font-medium", className)}>
      {tone === "live" ? (
        <span className="relative flex size-2" aria-hidden="true">
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-current opacity-60 motion-reduce:animate-none" />
          <span className="relative inline-flex size-2 rounded-full bg-current" />
        </span>
      ) : null}
      {humanize(status)}
      {tone === "live" ? <span className="sr-only"> (live)</span> : null}
    </Badge>
  );
}

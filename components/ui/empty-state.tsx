import * as React from "react";

import { cn } from "@/lib/utils";

type EmptyStateProps = Omit<React.ComponentProps<"div">, "title"> & {
  /** An icon element, e.g. `<PhoneOffIcon />`; sized and hidden from screen readers. */
  icon?: React.ReactNode;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Buttons or links, e.g. `<Button asChild><Link href="...">Add credentials</Link></Button>`. */
  action?: React.ReactNode;
  /** Heading element for the title; keep the page's heading order (default `h2`). */
  titleAs?: "h2" | "h3" | "h4" | "p";
  /** Dashed outline around the block (default true). */
  bordered?: boolean;
};

function EmptyState({
  icon,
  title,
  description,
  action,
  titleAs: Title = "h2",
  bordered = true,
  className,
  children,
  ...props
}: EmptyStateProps) {
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex min-w-0 flex-col items-center justify-center gap-4 rounded-lg p-8 text-center text-balance md:p-12",
        bordered && "border border-dashed",
        className,
      )}
      {...props}
    >
      {icon ? (
        <div
          data-slot="empty-state-icon"
          aria-hidden="true"
          className="flex size-12 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground [&_svg]:pointer-events-none [&_svg:not([class*='size-'])]:size-6"
        >
          {icon}
        </div>
      ) : null}
      <div className="flex max-w-md flex-col items-center gap-1.5">
        <Title data-slot="empty-state-title" className="text-base font-semibold tracking-tight">
          {title}
        </Title>
        {description ? (
          <div data-slot="empty-state-description" className="text-sm text-muted-foreground [&_p]:leading-relaxed">
            {description}
          </div>
        ) : null}
      </div>
      {action ? (
        <div data-slot="empty-state-action" className="flex flex-wrap items-center justify-center gap-2">
          {action}
        </div>
      ) : null}
      {children}
    </div>
  );
}

export { EmptyState, type EmptyStateProps };

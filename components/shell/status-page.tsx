import Link from "next/link";
import { Button } from "@/components/ui/button";

/** A full-width message for 403/404/errors: what happened and what to do, never a blank page. */
export function StatusPage({ code, title, description, children }: { code?: string; title: string; description: string; children?: React.ReactNode }) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-3 px-4 py-20 text-center">
      {code ? <p className="text-sm font-semibold tracking-wider text-primary">{code}</p> : null}
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="text-muted-foreground">{description}</p>
      <div className="mt-2 flex gap-2">
        {children ?? (
          <Button asChild variant="outline">
            <Link href="/">Go to my teams</Link>
          </Button>
        )}
      </div>
    </div>
  );
}

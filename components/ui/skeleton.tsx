import * as React from "react";

import { cn } from "@/lib/utils";

/** Loading placeholder. Decorative: pair a group of skeletons with a status text for screen readers. */
function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn("animate-pulse rounded-md bg-muted motion-reduce:animate-none dark:bg-accent/60", className)}
      {...props}
    />
  );
}

export { Skeleton };

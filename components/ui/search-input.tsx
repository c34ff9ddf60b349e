import { SearchIcon } from "lucide-react";
import * as React from "react";

import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

/** A search field with its magnifier: an `Input` of type search; `wrapperClassName` sizes the box. */
export function SearchInput({ className, wrapperClassName, ...props }: Omit<React.ComponentProps<typeof Input>, "type"> & { wrapperClassName?: string }) {
  return (
    <div className={cn("relative", wrapperClassName)}>
      <SearchIcon aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
      <Input type="search" className={cn("pl-8", className)} {...props} />
    </div>
  );
}

"use client";

import * as React from "react";
import { ChevronRightIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Collapsible, CollapsibleContent, CollapsibleTrigger } from "@/components/ui/collapsible";
import { CopyButton } from "@/components/ui/copy-button";

/** Pretty JSON behind a disclosure (closed at first: webhook answers can be long). */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  const [open, setOpen] = React.useState(false);
  const text = React.useMemo(() => JSON.stringify(value, null, 2), [value]);
  const keys = value && typeof value === "object" ? Object.keys(value).length : 0;
  return (
    <Collapsible open={open} onOpenChange={setOpen} className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <CollapsibleTrigger asChild>
          <Button variant="ghost" size="sm" className="-ml-2">
            <ChevronRightIcon aria-hidden="true" className={open ? "rotate-90 transition-transform" : "transition-transform"} />
            {`${open ? "Hide" : "Show"} ${label} (${keys} ${keys === 1 ? "key" : "keys"})`}
          </Button>
        </CollapsibleTrigger>
        <CopyButton value={text} label={`Copy ${label} as JSON`} />
      </div>
      <CollapsibleContent>
        <pre className="max-h-[28rem] overflow-auto rounded-md border bg-muted/40 p-3 font-mono text-xs leading-relaxed" tabIndex={0} aria-label={label}>
          {text}
        </pre>
      </CollapsibleContent>
    </Collapsible>
  );
}

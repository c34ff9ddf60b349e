// Text with ranges of it highlighted as <mark> (a search result's snippet), built as React nodes.
import { markParts, type Range } from "@/lib/search/highlight";
import { cn } from "@/lib/utils";

export function MarkedText({ text, ranges, className }: { text: string; ranges: readonly Range[]; className?: string }) {
  return (
    <span className={className}>
      {markParts(text, ranges).map((p, i) =>
        p.mark ? (
          <mark key={i} className={cn("rounded-sm bg-yellow-200 px-0.5 text-foreground dark:bg-yellow-500/35")}>
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </span>
  );
}

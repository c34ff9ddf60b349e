"use client";

import * as React from "react";
import { ChevronDownIcon, ChevronUpIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { SearchInput } from "@/components/ui/search-input";
import { Label } from "@/components/ui/label";
import { parseTranscript, queryPattern, SPEAKER_LABELS, splitMatches, type Segment, type Speaker } from "@/lib/calls/transcript";
import { markParts, searchMatchRanges } from "@/lib/search/highlight";
import { cn } from "@/lib/utils";

/**
 * A transcript as a conversation (assistant left, customer right) or as paragraphs, with a search
 * that highlights every match and steps through them ("3 of 12", Enter / Shift+Enter). Opened from
 * a search result (`search`), it highlights that search's matches (as the index matches) and
 * scrolls to the first, until something is typed in its own box.
 */
export function TranscriptView({ transcript, search: listSearch }: { transcript: string | null; search?: string | null }) {
  const parsed = React.useMemo(() => parseTranscript(transcript), [transcript]);
  const [search, setSearch] = React.useState({ query: "", current: 0 });
  const query = React.useDeferredValue(search.query);
  const containerRef = React.useRef<HTMLDivElement>(null);
  const inputId = React.useId();

  const blocks = React.useMemo(() => {
    const pattern = queryPattern(query);
    let next = 0;
    const split = (text: string): Segment[] => {
      if (!pattern && listSearch) return markParts(text, searchMatchRanges(text, listSearch)).map((p) => (p.mark ? { text: p.text, match: next++ } : { text: p.text }));
      const r = splitMatches(text, pattern, next);
      next = r.next;
      return r.segments;
    };
    if (parsed.kind === "turns") return { items: parsed.turns.map((t) => ({ speaker: t.speaker, segments: split(t.text) })), total: next };
    if (parsed.kind === "prose") return { items: parsed.paragraphs.map((p) => ({ speaker: null, segments: split(p) })), total: next };
    return { items: [], total: 0 };
  }, [parsed, query, listSearch]);

  const total = blocks.total;
  const fromSearch = !query.trim() && !!listSearch;
  const current = total ? Math.min(search.current, total - 1) : 0;

  React.useEffect(() => {
    if (!total) return;
    const el = containerRef.current?.querySelector<HTMLElement>(`[data-match="${current}"]`);
    el?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [current, total, query]);

  if (parsed.kind === "empty") {
    return <p className="text-sm text-muted-foreground">No transcript for this call (yet).</p>;
  }

  const step = (d: number) => {
    if (total) setSearch((s) => ({ ...s, current: (Math.min(s.current, total - 1) + d + total) % total }));
  };

  return (
    <div className="space-y-3">
      <TranscriptSearch
        inputId={inputId}
        value={search.query}
        onChange={(value) => setSearch({ query: value, current: 0 })}
        onStep={step}
        status={query.trim() || (fromSearch && total) ? (total ? `${current + 1} of ${total}` : "No matches") : ""}
        total={total}
      />

      {fromSearch ? (
        <p className="text-sm text-muted-foreground" data-testid="search-note">
          {total ? `Matches of your search “${listSearch}” are highlighted.` : `Your search “${listSearch}” matched this call's variables or phone number, not its transcript.`}
        </p>
      ) : null}
      <div ref={containerRef} role="region" aria-label="Transcript" tabIndex={0} className="max-h-[70vh] overflow-y-auto rounded-md border bg-muted/20 p-3 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 sm:p-4">
        {parsed.kind === "turns" ? (
          <ol className="flex flex-col gap-3">
            {blocks.items.map((b, i) => (
              <Turn key={i} speaker={b.speaker ?? "other"} segments={b.segments} current={current} />
            ))}
          </ol>
        ) : (
          <div className="space-y-3 text-sm leading-relaxed">
            {blocks.items.map((b, i) => (
              <p key={i} className="break-words whitespace-pre-wrap">
                <Highlighted segments={b.segments} current={current} />
              </p>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

/** The search field, "3 of 12", and previous/next match (Enter / Shift+Enter in the field). */
function TranscriptSearch({ inputId, value, onChange, onStep, status, total }: { inputId: string; value: string; onChange: (value: string) => void; onStep: (delta: number) => void; status: string; total: number }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Label htmlFor={inputId} className="sr-only">
        Search the transcript
      </Label>
      <SearchInput
          wrapperClassName="min-w-0 flex-1"
          id={inputId}
          placeholder="Search the transcript"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              onStep(e.shiftKey ? -1 : 1);
            }
          }}
          aria-describedby={`${inputId}-count`}
        />
      <p id={`${inputId}-count`} className="min-w-20 text-sm text-muted-foreground tabular-nums" aria-live="polite">
        {status}
      </p>
      <Button type="button" variant="outline" size="icon-sm" onClick={() => onStep(-1)} disabled={total < 2} aria-label="Previous match">
        <ChevronUpIcon aria-hidden="true" />
      </Button>
      <Button type="button" variant="outline" size="icon-sm" onClick={() => onStep(1)} disabled={total < 2} aria-label="Next match">
        <ChevronDownIcon aria-hidden="true" />
      </Button>
    </div>
  );
}

function Turn({ speaker, segments, current }: { speaker: Speaker; segments: Segment[]; current: number }) {
  return (
    <li className={cn("flex flex-col gap-1", speaker === "assistant" && "items-start", speaker === "customer" && "items-end", speaker === "other" && "items-center")} data-speaker={speaker}>
      <span className="px-1 text-xs font-medium text-muted-foreground">{SPEAKER_LABELS[speaker]}</span>
      <p
        className={cn(
          "max-w-[85%] rounded-2xl px-3.5 py-2 text-sm leading-relaxed break-words whitespace-pre-wrap",
          speaker === "assistant" && "rounded-tl-sm bg-muted text-foreground",
          speaker === "customer" && "rounded-tr-sm bg-primary/10 text-foreground",
          speaker === "other" && "bg-transparent text-muted-foreground italic",
        )}
      >
        <Highlighted segments={segments} current={current} />
      </p>
    </li>
  );
}

function Highlighted({ segments, current }: { segments: Segment[]; current: number }) {
  return (
    <>
      {segments.map((s, i) =>
        s.match === undefined ? (
          <React.Fragment key={i}>{s.text}</React.Fragment>
        ) : (
          <mark key={i} data-match={s.match} aria-current={s.match === current ? "true" : undefined} className={cn("rounded-sm px-0.5 text-foreground", s.match === current ? "bg-orange-300 ring-2 ring-orange-500 dark:bg-orange-500/60" : "bg-yellow-200 dark:bg-yellow-500/35")}>
            {s.text}
          </mark>
        ),
      )}
    </>
  );
}

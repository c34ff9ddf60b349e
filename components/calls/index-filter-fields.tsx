// The filter bar's fields answered by the call index: the search box, the sort, and under "More
// filters" sentiment, outcomes, score, duration (typed in minutes, seconds in the URL), answered by, cost.
import * as React from "react";
import { ChevronRightIcon } from "lucide-react";

import { fieldA11y } from "@/components/accounts/field-error";
import { EnumFilterSelect } from "@/components/filters/enum-filter-select";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { SearchInput } from "@/components/ui/search-input";
import { cn } from "@/lib/utils";
import { CALL_FILTER, CALL_SORTS } from "@/lib/validation/call-filter-descriptor";
import { FilterField, onEnter, type Layout } from "./filter-inputs";
import type { SelectionKey } from "./list-query";
import { OutcomeField } from "./outcome-field";
import { useSeenOutcomes } from "./seen-outcomes";
import type { Apply, TypeChange, Values } from "./use-filter-bar";

export type IndexCtx = { id: (k: string) => string; errs: (k: SelectionKey) => string[] | undefined; layout: Layout; values: Values; apply: Apply; type: TypeChange; costs: boolean };

export const SORT_LABELS: Record<(typeof CALL_SORTS)[number], string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  longest: "Longest first",
  shortest: "Shortest first",
  score_high: "Highest score",
  score_low: "Lowest score",
  cost_high: "Highest cost",
  cost_low: "Lowest cost",
};
const COST_SORTS = new Set<string>(["cost_high", "cost_low"]);

/** The search box, full width, with a line on the search language; applied on Enter or when leaving it. */
export function SearchBox({ id, errs, layout, values, apply, type }: IndexCtx) {
  const k = id("q");
  const errors = errs("q");
  return (
    <FilterField id={k} label="Search" errors={errors} layout={layout} width="min-w-64 flex-1">
      <SearchInput
          id={k}
          autoComplete="off"
          placeholder="Search what was said, variables, phone digits"
          value={values.q}
          onChange={(e) => type("q", e.target.value, false)}
          onKeyDown={onEnter(() => apply())}
          onBlur={() => apply()}
          className="w-full"
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? `${k}-error ${k}-hint` : `${k}-hint`}
        />
      <p id={`${k}-hint`} className="text-xs text-muted-foreground">
        Words find their forms (randevu → randevunuzu), “quotes” a phrase, -word excludes, digits search phone numbers. Enter searches.
      </p>
    </FilterField>
  );
}

export function SortSelect({ id, errs, layout, values, apply, costs }: IndexCtx) {
  const k = id("sort");
  const sorts = CALL_SORTS.filter((s) => costs || !COST_SORTS.has(s));
  const current = values.sort || "newest";
  const known = (sorts as readonly string[]).includes(current);
  return (
    <FilterField id={k} label={CALL_FILTER.sort.label} errors={errs("sort")} layout={layout} width="w-44">
      <NativeSelect id={k} value={current} containerClassName="w-full" onChange={(e) => apply({ sort: e.target.value === "newest" ? "" : e.target.value })} {...fieldA11y(k, errs("sort"))}>
        {known ? null : <NativeSelectOption value={current}>{`“${current}” (not valid)`}</NativeSelectOption>}
        {sorts.map((s) => (
          <NativeSelectOption key={s} value={s}>
            {SORT_LABELS[s]}
          </NativeSelectOption>
        ))}
      </NativeSelect>
    </FilterField>
  );
}

const MORE_KEYS = ["sentiment", "outcome", "score_min", "score_max", "duration_min", "duration_max", "answered_by", "cost_min", "cost_max"] as const;

/** Sentiment, outcomes and the ranges, behind a disclosure that starts open when one of them is set or wrong. */
export function MoreFilters(ctx: IndexCtx) {
  const { id, errs, layout, values, apply, type, costs } = ctx;
  const set = MORE_KEYS.filter((k) => values[k] !== "" || errs(k)?.length).length;
  const [open, setOpen] = React.useState(set > 0);
  const seen = useSeenOutcomes();
  const enumField = (k: "sentiment" | "answered_by") => (
    <FilterField id={id(k)} label={CALL_FILTER[k].label} errors={errs(k)} layout={layout} width="w-40">
      <EnumFilterSelect filter={CALL_FILTER[k]} id={id(k)} value={values[k]} onChange={(e) => apply({ [k]: e.target.value })} {...fieldA11y(id(k), errs(k))} />
    </FilterField>
  );
  const number = (k: "score_min" | "score_max" | "cost_min" | "cost_max") => (
    <FilterField id={id(k)} label={CALL_FILTER[k].label} errors={errs(k)} layout={layout} width="w-28">
      <Input id={id(k)} inputMode="decimal" autoComplete="off" placeholder="Any" value={values[k]} onChange={(e) => type(k, e.target.value)} onBlur={() => apply()} onKeyDown={onEnter(() => apply())} className="w-full" {...fieldA11y(id(k), errs(k))} />
    </FilterField>
  );
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)} className={cn("group/more", layout === "inline" ? "basis-full" : "w-full")}>
      <summary className="inline-flex cursor-pointer list-none items-center gap-1 rounded-sm text-sm font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 [&::-webkit-details-marker]:hidden">
        <ChevronRightIcon aria-hidden="true" className="size-4 transition-transform group-open/more:rotate-90" />
        More filters
        {set ? <span className="text-muted-foreground">{` (${set} set)`}</span> : null}
      </summary>
      <div className={cn("mt-3", layout === "inline" ? "flex flex-wrap items-start gap-x-3 gap-y-3" : "flex flex-col gap-4")}>
        {enumField("sentiment")}
        <OutcomeField id={id("outcome")} value={values.outcome} suggestions={seen} errors={errs("outcome")} layout={layout} onChange={(v) => apply({ outcome: v })} onCommit={() => apply()} />
        {number("score_min")}
        {number("score_max")}
        <DurationField ctx={ctx} k="duration_min" />
        <DurationField ctx={ctx} k="duration_max" />
        {enumField("answered_by")}
        {costs ? (
          <>
            {number("cost_min")}
            {number("cost_max")}
          </>
        ) : null}
      </div>
    </details>
  );
}

/** Minutes typed ("1.5", "10") as whole seconds; anything else as typed, for the server to reject. */
export function minutesToSeconds(text: string): string {
  const t = text.trim();
  if (!/^\d+([.,]\d+)?$/.test(t)) return t;
  return String(Math.round(Number(t.replace(",", ".")) * 60));
}

/** Seconds from the URL as minutes (at most two decimals); anything else as it is. */
export function secondsToMinutes(value: string): string {
  return /^\d+$/.test(value) ? String(Number((Number(value) / 60).toFixed(2))) : value;
}

/** The server's bounds are in seconds: say them in minutes. */
export function inMinutes(message: string): string {
  return message.replace(/between (\d+) and (\d+)/, (_, lo: string, hi: string) => `between ${Number(lo) / 60} and ${Number(hi) / 60} minutes`);
}

function DurationField({ ctx: { id, errs, layout, values, apply, type }, k }: { ctx: IndexCtx; k: "duration_min" | "duration_max" }) {
  const [draft, setDraft] = React.useState<string | null>(null);
  const errors = errs(k)?.map(inMinutes);
  return (
    <FilterField id={id(k)} label={`${CALL_FILTER[k].label} (minutes)`} errors={errors} layout={layout} width="w-36">
      <Input
        id={id(k)}
        inputMode="decimal"
        autoComplete="off"
        placeholder="Any"
        value={draft ?? secondsToMinutes(values[k])}
        onChange={(e) => {
          setDraft(e.target.value);
          type(k, minutesToSeconds(e.target.value));
        }}
        onBlur={() => {
          setDraft(null);
          apply();
        }}
        onKeyDown={onEnter(() => apply())}
        className="w-full"
        {...fieldA11y(id(k), errors)}
      />
    </FilterField>
  );
}

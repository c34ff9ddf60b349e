// The calls filter bar's fields, one control per filter of the descriptor
// (lib/validation/call-filter-descriptor.ts), inline on wide screens or stacked in a sheet; the
// call index's search, sort and extra filters are in ./index-filter-fields.tsx.
import * as React from "react";
import { SearchIcon, XIcon } from "lucide-react";

import { fieldA11y } from "@/components/accounts/field-error";
import { EnumFilterSelect } from "@/components/filters/enum-filter-select";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils";
import { CALL_FILTER } from "@/lib/validation/call-filter-descriptor";
import { DateField, DirectoryPicker, FilterField, onEnter, type Layout, type PickerOption } from "./filter-inputs";
import { MoreFilters, SearchBox, SortSelect, type IndexCtx } from "./index-filter-fields";
import type { SelectionKey } from "./list-query";
import type { Apply, TypeChange, Values } from "./use-filter-bar";

export type DatePresetOption = { id: string; label: string; date_from: string; date_to: string };

export type FieldsProps = {
  values: Values;
  /** Field errors from the server's parse of the URL. */
  fieldErrors: Record<string, string[]>;
  /** Date presets computed in the team's time zone. */
  presets: DatePresetOption[];
  assistants: PickerOption[];
  campaigns: PickerOption[];
  /** Agents: the assistant picker lists only their assigned assistants (never a free id). */
  assignedOnly: boolean;
  timeZone: string;
  apply: Apply;
  type: TypeChange;
  clear: () => void;
  active: boolean;
  /** Members with `calls:costs`: the cost range and cost orders are offered. */
  costs?: boolean;
  layout?: Layout;
  pending?: boolean;
};

type Ctx = { id: (k: string) => string; errs: (k: SelectionKey) => string[] | undefined; layout: Layout };

export function FilterFields(props: FieldsProps) {
  const { values, fieldErrors, assistants, campaigns, assignedOnly, apply, type, clear, active, costs = false, layout = "inline", pending } = props;
  const uid = React.useId();
  const ctx: Ctx = { id: (k) => `${uid}-${k}`, errs: (k) => fieldErrors[k], layout };
  const indexCtx: IndexCtx = { ...ctx, values, apply, type, costs };
  const { id, errs } = ctx;
  const phoneId = id("phone_number");
  const enumField = (k: "status" | "type", width: string) => (
    <FilterField id={id(k)} label={CALL_FILTER[k].label} errors={errs(k)} layout={layout} width={width}>
      <EnumFilterSelect filter={CALL_FILTER[k]} id={id(k)} value={values[k]} onChange={(e) => apply({ [k]: e.target.value })} {...fieldA11y(id(k), errs(k))} />
    </FilterField>
  );
  const picker = (k: "assistant_id" | "campaign_id", options: PickerOption[], allLabel: string, allowFreeId: boolean) => (
    <DirectoryPicker id={id(k)} label={CALL_FILTER[k].label} allLabel={allLabel} options={options} value={values[k]} errors={errs(k)} allowFreeId={allowFreeId} layout={layout} onSelect={(v) => apply({ [k]: v })} onType={(v) => type(k, v)} onCommit={() => apply()} />
  );

  return (
    <form
      role="search"
      aria-label="Filter calls"
      className={cn(layout === "inline" ? "flex flex-wrap items-start gap-x-3 gap-y-3" : "flex flex-col gap-4")}
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <div className={cn("flex items-start gap-3", layout === "inline" ? "basis-full" : "flex-col")}>
        <SearchBox {...indexCtx} />
        <SortSelect {...indexCtx} />
      </div>
      {enumField("status", "w-44")}
      {enumField("type", "w-32")}
      <FilterField id={phoneId} label={CALL_FILTER.phone_number.label} errors={errs("phone_number")} layout={layout} width="w-52">
        <div className="relative">
          <SearchIcon aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input id={phoneId} type="search" inputMode="tel" autoComplete="off" placeholder="e.g. 0532 123 45 67" value={values.phone_number} onChange={(e) => type("phone_number", e.target.value)} onKeyDown={onEnter(apply)} className="w-full pl-8" {...fieldA11y(phoneId, errs("phone_number"))} />
        </div>
      </FilterField>
      {picker("assistant_id", assistants, assignedOnly ? "All my assistants" : "All assistants", !assignedOnly)}
      {picker("campaign_id", campaigns, "All campaigns", true)}
      <DateRangeFields {...props} ctx={ctx} />
      <div className={cn("flex items-center gap-2", layout === "inline" ? "pt-5" : "")}>
        {active ? (
          <Button type="button" variant="ghost" onClick={clear}>
            <XIcon aria-hidden="true" />
            Clear filters
          </Button>
        ) : null}
        {pending ? <Spinner label="Updating the list" className="size-4" /> : null}
      </div>
      <MoreFilters {...indexCtx} />
    </form>
  );
}

const completeDate = (v: string) => v === "" || (/^\d{4}-\d{2}-\d{2}$/.test(v) && Number(v.slice(0, 4)) >= 2000);

/** The date range: a preset (kept relative in the URL and in saved views) or two dates. */
function DateRangeFields({ values, presets, timeZone, apply, type, ctx: { id, errs, layout } }: FieldsProps & { ctx: Ctx }) {
  // A relative preset in the URL (date_preset) shows its dates; fixed dates that equal a preset show it too.
  const relative = presets.find((p) => p.id === values.date_preset);
  const preset = relative?.id ?? presets.find((p) => p.date_from === values.date_from && p.date_to === values.date_to)?.id ?? (values.date_from || values.date_to ? "custom" : "");
  // Typing a date turns a relative preset into the fixed range it stood for, then changes one end.
  const typeDate = (field: "date_from" | "date_to", v: string) => type(field, v, completeDate(v), relative ? { date_preset: "", date_from: relative.date_from, date_to: relative.date_to } : {});
  const choose = (value: string) => {
    const p = presets.find((x) => x.id === value);
    if (p) apply({ date_preset: p.id, date_from: "", date_to: "" });
    else if (value === "") apply({ date_preset: "", date_from: "", date_to: "" });
    else document.getElementById(id("date_from"))?.focus();
  };
  return (
    <fieldset className={cn("flex flex-wrap items-start gap-x-3 gap-y-3", layout === "stacked" && "w-full")}>
      <legend className="sr-only">Date range, in the team&apos;s time zone ({timeZone})</legend>
      <FilterField id={id("date_preset")} label={CALL_FILTER.date_preset.label} layout={layout} width="w-40">
        <NativeSelect id={id("date_preset")} value={preset} containerClassName="w-full" onChange={(e) => choose(e.target.value)}>
          <NativeSelectOption value="">Any time</NativeSelectOption>
          {presets.map((p) => (
            <NativeSelectOption key={p.id} value={p.id}>
              {p.label}
            </NativeSelectOption>
          ))}
          <NativeSelectOption value="custom">Custom range</NativeSelectOption>
        </NativeSelect>
      </FilterField>
      <DateField id={id("date_from")} label="From" value={relative ? relative.date_from : values.date_from} errors={errs("date_from") ?? errs("date_preset")} layout={layout} onType={(v) => typeDate("date_from", v)} onCommit={() => apply()} />
      <DateField id={id("date_to")} label="To" value={relative ? relative.date_to : values.date_to} errors={errs("date_to")} layout={layout} onType={(v) => typeDate("date_to", v)} onCommit={() => apply()} />
    </fieldset>
  );
}

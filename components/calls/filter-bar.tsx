"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { FilterIcon, SearchIcon, XIcon } from "lucide-react";

import { FieldError, fieldA11y } from "@/components/accounts/field-error";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Sheet, SheetClose, SheetContent, SheetDescription, SheetFooter, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { Spinner } from "@/components/ui/spinner";
import { humanize } from "@/lib/calls/format";
import { callsListHref } from "@/lib/calls/links";
import { CALL_STATUSES, CALL_TYPES } from "@/lib/validation/call-filter-descriptor";
import { cn } from "@/lib/utils";
import { hasSelection, listQuery, SELECTION_KEYS, type RawFilters, type SelectionKey } from "./list-query";

export type PickerOption = { id: number; name: string };
export type DatePresetOption = { id: string; label: string; date_from: string; date_to: string };

export type CallsFilterBarProps = {
  teamSlug: string;
  /** The raw values in the URL (also invalid ones, so they can be corrected), with the applied view's `view`. */
  values: RawFilters;
  /** Field errors from the server's parse of the URL. */
  fieldErrors: Record<string, string[]>;
  /** Date presets computed in the team's time zone. */
  presets: DatePresetOption[];
  assistants: PickerOption[];
  campaigns: PickerOption[];
  /** Agents: the assistant picker lists only their assigned assistants (never a free id). */
  assignedOnly: boolean;
  timeZone: string;
};

type Values = Record<SelectionKey, string>;
type State = { key: string; values: Values; dirty: SelectionKey[]; tick: number };

const DEBOUNCE_MS = 600;

function selectionOf(raw: RawFilters): Values {
  return Object.fromEntries(SELECTION_KEYS.map((k) => [k, raw[k] ?? ""])) as Values;
}

const completeDate = (v: string) => v === "" || (/^\d{4}-\d{2}-\d{2}$/.test(v) && Number(v.slice(0, 4)) >= 2000);

/**
 * The calls filter bar. The URL is the state: every change navigates (page back to 1), selects
 * at once, typed fields after a pause or on Enter. Back/forward and pasted URLs simply render.
 * On small screens the fields move into a sheet.
 */
export function CallsFilterBar(props: CallsFilterBarProps) {
  const router = useRouter();
  const [isPending, startTransition] = React.useTransition();
  const incoming = selectionOf(props.values);
  const incomingKey = JSON.stringify(incoming);
  const [state, setState] = React.useState<State>({ key: incomingKey, values: incoming, dirty: [], tick: 0 });

  // The URL changed (our own navigation, back/forward): show its values, except in fields being typed in.
  if (state.key !== incomingKey) {
    const values = { ...incoming };
    for (const k of state.dirty) values[k] = state.values[k];
    setState({ ...state, key: incomingKey, values });
  }

  const navigate = (values: Values) => {
    // Page size and the applied saved view stay; the page goes back to 1.
    const href = callsListHref(props.teamSlug, listQuery({ ...values, per_page: props.values.per_page, view: props.values.view }));
    startTransition(() => router.push(href, { scroll: false }));
  };

  /** Applies a change now (selects, presets, Enter, blur). */
  const apply = (changes: Partial<Values> = {}) => {
    const values = { ...state.values, ...changes };
    setState((s) => ({ ...s, values, dirty: [] }));
    if (listQuery(values) !== listQuery(incoming)) navigate(values);
  };

  /** A typed change: applied after a pause. `also` changes other fields with it (not marked as being typed in). */
  const type = (field: SelectionKey, value: string, debounce = true, also: Partial<Values> = {}) => {
    setState((s) => ({
      ...s,
      values: { ...s.values, ...also, [field]: value },
      dirty: s.dirty.includes(field) ? s.dirty : [...s.dirty, field],
      tick: debounce ? s.tick + 1 : s.tick,
    }));
  };

  const flush = React.useEffectEvent(() => {
    if (state.dirty.length) apply();
  });
  React.useEffect(() => {
    if (state.tick === 0) return;
    const t = setTimeout(() => flush(), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [state.tick]);

  const clear = () => {
    const values = selectionOf({});
    setState((s) => ({ ...s, values, dirty: [] }));
    navigate(values);
  };

  const active = hasSelection(incoming);
  const activeCount =
    SELECTION_KEYS.filter((k) => k !== "date_to" && k !== "date_from" && incoming[k] !== "").length + (!incoming.date_preset && (incoming.date_from || incoming.date_to) ? 1 : 0);
  const fieldsProps: FieldsProps = { ...props, values: state.values, apply, type, clear, active };

  return (
    <section aria-label="Filters" className="space-y-3">
      <div className="flex items-center gap-2 md:hidden">
        <Sheet>
          <SheetTrigger asChild>
            <Button variant="outline" className="flex-1 justify-start">
              <FilterIcon aria-hidden="true" />
              Filters
              {activeCount ? (
                <span className="ml-auto rounded-full bg-primary px-2 text-xs text-primary-foreground">
                  {activeCount}
                  <span className="sr-only"> active</span>
                </span>
              ) : null}
            </Button>
          </SheetTrigger>
          <SheetContent side="bottom" className="px-4 pb-6">
            <SheetHeader className="px-0">
              <SheetTitle>Filter calls</SheetTitle>
              <SheetDescription>Changes apply as you make them.</SheetDescription>
            </SheetHeader>
            <FilterFields {...fieldsProps} layout="stacked" />
            {/* Filters apply as they change; this closes the sheet onto the list (focus returns to "Filters"). */}
            <SheetFooter className="px-0 pt-0 pb-0">
              <SheetClose asChild>
                <Button>Show calls</Button>
              </SheetClose>
            </SheetFooter>
          </SheetContent>
        </Sheet>
        {active ? (
          <Button variant="ghost" onClick={clear}>
            Clear filters
          </Button>
        ) : null}
        {isPending ? <Spinner label="Updating the list" className="size-4" /> : null}
      </div>
      <div className="hidden md:block">
        <FilterFields {...fieldsProps} layout="inline" pending={isPending} />
      </div>
    </section>
  );
}

type FieldsProps = CallsFilterBarProps & {
  values: Values;
  apply: (changes?: Partial<Values>) => void;
  type: (field: SelectionKey, value: string, debounce?: boolean, also?: Partial<Values>) => void;
  clear: () => void;
  active: boolean;
  layout?: "inline" | "stacked";
  pending?: boolean;
};

function FilterFields({ values, fieldErrors, presets, assistants, campaigns, assignedOnly, timeZone, apply, type, clear, active, layout = "inline", pending }: FieldsProps) {
  const uid = React.useId();
  const id = (k: string) => `${uid}-${k}`;
  const errs = (k: SelectionKey) => fieldErrors[k];
  // A relative preset in the URL (date_preset) shows its dates; fixed dates that equal a preset show it too.
  const relative = presets.find((p) => p.id === values.date_preset);
  const shownFrom = relative ? relative.date_from : values.date_from;
  const shownTo = relative ? relative.date_to : values.date_to;
  const preset = relative?.id ?? presets.find((p) => p.date_from === values.date_from && p.date_to === values.date_to)?.id ?? (values.date_from || values.date_to ? "custom" : "");
  // Typing a date turns a relative preset into the fixed range it stood for, then changes one end.
  const typeDate = (field: "date_from" | "date_to", v: string) =>
    type(field, v, completeDate(v), relative ? { date_preset: "", date_from: relative.date_from, date_to: relative.date_to } : {});
  const field = (width: string) => cn("flex flex-col gap-1.5", layout === "stacked" ? "w-full" : width);

  const onEnter = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      apply();
    }
  };

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
      <div className={field("w-44")}>
        <Label htmlFor={id("status")}>Status</Label>
        <NativeSelect id={id("status")} value={values.status} onChange={(e) => apply({ status: e.target.value })} containerClassName="w-full" {...fieldA11y(id("status"), errs("status"))}>
          <NativeSelectOption value="">Any status</NativeSelectOption>
          {values.status && !(CALL_STATUSES as readonly string[]).includes(values.status) ? <NativeSelectOption value={values.status}>{`“${values.status}” (not valid)`}</NativeSelectOption> : null}
          {CALL_STATUSES.map((s) => (
            <NativeSelectOption key={s} value={s}>
              {humanize(s)}
            </NativeSelectOption>
          ))}
        </NativeSelect>
        <FieldError id={`${id("status")}-error`} messages={errs("status")} />
      </div>

      <div className={field("w-32")}>
        <Label htmlFor={id("type")}>Type</Label>
        <NativeSelect id={id("type")} value={values.type} onChange={(e) => apply({ type: e.target.value })} containerClassName="w-full" {...fieldA11y(id("type"), errs("type"))}>
          <NativeSelectOption value="">Any type</NativeSelectOption>
          {values.type && !(CALL_TYPES as readonly string[]).includes(values.type) ? <NativeSelectOption value={values.type}>{`“${values.type}” (not valid)`}</NativeSelectOption> : null}
          {CALL_TYPES.map((t) => (
            <NativeSelectOption key={t} value={t}>
              {humanize(t)}
            </NativeSelectOption>
          ))}
        </NativeSelect>
        <FieldError id={`${id("type")}-error`} messages={errs("type")} />
      </div>

      <div className={field("w-52")}>
        <Label htmlFor={id("phone_number")}>Customer phone</Label>
        <div className="relative">
          <SearchIcon aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            id={id("phone_number")}
            type="search"
            inputMode="tel"
            autoComplete="off"
            placeholder="e.g. 0532 123 45 67"
            value={values.phone_number}
            onChange={(e) => type("phone_number", e.target.value)}
            onKeyDown={onEnter}
            className="w-full pl-8"
            {...fieldA11y(id("phone_number"), errs("phone_number"))}
          />
        </div>
        <FieldError id={`${id("phone_number")}-error`} messages={errs("phone_number")} />
      </div>

      <DirectoryPicker
        id={id("assistant_id")}
        label="Assistant"
        allLabel={assignedOnly ? "All my assistants" : "All assistants"}
        options={assistants}
        value={values.assistant_id}
        errors={errs("assistant_id")}
        allowFreeId={!assignedOnly}
        layout={layout}
        onSelect={(v) => apply({ assistant_id: v })}
        onType={(v) => type("assistant_id", v)}
        onCommit={() => apply()}
      />

      <DirectoryPicker
        id={id("campaign_id")}
        label="Campaign"
        allLabel="All campaigns"
        options={campaigns}
        value={values.campaign_id}
        errors={errs("campaign_id")}
        allowFreeId
        layout={layout}
        onSelect={(v) => apply({ campaign_id: v })}
        onType={(v) => type("campaign_id", v)}
        onCommit={() => apply()}
      />

      <fieldset className={cn("flex flex-wrap items-start gap-x-3 gap-y-3", layout === "stacked" && "w-full")}>
        <legend className="sr-only">Date range, in the team&apos;s time zone ({timeZone})</legend>
        <div className={field("w-40")}>
          <Label htmlFor={id("preset")}>Date range</Label>
          <NativeSelect
            id={id("preset")}
            value={preset}
            containerClassName="w-full"
            onChange={(e) => {
              const p = presets.find((x) => x.id === e.target.value);
              // Presets stay relative in the URL (and in saved views): "last 7 days" is always the last 7 days.
              if (p) apply({ date_preset: p.id, date_from: "", date_to: "" });
              else if (e.target.value === "") apply({ date_preset: "", date_from: "", date_to: "" });
              else document.getElementById(id("date_from"))?.focus();
            }}
          >
            <NativeSelectOption value="">Any time</NativeSelectOption>
            {presets.map((p) => (
              <NativeSelectOption key={p.id} value={p.id}>
                {p.label}
              </NativeSelectOption>
            ))}
            <NativeSelectOption value="custom">Custom range</NativeSelectOption>
          </NativeSelect>
        </div>
        <DateField id={id("date_from")} label="From" value={shownFrom} errors={errs("date_from") ?? errs("date_preset")} layout={layout} onType={(v) => typeDate("date_from", v)} onCommit={() => apply()} />
        <DateField id={id("date_to")} label="To" value={shownTo} errors={errs("date_to")} layout={layout} onType={(v) => typeDate("date_to", v)} onCommit={() => apply()} />
      </fieldset>

      <div className={cn("flex items-center gap-2", layout === "inline" ? "pt-5" : "")}>
        {active ? (
          <Button type="button" variant="ghost" onClick={clear}>
            <XIcon aria-hidden="true" />
            Clear filters
          </Button>
        ) : null}
        {pending ? <Spinner label="Updating the list" className="size-4" /> : null}
      </div>
    </form>
  );
}

function DateField({ id, label, value, errors, layout, onType, onCommit }: { id: string; label: string; value: string; errors?: string[]; layout: "inline" | "stacked"; onType: (v: string) => void; onCommit: () => void }) {
  return (
    <div className={cn("flex flex-col gap-1.5", layout === "stacked" ? "w-full" : "w-40")}>
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        type="date"
        min="2000-01-01"
        max="2100-12-31"
        value={value}
        onChange={(e) => onType(e.target.value)}
        onBlur={onCommit}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            onCommit();
          }
        }}
        className="w-full"
        {...fieldA11y(id, errors)}
      />
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}

/**
 * Assistant / campaign picker from the team directory. With an empty directory (not synced or
 * learned yet) it is a numeric id field instead; an id not in the directory stays selectable.
 */
function DirectoryPicker({
  id,
  label,
  allLabel,
  options,
  value,
  errors,
  allowFreeId,
  layout,
  onSelect,
  onType,
  onCommit,
}: {
  id: string;
  label: string;
  allLabel: string;
  options: PickerOption[];
  value: string;
  errors?: string[];
  allowFreeId: boolean;
  layout: "inline" | "stacked";
  onSelect: (v: string) => void;
  onType: (v: string) => void;
  onCommit: () => void;
}) {
  if (options.length === 0 && allowFreeId) {
    return (
      <div className={cn("flex flex-col gap-1.5", layout === "stacked" ? "w-full" : "w-36")}>
        <Label htmlFor={id}>{`${label} ID`}</Label>
        <Input
          id={id}
          inputMode="numeric"
          autoComplete="off"
          placeholder="Any"
          value={value}
          onChange={(e) => onType(e.target.value)}
          onBlur={onCommit}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              onCommit();
            }
          }}
          className="w-full"
          aria-describedby={errors?.length ? `${id}-error` : `${id}-hint`}
          aria-invalid={errors?.length ? true : undefined}
        />
        {errors?.length ? null : (
          <p id={`${id}-hint`} className="sr-only">
            {`The team's ${label.toLowerCase()} list is empty; enter WhatTalk's numeric ${label.toLowerCase()} id.`}
          </p>
        )}
        <FieldError id={`${id}-error`} messages={errors} />
      </div>
    );
  }
  const known = options.some((o) => String(o.id) === value);
  return (
    <div className={cn("flex flex-col gap-1.5", layout === "stacked" ? "w-full" : "w-56")}>
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} value={value} onChange={(e) => onSelect(e.target.value)} containerClassName="w-full" {...fieldA11y(id, errors)}>
        <NativeSelectOption value="">{allLabel}</NativeSelectOption>
        {value && !known ? <NativeSelectOption value={value}>{/^\d+$/.test(value) ? `${label} #${value}` : `“${value}” (not valid)`}</NativeSelectOption> : null}
        {options.map((o) => (
          <NativeSelectOption key={o.id} value={String(o.id)}>
            {o.name ? `${o.name} (#${o.id})` : `${label} #${o.id}`}
          </NativeSelectOption>
        ))}
      </NativeSelect>
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}

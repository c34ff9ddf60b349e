// The analytics filters: the calls page's fields (lib/validation/call-filter-descriptor.ts) in a
// plain GET form (next/form: client-side navigation with JavaScript, a normal submit without),
// and the date presets as links. Server component.
import Form from "next/form";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { EnumFilterSelect } from "@/components/filters/enum-filter-select";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { cn } from "@/lib/utils";
import { CALL_FILTER, filterKeysFor } from "@/lib/validation/call-filter-descriptor";
import { DATE_PRESETS, matchPreset, presetRange } from "@/lib/validation/dates";

type Option = { id: number; name: string };

/** The filters analytics offers (a date preset is a link to its dates here). */
export const ANALYTICS_FILTER_KEYS = filterKeysFor("analytics:read");
export type FilterValues = Partial<Record<(typeof ANALYTICS_FILTER_KEYS)[number], string>>;

function hrefWith(action: string, values: FilterValues, patch: FilterValues): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...patch })) if (v) p.set(k, v);
  const qs = p.toString();
  return qs ? `${action}?${qs}` : action;
}

/** Ties a field to its error message. */
const invalid = (k: string, fieldErrors: Record<string, string[] | undefined>) => (fieldErrors[k]?.length ? { "aria-invalid": true, "aria-describedby": `f-${k}-error` } : {});

function Field({ id, label, error, children, className }: { id: string; label: string; error?: string[]; children: React.ReactNode; className?: string }) {
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <label htmlFor={id} className="text-xs font-medium text-muted-foreground">
        {label}
      </label>
      {children}
      {error?.length ? (
        <p id={`${id}-error`} className="text-xs text-destructive">
          {error.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function AnalyticsFilterBar({
  action,
  values,
  range,
  timeZone,
  assistants,
  campaigns,
  fieldErrors = {},
}: {
  action: string;
  /** The filters as given in the URL (shown as typed). */
  values: FilterValues;
  /** The effective date range (defaults applied). */
  range: { date_from: string; date_to: string };
  timeZone: string;
  assistants: Option[];
  campaigns: Option[];
  fieldErrors?: Record<string, string[]>;
}) {
  const active = matchPreset(range, timeZone);
  return (
    <div className="space-y-3 rounded-lg border bg-card p-4">
      <nav aria-label="Date range presets" className="flex flex-wrap gap-2">
        {DATE_PRESETS.map((p) => {
          const r = presetRange(p.id, timeZone);
          const current = active === p.id;
          return (
            <Button key={p.id} asChild size="sm" variant={current ? "secondary" : "ghost"}>
              <Link href={hrefWith(action, values, r)} aria-current={current ? "true" : undefined} prefetch={false}>
                {p.label}
              </Link>
            </Button>
          );
        })}
      </nav>
      {/* Keyed by the filters: a preset link or Back changes the URL without remounting the page,
          and uncontrolled fields only read defaultValue when they mount. */}
      <Form key={JSON.stringify([values, range])} action={action} className="grid grid-cols-2 items-end gap-3 md:grid-cols-4 xl:grid-cols-8" aria-label="Analytics filters">
        <Field id="f-date_from" label={`From (${timeZone})`} error={fieldErrors.date_from}>
          <Input id="f-date_from" name="date_from" type="date" defaultValue={values.date_from ?? range.date_from} {...invalid("date_from", fieldErrors)} />
        </Field>
        <Field id="f-date_to" label="To" error={fieldErrors.date_to}>
          <Input id="f-date_to" name="date_to" type="date" defaultValue={values.date_to ?? range.date_to} {...invalid("date_to", fieldErrors)} />
        </Field>
        <Field id="f-status" label={CALL_FILTER.status.label} error={fieldErrors.status}>
          <EnumFilterSelect filter={CALL_FILTER.status} id="f-status" name="status" defaultValue={values.status ?? ""} {...invalid("status", fieldErrors)} />
        </Field>
        <Field id="f-type" label={CALL_FILTER.type.label} error={fieldErrors.type}>
          <EnumFilterSelect filter={CALL_FILTER.type} id="f-type" name="type" defaultValue={values.type ?? ""} {...invalid("type", fieldErrors)} />
        </Field>
        <DirectoryField name="assistant_id" allLabel="All assistants" options={assistants} value={values.assistant_id} error={fieldErrors.assistant_id} />
        <DirectoryField name="campaign_id" allLabel="All campaigns" options={campaigns} value={values.campaign_id} error={fieldErrors.campaign_id} />
        <Field id="f-phone_number" label={CALL_FILTER.phone_number.label} error={fieldErrors.phone_number}>
          <Input id="f-phone_number" name="phone_number" type="search" inputMode="tel" placeholder="e.g. 0532 123 45 67" defaultValue={values.phone_number ?? ""} {...invalid("phone_number", fieldErrors)} />
        </Field>
        <div className="flex gap-2">
          <Button type="submit">Apply</Button>
          <Button asChild variant="ghost">
            <Link href={action} prefetch={false}>
              Reset
            </Link>
          </Button>
        </div>
      </Form>
    </div>
  );
}

/** Assistant or campaign: the team directory as a select, or WhatTalk's numeric id while it is empty. */
function DirectoryField({ name, allLabel, options, value, error }: { name: "assistant_id" | "campaign_id"; allLabel: string; options: Option[]; value?: string; error?: string[] }) {
  const id = `f-${name}`;
  const { label } = CALL_FILTER[name];
  const a11y = invalid(name, { [name]: error });
  return (
    <Field id={id} label={label} error={error}>
      {options.length ? (
        <NativeSelect id={id} name={name} defaultValue={value ?? ""} containerClassName="w-full" {...a11y}>
          <NativeSelectOption value="">{allLabel}</NativeSelectOption>
          {options.map((o) => (
            <NativeSelectOption key={o.id} value={String(o.id)}>
              {o.name} (#{o.id})
            </NativeSelectOption>
          ))}
        </NativeSelect>
      ) : (
        <Input id={id} name={name} inputMode="numeric" placeholder={`${label} id`} defaultValue={value ?? ""} {...a11y} />
      )}
    </Field>
  );
}

// The analytics filters: the calls page's fields (one schema: lib/validation/call-filters.ts) in a
// plain GET form (next/form: client-side navigation with JavaScript, a normal submit without),
// and the date presets as links. Server component.
import Form from "next/form";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { humanize } from "@/lib/calls/format";
import { cn } from "@/lib/utils";
import { CALL_STATUSES, CALL_TYPES } from "@/lib/validation/call-filters";
import { DATE_PRESETS, matchPreset, presetRange } from "@/lib/validation/dates";

type Option = { id: number; name: string };

export type FilterValues = Partial<Record<"status" | "type" | "phone_number" | "assistant_id" | "campaign_id" | "date_from" | "date_to", string>>;

function hrefWith(action: string, values: FilterValues, patch: FilterValues): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...patch })) if (v) p.set(k, v);
  const qs = p.toString();
  return qs ? `${action}?${qs}` : action;
}

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
  const invalid = (k: string) => (fieldErrors[k]?.length ? { "aria-invalid": true, "aria-describedby": `f-${k}-error` } : {});
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
          <Input id="f-date_from" name="date_from" type="date" defaultValue={values.date_from ?? range.date_from} {...invalid("date_from")} />
        </Field>
        <Field id="f-date_to" label="To" error={fieldErrors.date_to}>
          <Input id="f-date_to" name="date_to" type="date" defaultValue={values.date_to ?? range.date_to} {...invalid("date_to")} />
        </Field>
        <Field id="f-status" label="Status" error={fieldErrors.status}>
          <NativeSelect id="f-status" name="status" defaultValue={values.status ?? ""} containerClassName="w-full" {...invalid("status")}>
            <NativeSelectOption value="">All statuses</NativeSelectOption>
            {CALL_STATUSES.map((s) => (
              <NativeSelectOption key={s} value={s}>
                {humanize(s)}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </Field>
        <Field id="f-type" label="Type" error={fieldErrors.type}>
          <NativeSelect id="f-type" name="type" defaultValue={values.type ?? ""} containerClassName="w-full" {...invalid("type")}>
            <NativeSelectOption value="">All types</NativeSelectOption>
            {CALL_TYPES.map((t) => (
              <NativeSelectOption key={t} value={t}>
                {humanize(t)}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </Field>
        <Field id="f-assistant_id" label="Assistant" error={fieldErrors.assistant_id}>
          {assistants.length ? (
            <NativeSelect id="f-assistant_id" name="assistant_id" defaultValue={values.assistant_id ?? ""} containerClassName="w-full" {...invalid("assistant_id")}>
              <NativeSelectOption value="">All assistants</NativeSelectOption>
              {assistants.map((a) => (
                <NativeSelectOption key={a.id} value={String(a.id)}>
                  {a.name} (#{a.id})
                </NativeSelectOption>
              ))}
            </NativeSelect>
          ) : (
            <Input id="f-assistant_id" name="assistant_id" inputMode="numeric" placeholder="Assistant id" defaultValue={values.assistant_id ?? ""} {...invalid("assistant_id")} />
          )}
        </Field>
        <Field id="f-campaign_id" label="Campaign" error={fieldErrors.campaign_id}>
          {campaigns.length ? (
            <NativeSelect id="f-campaign_id" name="campaign_id" defaultValue={values.campaign_id ?? ""} containerClassName="w-full" {...invalid("campaign_id")}>
              <NativeSelectOption value="">All campaigns</NativeSelectOption>
              {campaigns.map((c) => (
                <NativeSelectOption key={c.id} value={String(c.id)}>
                  {c.name} (#{c.id})
                </NativeSelectOption>
              ))}
            </NativeSelect>
          ) : (
            <Input id="f-campaign_id" name="campaign_id" inputMode="numeric" placeholder="Campaign id" defaultValue={values.campaign_id ?? ""} {...invalid("campaign_id")} />
          )}
        </Field>
        <Field id="f-phone_number" label="Customer phone" error={fieldErrors.phone_number}>
          <Input id="f-phone_number" name="phone_number" type="search" inputMode="tel" placeholder="e.g. 0532 123 45 67" defaultValue={values.phone_number ?? ""} {...invalid("phone_number")} />
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

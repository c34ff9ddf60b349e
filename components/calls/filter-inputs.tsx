// The calls filter bar's field frame and its inputs for dates and directory ids (assistant, campaign).
import { FieldError, fieldA11y } from "@/components/accounts/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { cn } from "@/lib/utils";

export type PickerOption = { id: number; name: string };
export type Layout = "inline" | "stacked";

/** Enter applies a typed field at once. */
export function onEnter(commit: () => void) {
  return (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      commit();
    }
  };
}

/** A labelled field with its errors under it; full width when stacked. */
export function FilterField({ id, label, errors, layout, width, children }: { id: string; label: string; errors?: string[]; layout: Layout; width: string; children: React.ReactNode }) {
  return (
    <div className={cn("flex flex-col gap-1.5", layout === "stacked" ? "w-full" : width)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}

type TypedProps = { id: string; label: string; value: string; errors?: string[]; layout: Layout; onType: (v: string) => void; onCommit: () => void };

export function DateField({ id, label, value, errors, layout, onType, onCommit }: TypedProps) {
  return (
    <FilterField id={id} label={label} errors={errors} layout={layout} width="w-40">
      <Input id={id} type="date" min="2000-01-01" max="2100-12-31" value={value} onChange={(e) => onType(e.target.value)} onBlur={onCommit} onKeyDown={onEnter(onCommit)} className="w-full" {...fieldA11y(id, errors)} />
    </FilterField>
  );
}

/** With an empty directory (not synced or learned yet): WhatTalk's numeric id, typed. */
function FreeIdField({ id, label, value, errors, layout, onType, onCommit }: TypedProps) {
  return (
    <FilterField id={id} label={`${label} ID`} errors={errors} layout={layout} width="w-36">
      <Input
        id={id}
        inputMode="numeric"
        autoComplete="off"
        placeholder="Any"
        value={value}
        onChange={(e) => onType(e.target.value)}
        onBlur={onCommit}
        onKeyDown={onEnter(onCommit)}
        className="w-full"
        aria-describedby={errors?.length ? `${id}-error` : `${id}-hint`}
        aria-invalid={errors?.length ? true : undefined}
      />
      {errors?.length ? null : (
        <p id={`${id}-hint`} className="sr-only">
          {`The team's ${label.toLowerCase()} list is empty; enter WhatTalk's numeric ${label.toLowerCase()} id.`}
        </p>
      )}
    </FilterField>
  );
}

/**
 * Assistant / campaign picker from the team directory. With an empty directory it is a numeric id
 * field instead (unless free ids are not allowed); an id not in the directory stays selectable.
 */
export function DirectoryPicker(props: TypedProps & { allLabel: string; options: PickerOption[]; allowFreeId: boolean; onSelect: (v: string) => void }) {
  const { id, label, allLabel, options, value, errors, layout, onSelect } = props;
  if (options.length === 0 && props.allowFreeId) return <FreeIdField {...props} />;
  const known = options.some((o) => String(o.id) === value);
  return (
    <FilterField id={id} label={label} errors={errors} layout={layout} width="w-56">
      <NativeSelect id={id} value={value} onChange={(e) => onSelect(e.target.value)} containerClassName="w-full" {...fieldA11y(id, errors)}>
        <NativeSelectOption value="">{allLabel}</NativeSelectOption>
        {value && !known ? <NativeSelectOption value={value}>{/^\d+$/.test(value) ? `${label} #${value}` : `“${value}” (not valid)`}</NativeSelectOption> : null}
        {options.map((o) => (
          <NativeSelectOption key={o.id} value={String(o.id)}>
            {o.name ? `${o.name} (#${o.id})` : `${label} #${o.id}`}
          </NativeSelectOption>
        ))}
      </NativeSelect>
    </FilterField>
  );
}

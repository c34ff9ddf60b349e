// A call filter with a fixed list of values (status, type) as a select, from its descriptor. Shared
// by the calls bar (controlled: a value not in the list shows as itself, to be corrected) and the
// analytics bar (a field of a GET form). No hooks: renders on either side.
import { NativeSelect, NativeSelectOption, type NativeSelectProps } from "@/components/ui/native-select";
import { humanize } from "@/lib/calls/format";
import type { CallFilterSpec } from "@/lib/validation/call-filter-descriptor";

export function EnumFilterSelect({ filter, value, ...props }: Omit<NativeSelectProps, "children"> & { filter: Pick<CallFilterSpec, "values" | "label"> }) {
  const values = filter.values ?? [];
  const unknown = typeof value === "string" && value !== "" && !values.includes(value);
  return (
    <NativeSelect value={value} containerClassName="w-full" {...props}>
      <NativeSelectOption value="">{`Any ${filter.label.toLowerCase()}`}</NativeSelectOption>
      {unknown ? <NativeSelectOption value={value}>{`“${value}” (not valid)`}</NativeSelectOption> : null}
      {values.map((v) => (
        <NativeSelectOption key={v} value={v}>
          {humanize(v)}
        </NativeSelectOption>
      ))}
    </NativeSelect>
  );
}

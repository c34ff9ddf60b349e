// The outcome filter: several free values as removable chips, typed (Enter or comma adds one) or
// picked from the outcomes seen in the list (a datalist). Comma-separated in the URL.
import * as React from "react";
import { XIcon } from "lucide-react";

import { fieldA11y } from "@/components/accounts/field-error";
import { Input } from "@/components/ui/input";
import { humanize } from "@/lib/calls/format";
import { CALL_FILTER } from "@/lib/validation/call-filter-descriptor";
import { FilterField, type Layout } from "./filter-inputs";

/** The comma-separated values as a list (trimmed, blanks and repeats dropped). */
export function splitOutcomes(value: string): string[] {
  return [...new Set(value.split(",").map((v) => v.trim()).filter(Boolean))];
}

type Props = { id: string; value: string; suggestions: readonly string[]; errors?: string[]; layout: Layout; onChange: (value: string) => void; onCommit: () => void };

export function OutcomeField({ id, value, suggestions, errors, layout, onChange, onCommit }: Props) {
  const [text, setText] = React.useState("");
  const selected = splitOutcomes(value);
  const offered = suggestions.filter((s) => !selected.includes(s));
  const listId = `${id}-suggestions`;
  const set = (list: string[]) => onChange(list.join(","));
  const add = (raw: string) => {
    const v = raw.replace(/,/g, " ").trim();
    setText("");
    if (v && !selected.includes(v)) set([...selected, v]);
  };

  return (
    <FilterField id={id} label={CALL_FILTER.outcome.label} errors={errors} layout={layout} width="w-72">
      {selected.length ? (
        <ul className="flex flex-wrap gap-1" aria-label="Selected outcomes">
          {selected.map((o) => (
            <li key={o} className="inline-flex items-center gap-1 rounded-md border bg-muted px-2 py-0.5 text-xs">
              <span title={o}>{humanize(o)}</span>
              <button type="button" className="rounded-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50" aria-label={`Remove outcome ${humanize(o)}`} onClick={() => set(selected.filter((x) => x !== o))}>
                <XIcon aria-hidden="true" className="size-3" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <Input
        id={id}
        list={offered.length ? listId : undefined}
        autoComplete="off"
        placeholder={selected.length ? "Add another outcome" : "Any outcome: type or pick"}
        value={text}
        onChange={(e) => {
          const v = e.target.value;
          // A suggestion picked from the list (or a comma typed) adds the value at once.
          if (offered.includes(v) || v.endsWith(",")) add(v);
          else setText(v);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            if (text.trim()) add(text);
            else onCommit();
          } else if (e.key === "Backspace" && !text && selected.length) set(selected.slice(0, -1));
        }}
        onBlur={() => (text.trim() ? add(text) : undefined)}
        className="w-full"
        {...fieldA11y(id, errors)}
      />
      {offered.length ? (
        <datalist id={listId}>
          {offered.map((o) => (
            <option key={o} value={o}>
              {humanize(o)}
            </option>
          ))}
        </datalist>
      ) : null}
    </FilterField>
  );
}

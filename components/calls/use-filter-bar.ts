// The calls filter bar's state. The URL is the state: every change navigates (page back to 1),
// selects at once, typed fields after a pause or on Enter; fields being typed in keep their text.
import * as React from "react";
import { useRouter } from "next/navigation";
import { callsListHref } from "@/lib/calls/links";
import { listQuery, SELECTION_KEYS, type RawFilters, type SelectionKey } from "./list-query";

export type Values = Record<SelectionKey, string>;
/** Applies changes now (selects, presets, Enter, blur). */
export type Apply = (changes?: Partial<Values>) => void;
/** A typed change, applied after a pause; `also` changes other fields with it (not marked as being typed in). */
export type TypeChange = (field: SelectionKey, value: string, debounce?: boolean, also?: Partial<Values>) => void;

type State = { key: string; values: Values; dirty: SelectionKey[]; tick: number };

const DEBOUNCE_MS = 600;

export function selectedValues(raw: RawFilters): Values {
  return Object.fromEntries(SELECTION_KEYS.map((k) => [k, raw[k] ?? ""])) as Values;
}

export function useFilterBar(teamSlug: string, raw: RawFilters) {
  const router = useRouter();
  const [isPending, startTransition] = React.useTransition();
  const incoming = selectedValues(raw);
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
    const href = callsListHref(teamSlug, listQuery({ ...values, per_page: raw.per_page, view: raw.view }));
    startTransition(() => router.push(href, { scroll: false }));
  };

  const apply: Apply = (changes = {}) => {
    const values = { ...state.values, ...changes };
    setState((s) => ({ ...s, values, dirty: [] }));
    if (listQuery(values) !== listQuery(incoming)) navigate(values);
  };

  const type: TypeChange = (field, value, debounce = true, also = {}) => {
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
    const values = selectedValues({});
    setState((s) => ({ ...s, values, dirty: [] }));
    navigate(values);
  };

  return { incoming, values: state.values, apply, type, clear, isPending };
}

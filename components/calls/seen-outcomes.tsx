"use client";

// The call outcomes seen in the list shown, offered as suggestions by the filter bar's outcome field
// (outcomes are free values: WhatTalk's evaluation names them). The table reports, the bar reads.
import * as React from "react";

type Ctx = { outcomes: string[]; report: (outcomes: string[]) => void };
const SeenOutcomes = React.createContext<Ctx>({ outcomes: [], report: () => {} });

/** At most this many suggestions, the most frequent first. */
const MAX_SUGGESTIONS = 12;

export function SeenOutcomesProvider({ children }: { children: React.ReactNode }) {
  const [outcomes, setOutcomes] = React.useState<string[]>([]);
  const report = React.useCallback((next: string[]) => setOutcomes((prev) => (prev.join("\n") === next.join("\n") ? prev : next)), []);
  const value = React.useMemo(() => ({ outcomes, report }), [outcomes, report]);
  return <SeenOutcomes.Provider value={value}>{children}</SeenOutcomes.Provider>;
}

/** The outcomes of some calls, most frequent first (ties alphabetical), blanks left out. */
export function commonOutcomes(outcomes: readonly (string | null | undefined)[]): string[] {
  const counts = new Map<string, number>();
  for (const o of outcomes) if (o?.trim()) counts.set(o, (counts.get(o) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_SUGGESTIONS)
    .map(([o]) => o);
}

/** The table tells the bar which outcomes its rows have. */
export function useReportOutcomes(outcomes: readonly (string | null | undefined)[]) {
  const { report } = React.useContext(SeenOutcomes);
  const common = commonOutcomes(outcomes);
  const key = common.join("\n");
  React.useEffect(() => report(key ? key.split("\n") : []), [key, report]);
}

export function useSeenOutcomes(): string[] {
  return React.useContext(SeenOutcomes).outcomes;
}

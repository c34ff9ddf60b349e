"use client";

// The calls table's live refresh (SWR), in a module of its own: the table loads it only when the
// page shows calls still in progress, so SWR is not in the calls page's first-load JavaScript.
import * as React from "react";
import useSWR from "swr";
import { listCalls } from "@/components/api/team-api";
import type { CallListResult } from "@/lib/calls/types";

async function fetchList([teamId, query]: readonly [string, string, string]): Promise<CallListResult> {
  const r = await listCalls(teamId, query, { fresh: true });
  if (!r.ok) throw new Error(r.error.code);
  return r.data;
}

/**
 * Polls the team's calls for `query` (past the portal's cache) every `intervalMs` while the latest
 * data has live calls, and stops when none are live. Reports every answer (and whether the last
 * refresh failed) through `onUpdate`.
 */
export default function LiveRefresh({
  teamId,
  query,
  initial,
  intervalMs,
  onUpdate,
}: {
  teamId: string;
  /** The list's query string (filters and paging). */
  query: string;
  initial: CallListResult;
  intervalMs: number;
  onUpdate: (data: CallListResult, failed: boolean) => void;
}) {
  // SWR asks with its cache's data, which is empty until the first refresh: fall back to the server's.
  const refreshInterval = React.useCallback((latest: CallListResult | undefined) => ((latest ?? initial).calls.some((c) => c.live) ? intervalMs : 0), [initial, intervalMs]);
  // The key carries the render's fetch time, so data polled for an older render never replaces a newer one.
  const { data = initial, error } = useSWR([teamId, query, initial.meta.fetchedAt ?? ""] as const, fetchList, {
    fallbackData: initial,
    refreshInterval,
    revalidateOnMount: false,
    revalidateIfStale: false,
    revalidateOnFocus: false,
    revalidateOnReconnect: false,
    shouldRetryOnError: false,
    dedupingInterval: 1_000,
  });
  const failed = error !== undefined;
  React.useEffect(() => onUpdate(data, failed), [data, failed, onUpdate]);
  return null;
}

// Shared helpers for the simulator tests: start a simulator on a random port with a fixed anchor,
// make HTTP requests, and compute expectations independently of the simulator's own code.

import { startSimulator, type Simulator, type SimulatorOptions } from "@/tools/whattalk-sim/server";
import type { Call, SimAccount } from "@/tools/whattalk-sim/data";

/** Anchor used by the tests: late evening UTC, so local dates differ from UTC dates in Istanbul,
 * and the 90 days before it include the spring DST changes in Berlin and New York. */
export const ANCHOR = "2025-03-31T22:30:00Z";

export const KEYS = { alpha: "wt_demo_alpha", beta: "wt_demo_beta", gamma: "wt_demo_gamma" } as const;

export function startSim(opts: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return startSimulator({ port: 0, anchor: ANCHOR, quiet: true, ...opts });
}

/** Response bodies are asserted field by field in the tests, so they stay loosely typed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export interface PageLink {
  url: string | null;
  label: string;
  active: boolean;
}

export interface HttpResult<T = Loose> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

export async function http<T = Loose>(
  url: string,
  init: { key?: string | null; method?: string; headers?: Record<string, string>; body?: unknown; signal?: AbortSignal } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { Accept: "application/json", ...init.headers };
  if (init.key) headers.Authorization = `Bearer ${init.key}`;
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(url, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    signal: init.signal,
    redirect: "manual",
  });
  const text = await res.text();
  let json: Loose = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** GET an API path (e.g. "/user/calls?status=completed") as an account. */
export function api<T = Loose>(sim: Simulator, pathAndQuery: string, key: string | null = KEYS.alpha, init: { method?: string; signal?: AbortSignal } = {}) {
  return http<T>(`${sim.apiUrl}${pathAndQuery}`, { key, ...init });
}

export function account(sim: Simulator, slug: keyof typeof KEYS): SimAccount {
  return sim.dataset.accounts.find((a) => a.slug === slug)!;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Independent time-zone formatting (sv-SE gives "YYYY-MM-DD HH:MM:SS"). */
export function localString(epochMs: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("sv-SE", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f.format(new Date(epochMs)).replace("T", " ");
}

/** Brute-force filter as the README documents it (phone: substring after removing spaces). */
export interface BruteFilters {
  status?: string;
  type?: string;
  phone_number?: string;
  assistant_id?: number;
  campaign_id?: number;
  date_from?: string;
  date_to?: string;
}

export function bruteFilter(calls: readonly Call[], f: BruteFilters): Call[] {
  const phone = f.phone_number?.replace(/\s+/g, "");
  return calls.filter(
    (c) =>
      (f.status === undefined || c.status === f.status) &&
      (f.type === undefined || c.type === f.type) &&
      (f.assistant_id === undefined || c.assistant_id === f.assistant_id) &&
      (f.campaign_id === undefined || c.campaign_id === f.campaign_id) &&
      (phone === undefined || (c.client_phone_number ?? "").includes(phone) && c.client_phone_number !== null) &&
      (f.date_from === undefined || c.created_at.slice(0, 10) >= f.date_from) &&
      (f.date_to === undefined || c.created_at.slice(0, 10) <= f.date_to),
  );
}

export function toQuery(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

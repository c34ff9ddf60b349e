// What a running export is doing, for the Export button to show beside its own row count: above
// all, "waiting for the team's request budget, resuming in N s". In memory, per instance: behind
// a load balancer the progress request may reach another instance and get 404, and the button
// then simply shows rows without the waiting note.
import "server-only";
import { LRUCache } from "lru-cache";

export type ExportState = "running" | "waiting" | "done" | "incomplete" | "cancelled";

export type ExportProgress = {
  teamId: string;
  userId: string;
  state: ExportState;
  /** Calls written so far. */
  rows: number;
  /** Matching calls when the export started. */
  total: number;
  /** While waiting for budget: when requests resume (ISO). */
  resumesAt: string | null;
  /** Why an incomplete export stopped. */
  message: string | null;
};

const progress = new LRUCache<string, ExportProgress>({ max: 2_000, ttl: 30 * 60_000 });

export function createExportProgress(id: string, init: Pick<ExportProgress, "teamId" | "userId" | "total">): void {
  progress.set(id, { ...init, state: "running", rows: 0, resumesAt: null, message: null });
}

export function updateExportProgress(id: string, patch: Partial<Omit<ExportProgress, "teamId" | "userId">>): void {
  const current = progress.get(id);
  if (current) progress.set(id, { ...current, ...patch });
}

/** The progress of an export, only for the member who started it, in that team. */
export function readExportProgress(id: string, who: { teamId: string; userId: string }): ExportProgress | null {
  const p = progress.get(id);
  if (!p || p.teamId !== who.teamId || p.userId !== who.userId) return null;
  if (p.state === "waiting" && p.resumesAt && Date.parse(p.resumesAt) <= Date.now()) return { ...p, state: "running", resumesAt: null };
  return p;
}

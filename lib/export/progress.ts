// What a running export is doing, for the Export button to show beside its own row count: above
// all, "waiting for the team's request budget, resuming in N s". In memory, per instance: behind
// a load balancer the progress request may reach another instance and get 404, and the button
// then simply shows rows without the waiting note.
import "server-only";
import { LRUCache } from "lru-cache";
import type { TeamAccess } from "@/lib/auth/team-access";

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

/** A new export of the member of `access` (who passed calls:export). */
export function createExportProgress(access: TeamAccess, id: string, total: number): void {
  progress.set(id, { teamId: access.team.id, userId: access.user.id, total, state: "running", rows: 0, resumesAt: null, message: null });
}

export function updateExportProgress(id: string, patch: Partial<Omit<ExportProgress, "teamId" | "userId">>): void {
  const current = progress.get(id);
  if (current) progress.set(id, { ...current, ...patch });
}

/** The progress of an export, only for the member who started it, in that team. */
export function readExportProgress(access: TeamAccess, id: string): ExportProgress | null {
  const p = progress.get(id);
  if (!p || p.teamId !== access.team.id || p.userId !== access.user.id) return null;
  if (p.state === "waiting" && p.resumesAt && Date.parse(p.resumesAt) <= Date.now()) return { ...p, state: "running", resumesAt: null };
  return p;
}

import type { CallFilters } from "@/lib/validation/call-filters";

export type ViewVisibility = "PERSONAL" | "TEAM";

/** A saved view as the UI and API see it. `filters` are the stored ones; `problem` says when they no longer apply. */
export type SavedViewDTO = {
  id: string;
  name: string;
  visibility: ViewVisibility;
  /** The filters as stored (selection + page size), validated against today's schema below. */
  filters: Record<string, unknown>;
  /** Parsed filters when still valid. */
  parsed: Omit<CallFilters, "page"> | null;
  /** Why the stored filters cannot be applied as they are (field → messages). */
  problem: Record<string, string[]> | null;
  columns: string[];
  version: number;
  owner: { id: string; name: string; formerMember: boolean } | null;
  isMine: boolean;
  canEdit: boolean;
  updatedAt: string;
  updatedBy: string | null;
};

export type ViewsList = {
  mine: SavedViewDTO[];
  team: SavedViewDTO[];
  defaults: { user: string | null; team: string | null };
};

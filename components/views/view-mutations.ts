// The saved-views toolbar's calls to the views API (./use-saved-views.ts loads this module when the
// page is idle or at the first action, so neither it nor ../api/team-api is in the first-load JavaScript).
import type { ApiError } from "@/components/api/api-fetch";
import * as teamApi from "@/components/api/team-api";
import { toast } from "@/components/ui/sonner";
import { callsListPath } from "@/lib/calls/links";
import { viewHref } from "@/lib/views/links";
import type { SavedViewDTO } from "@/lib/views/types";
import type { DefaultKind, ViewsContext } from "./use-saved-views";
import type { ViewNameResult } from "./view-name-dialog";

const isStale = (error: ApiError) => error.status === 409 && error.details.reason === "stale";
const nameErrors = (error: ApiError): ViewNameResult => ({ fieldErrors: error.fieldErrors, message: error.fieldErrors?.name ? undefined : error.message });

function errorText(error: ApiError): string {
  const fields = Object.values(error.fieldErrors ?? {}).flat();
  return fields.length ? fields.join(" ") : error.message;
}

export async function saveView(c: ViewsContext) {
  const { applied, current, currentFilters } = c;
  if (!applied || !current || !currentFilters) return;
  c.setBusy(true);
  const r = await teamApi.updateView(c.teamId, applied.id, { version: current.version, filters: currentFilters, columns: c.visible });
  c.setBusy(false);
  if (!r.ok) {
    if (isStale(r.error)) c.setConflict({ viewId: applied.id, message: r.error.message });
    else toast.error("The view was not saved", { description: errorText(r.error) });
    return;
  }
  c.setConflict(null);
  c.rebase(r.data);
  toast.success(`Saved “${r.data.name}”`);
  c.go(viewHref(c.teamSlug, r.data));
}

export async function reloadView(c: ViewsContext) {
  if (!c.applied) return;
  const r = await teamApi.getView(c.teamId, c.applied.id);
  if (!r.ok) {
    toast.error("The view could not be reloaded", { description: r.error.message });
    if (r.error.status === 404) c.go(callsListPath(c.teamSlug));
    return;
  }
  c.setConflict(null);
  c.rebase(r.data);
  c.go(viewHref(c.teamSlug, r.data));
}

export async function createView(c: ViewsContext, name: string, share: boolean): Promise<ViewNameResult> {
  if (!c.currentFilters) return { message: "Fix the highlighted filters first." };
  const r = await teamApi.createView(c.teamId, { name, visibility: share ? "TEAM" : "PERSONAL", filters: c.currentFilters, columns: c.visible });
  if (!r.ok) return nameErrors(r.error);
  c.setDialog(null);
  c.setConflict(null);
  toast.success(`Saved the view “${r.data.name}”`, { description: r.data.visibility === "TEAM" ? "Shared with the team." : "Only you can see it." });
  c.go(viewHref(c.teamSlug, r.data));
}

export async function renameView(c: ViewsContext, view: SavedViewDTO, name: string): Promise<ViewNameResult> {
  const r = await teamApi.updateView(c.teamId, view.id, { version: view.version, name });
  if (!r.ok) {
    if (isStale(r.error)) c.refresh();
    return nameErrors(r.error);
  }
  c.followOwnChange(view, r.data);
  c.setDialog(null);
  toast.success(`Renamed to “${r.data.name}”`);
  c.refresh();
}

export async function removeView(c: ViewsContext, view: SavedViewDTO) {
  c.setBusy(true);
  const r = await teamApi.deleteView(c.teamId, view.id);
  c.setBusy(false);
  c.setDialog(null);
  if (!r.ok && r.error.status !== 404) {
    toast.error("The view was not deleted", { description: r.error.message });
    return;
  }
  toast.success(`Deleted the view “${view.name}”`);
  c.setConflict(null);
  // The list without parameters: the next default applies (mine, else the team's, else none).
  c.go(callsListPath(c.teamSlug));
}

export async function shareView(c: ViewsContext, view: SavedViewDTO) {
  const r = await teamApi.updateView(c.teamId, view.id, { version: view.version, visibility: "TEAM" });
  if (!r.ok) {
    toast.error("The view was not shared", { description: r.error.message });
    if (isStale(r.error)) c.refresh();
    return;
  }
  c.followOwnChange(view, r.data);
  toast.success(`“${r.data.name}” is shared with the team`);
  c.refresh();
}

export async function setDefaultView(c: ViewsContext, which: DefaultKind, viewId: string | null, message: string) {
  const r = await teamApi.setDefaultViews(c.teamId, { [which]: viewId });
  if (!r.ok) {
    toast.error("The default was not changed", { description: r.error.message });
    return;
  }
  toast.success(message);
  c.refresh();
}

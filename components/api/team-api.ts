// The browser's calls to the portal's team API (/api/teams/…): typed arguments, every path segment
// URL-encoded, answers as `ApiResult<the route's DTO>` (./api-fetch.ts). The only place such URLs are
// built (tests/unit/team-api.test.ts); client-safe, so it takes nothing but types from lib/.
import type { AssignmentDTO } from "@/lib/assignments/types";
import type { CallColumnId } from "@/lib/calls/columns";
import type { CallListResult } from "@/lib/calls/types";
import type { IndexRetentionResult } from "@/lib/call-index/set-index-retention";
import type { IndexStatusDTO } from "@/lib/call-index/types";
import type { SaveCredentialResult } from "@/lib/connection/save-credential";
import type { SaveCredentialInput } from "@/lib/credentials/schema";
import type { TestCredentialResult } from "@/lib/credentials/test-credential";
import type { SyncOutcome } from "@/lib/directory/sync-assistants";
import type { Directory, DirectoryEntry, DirectoryKind } from "@/lib/directory/types";
import type { ExportProgress } from "@/lib/export/progress";
import type { InvitationDTO } from "@/lib/invitations/types";
import type { MemberDTO } from "@/lib/members/types";
import type { Role } from "@/lib/rbac";
import type { TeamSettingsInput } from "@/lib/teams/update-team-settings";
import type { TeamDTO } from "@/lib/teams/types";
import type { CreateViewInput, UpdateViewInput } from "@/lib/views/schema";
import type { SavedViewDTO, ViewsList } from "@/lib/views/types";
import { apiFetch, type ApiResult } from "./api-fetch";

type Ok = { ok: true };
type Segment = string | number;

/** `/api/teams/{teamId}/{…segments}`, each one URL-encoded. */
export function teamApiPath(teamId: string, ...segments: Segment[]): string {
  return ["/api/teams", ...[teamId, ...segments].map((s) => encodeURIComponent(String(s)))].join("/");
}

/** The path with a query string (none when the query is empty). */
function withQuery(path: string, query: URLSearchParams | string): string {
  const q = String(query);
  return q ? `${path}?${q}` : path;
}

function send<T>(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, json?: unknown, signal?: AbortSignal): Promise<ApiResult<T>> {
  return apiFetch<T>(path, { method, ...(json === undefined ? {} : { json }), ...(signal ? { signal } : {}) });
}

// Teams and membership.
export const createTeam = (body: { name: string; slug: string | null; timeZone: string; country: string }) => send<{ team: TeamDTO }>("POST", "/api/teams", body);
export const updateTeamSettings = (teamId: string, changes: TeamSettingsInput) => send<{ team: TeamDTO }>("PATCH", teamApiPath(teamId), changes);
export const deleteTeam = (teamId: string, confirmSlug: string) => send<Ok>("DELETE", teamApiPath(teamId), { confirmSlug });
export const leaveTeam = (teamId: string) => send<Ok>("POST", teamApiPath(teamId, "leave"), {});
export const transferOwnership = (teamId: string, membershipId: string) => send<Ok>("POST", teamApiPath(teamId, "transfer-ownership"), { membershipId });

// Members, their assistants and invitations.
export const changeMemberRole = (teamId: string, membershipId: string, role: Role) =>
  send<{ member: MemberDTO & { changed: boolean } }>("PATCH", teamApiPath(teamId, "members", membershipId), { role });
export const removeMember = (teamId: string, membershipId: string) => send<Ok>("DELETE", teamApiPath(teamId, "members", membershipId));
export const setAssignments = (teamId: string, membershipId: string, assignments: AssignmentDTO[]) =>
  send<{ membershipId: string; assignments: AssignmentDTO[] }>("PUT", teamApiPath(teamId, "members", membershipId, "assignments"), { assignments });
export const createInvitation = (teamId: string, body: { email: string; role: string }) =>
  send<{ invitation: InvitationDTO; path: string; url: string }>("POST", teamApiPath(teamId, "invitations"), body);
export const revokeInvitation = (teamId: string, invitationId: string) => send<Ok>("DELETE", teamApiPath(teamId, "invitations", invitationId));

// The assistants and campaigns directory.
const DIRECTORY_PATH: Record<DirectoryKind, string> = { assistant: "assistants", campaign: "campaigns" };
export const syncDirectory = (teamId: string) => send<{ sync: SyncOutcome; directory: Directory }>("POST", teamApiPath(teamId, "directory", "sync"), {});
/** Answers `{ assistant: entry }` or `{ campaign: entry }`. */
export const addDirectoryEntry = <K extends DirectoryKind>(teamId: string, kind: K, entry: { id: string; name: string }) =>
  send<Record<K, DirectoryEntry>>("POST", teamApiPath(teamId, "directory", DIRECTORY_PATH[kind]), entry);
export const removeDirectoryEntry = (teamId: string, kind: DirectoryKind, id: number) => send<{ removed: DirectoryEntry }>("DELETE", teamApiPath(teamId, "directory", DIRECTORY_PATH[kind], id));

// The WhatTalk connection.
export const saveCredential = (teamId: string, body: SaveCredentialInput) => send<SaveCredentialResult>("PUT", teamApiPath(teamId, "credential"), body);
export const testCredential = (teamId: string) => send<TestCredentialResult>("POST", teamApiPath(teamId, "credential", "test"), {});
export const removeCredential = (teamId: string) => send<{ removed: { id: string; label: string; last4: string } }>("DELETE", teamApiPath(teamId, "credential"));

// Calls: the list, the member's columns, and the URLs of what is read as a stream rather than JSON.
/** `query`: the list's filters and paging as a query string; `fresh` bypasses the portal's cache. */
export const listCalls = (teamId: string, query: string, { fresh = false } = {}) =>
  send<CallListResult>("GET", withQuery(teamApiPath(teamId, "calls"), [query, fresh ? "fresh=1" : ""].filter(Boolean).join("&")));
export const setCallColumns = (teamId: string, columns: CallColumnId[]) => send<{ columns: CallColumnId[] }>("PUT", teamApiPath(teamId, "preferences"), { columns });
/** The audio of a call (an `<audio src>`; streamed with Range support). */
export const callRecordingUrl = (teamId: string, callId: number) => teamApiPath(teamId, "calls", callId, "recording");
/** The CSV export (text/csv, read as a stream; X-Export-Total and X-Export-Id headers). */
export const callsExportUrl = (teamId: string, params: URLSearchParams) => withQuery(teamApiPath(teamId, "calls", "export"), params);
export const getExportProgress = (teamId: string, exportId: string, signal?: AbortSignal) =>
  send<Pick<ExportProgress, "state" | "rows" | "total" | "resumesAt" | "message">>("GET", withQuery(teamApiPath(teamId, "calls", "export", "progress"), new URLSearchParams({ id: exportId })), undefined, signal);
/** The analytics (application/x-ndjson, read as a stream: progress lines, then the result or an error). */
export const analyticsUrl = (teamId: string, params: URLSearchParams) => withQuery(teamApiPath(teamId, "analytics"), params);

// Saved views.
export const getView = (teamId: string, viewId: string) => send<SavedViewDTO>("GET", teamApiPath(teamId, "views", viewId));
export const createView = (teamId: string, body: CreateViewInput) => send<SavedViewDTO>("POST", teamApiPath(teamId, "views"), body);
/** Carries the `version` edited: 409 with `details.reason` "stale" when someone saved since. */
export const updateView = (teamId: string, viewId: string, body: UpdateViewInput) => send<SavedViewDTO>("PATCH", teamApiPath(teamId, "views", viewId), body);
/** 204: `data` is null. */
export const deleteView = (teamId: string, viewId: string) => send<null>("DELETE", teamApiPath(teamId, "views", viewId));
/** Sets or clears (null) my default and/or the team's; answers the defaults now in force. */
export const setDefaultViews = (teamId: string, defaults: { user?: string | null; team?: string | null }) => send<ViewsList["defaults"]>("PUT", teamApiPath(teamId, "views", "defaults"), defaults);

// The search index (Settings → Search index).
export const getIndexStatus = (teamId: string) => send<{ status: IndexStatusDTO }>("GET", teamApiPath(teamId, "index"));
export const setIndexPaused = (teamId: string, paused: boolean) => send<{ changed: boolean; status: IndexStatusDTO }>("PATCH", teamApiPath(teamId, "index"), { paused });
export const requestIndexRebuild = (teamId: string) => send<{ status: IndexStatusDTO }>("POST", teamApiPath(teamId, "index", "rebuild"), {});
/** `retentionDays: null` turns the index off and deletes what it holds. */
export const setIndexRetention = (teamId: string, retentionDays: number | null) =>
  send<IndexRetentionResult & { status: IndexStatusDTO }>("PUT", teamApiPath(teamId, "index", "retention"), { retentionDays });

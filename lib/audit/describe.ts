// A one-line, human summary of an audit event's details for the log page (never secrets: the log
// holds none).
import { ROLE_LABELS, type Role } from "@/lib/rbac";

const role = (v: unknown) => (typeof v === "string" && v in ROLE_LABELS ? ROLE_LABELS[v as Role] : String(v));
const ids = (v: unknown) =>
  Array.isArray(v)
    ? v
        .map((a) => (a && typeof a === "object" && "assistantId" in a ? `#${String((a as { assistantId: unknown }).assistantId)}` : ""))
        .filter(Boolean)
        .join(", ")
    : "";

export function describeAuditData(action: string, data: unknown): string {
  if (!data || typeof data !== "object") return "";
  const d = data as Record<string, unknown>;
  switch (action) {
    case "member.role_changed":
      return `${role(d.from)} → ${role(d.to)}${d.assignmentsCleared ? ` (${String(d.assignmentsCleared)} assignments cleared)` : ""}`;
    case "member.invited":
    case "member.invitation_revoked":
    case "member.joined":
    case "member.removed":
    case "member.left":
      return d.role ? `as ${role(d.role)}` : "";
    case "ownership.transferred":
      return d.from ? `from ${String(d.from)}` : "";
    case "assignments.changed": {
      const parts = [];
      if (ids(d.added)) parts.push(`added ${ids(d.added)}`);
      if (ids(d.removed)) parts.push(`removed ${ids(d.removed)}`);
      if (ids(d.relabelled)) parts.push(`relabelled ${ids(d.relabelled)}`);
      return parts.join("; ");
    }
    case "team.settings_changed": {
      const changes = (d.changes ?? {}) as Record<string, { from?: unknown; to?: unknown }>;
      return Object.entries(changes)
        .map(([k, v]) => `${k}: ${String(v?.from)} → ${String(v?.to)}`)
        .join("; ");
    }
    case "index.retention_changed": {
      const days = (v: unknown) => (v === null || v === undefined ? "off" : `${String(v)} days`);
      return `${days(d.from)} → ${days(d.to)}${d.purged ? `; ${Number(d.purged).toLocaleString("en-US")} indexed calls deleted` : ""}`;
    }
    case "index.purged":
      return `${Number(d.purged ?? 0).toLocaleString("en-US")} indexed calls deleted${d.turnedOff ? "; index turned off" : ""}`;
    case "team.created":
      return [d.slug ? `/${String(d.slug)}` : "", d.owner ? `owner ${String(d.owner)}` : "", d.timeZone ? String(d.timeZone) : ""].filter(Boolean).join(", ");
    case "calls.exported": {
      const filters = d.filters && typeof d.filters === "object" ? Object.entries(d.filters as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`) : [];
      const state = d.cancelled ? "cancelled" : d.complete === false ? "incomplete" : "complete";
      return `${Number(d.rows ?? 0).toLocaleString("en-US")} of ${Number(d.total ?? 0).toLocaleString("en-US")} calls, ${state}${filters.length ? `; filters: ${filters.join(", ")}` : "; no filters"}`;
    }
    case "view.created":
    case "view.updated":
    case "view.shared":
    case "view.deleted": {
      const parts: string[] = [];
      if (d.renamedFrom) parts.push(`renamed from “${String(d.renamedFrom)}”`);
      if (d.filters && typeof d.filters === "object") {
        const f = Object.entries(d.filters as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`);
        parts.push(`filters: ${f.join(", ") || "none"}`);
      }
      if (Array.isArray(d.columns)) parts.push(`${d.columns.length} columns`);
      return parts.join("; ");
    }
    default: {
      // Other features' events: their simple fields as "key: value", lists by their length.
      const text = Object.entries(d)
        .map(([k, v]) => (Array.isArray(v) ? `${k}: ${v.length}` : v !== null && typeof v === "object" ? "" : `${k}: ${String(v)}`))
        .filter(Boolean)
        .join(", ");
      return text.length > 160 ? `${text.slice(0, 157)}…` : text;
    }
  }
}

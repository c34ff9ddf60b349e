// Human labels for audit actions (the log stores the machine names).
const LABELS: Record<string, string> = {
  "member.invited": "Member invited",
  "member.invitation_revoked": "Invitation revoked",
  "member.joined": "Member joined",
  "member.role_changed": "Role changed",
  "member.removed": "Member removed",
  "member.left": "Member left",
  "ownership.transferred": "Ownership transferred",
  "assignments.changed": "Assignments changed",
  "team.created": "Team created",
  "team.settings_changed": "Team settings changed",
  "credential.added": "API key added",
  "credential.replaced": "API key replaced",
  "credential.removed": "API key removed",
  "credential.tested": "Connection tested",
  "credential.marked_invalid": "API key marked invalid",
  "credentials.rotated": "API keys re-encrypted",
  "directory.synced": "Assistants synced",
  "directory.changed": "Directory changed",
  "view.created": "View created",
  "view.updated": "View updated",
  "view.shared": "View shared",
  "view.deleted": "View deleted",
  "view.team_default_set": "Team default view set",
  "calls.exported": "Calls exported",
  "call.deleted": "Call deleted",
  "index.paused": "Search index paused",
  "index.resumed": "Search index resumed",
  "index.rebuild_requested": "Search index rebuild requested",
  "index.retention_changed": "Search index retention changed",
  "index.purged": "Search index purged",
};

export function auditActionLabel(action: string): string {
  return LABELS[action] ?? action;
}

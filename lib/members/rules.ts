import { AppError, conflict, forbidden } from "@/lib/errors";
import { can, canManageRole, ROLE_LABELS, type Role } from "@/lib/rbac";

// The membership rules, as pure functions over the facts a service has read (inside a transaction
// that holds the team lock). Each returns the error to throw, or null when the change is allowed.

export const ROLE_RANK: Record<Role, number> = { OWNER: 0, ADMIN: 1, SUPERVISOR: 2, AGENT: 3 };

type Actor = { role: Role; membershipId: string | null };
type Target = { id: string; role: Role };

export const OWN_ROLE = "You cannot change your own role. Ask another owner or admin.";
export const OWNER_ADMIN_ONLY = "Only an owner can grant or take away the owner or admin role.";
export const LAST_OWNER_DEMOTE = "A team needs at least one owner: make someone else an owner (or transfer ownership) first.";
export const LAST_OWNER_LEAVE = "You are the last owner of this team: transfer ownership or delete the team before leaving.";

export function checkRoleChange(actor: Actor, target: Target, newRole: Role, ownerCount: number): AppError | null {
  if (!can(actor.role, "members:manage")) return forbidden();
  if (actor.membershipId && actor.membershipId === target.id) return forbidden(OWN_ROLE);
  if (!canManageRole(actor.role, target.role) || !canManageRole(actor.role, newRole)) return forbidden(OWNER_ADMIN_ONLY);
  if (target.role === "OWNER" && newRole !== "OWNER" && ownerCount <= 1) return conflict(LAST_OWNER_DEMOTE);
  return null;
}

export function checkRemoval(actor: Actor, target: Target, ownerCount: number): AppError | null {
  if (!can(actor.role, "members:manage")) return forbidden();
  if (actor.membershipId && actor.membershipId === target.id) return new AppError("BAD_REQUEST", "To remove yourself, use “Leave team” on your account page.");
  if (!canManageRole(actor.role, target.role)) return forbidden(target.role === "OWNER" ? "Only an owner can remove an owner." : "Only an owner can remove an admin.");
  if (target.role === "OWNER" && ownerCount <= 1) return conflict(LAST_OWNER_DEMOTE);
  return null;
}

export function checkLeave(self: { role: Role }, ownerCount: number): AppError | null {
  if (self.role === "OWNER" && ownerCount <= 1) return conflict(LAST_OWNER_LEAVE);
  return null;
}

export function checkInvite(actor: Actor, role: Role): AppError | null {
  if (!can(actor.role, "members:manage")) return forbidden();
  if (!canManageRole(actor.role, role)) return forbidden(`Only an owner can invite someone as ${ROLE_LABELS[role].toLowerCase()}.`);
  return null;
}

export function checkTransfer(actor: Actor, target: Target): AppError | null {
  if (!can(actor.role, "ownership:transfer")) return forbidden("Only an owner can transfer ownership.");
  if (actor.membershipId && actor.membershipId === target.id) return new AppError("BAD_REQUEST", "Choose another member to transfer ownership to.");
  if (target.role === "OWNER") return conflict("That member is already an owner.");
  return null;
}

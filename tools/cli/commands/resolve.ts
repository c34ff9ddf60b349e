// Look-ups shared by the member commands: a team by slug and a user by e-mail, with clear errors.
import { AppError } from "@/lib/errors";
import { ROLES, type Role } from "@/lib/rbac";
import { findTeamBySlug } from "@/lib/teams/find-team-by-slug";
import type { TeamDTO } from "@/lib/teams/types";
import { findUserByEmail } from "@/lib/users/find-user-by-email";
import type { UserDTO } from "@/lib/users/types";
import { UsageError } from "../command";

export async function teamBySlug(slug: string): Promise<TeamDTO> {
  const team = await findTeamBySlug(slug);
  if (!team) throw new AppError("NOT_FOUND", `No team with slug "${slug}".`);
  return team;
}

export async function userByEmail(email: string): Promise<UserDTO> {
  const user = await findUserByEmail(email);
  if (!user) throw new AppError("NOT_FOUND", `No user with e-mail ${email}: create one first with user:create.`);
  return user;
}

export function parseRole(value: string): Role {
  const role = value.trim().toUpperCase();
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.map((r) => r.toLowerCase()).join(", ")} (got "${value}").`);
  return role as Role;
}

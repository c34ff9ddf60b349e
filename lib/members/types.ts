import type { Role } from "@/lib/rbac";

export type MemberDTO = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  /** ISO timestamp. */
  joinedAt: string;
};

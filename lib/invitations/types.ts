import type { Role } from "@/lib/rbac";
import type { InvitationStatus } from "@/lib/invitations/token";

export type InvitationDTO = {
  id: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  /** ISO timestamps. */
  expiresAt: string;
  createdAt: string;
  invitedBy: string | null;
};

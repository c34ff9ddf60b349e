import { AppError } from "@/lib/errors";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { listMembers } from "@/lib/members/list-members";
import { operatorActor } from "@/lib/auth/team-actor";
import { str, type Command } from "../command";
import { parseRole, teamBySlug } from "./resolve";

export const memberRole: Command = {
  name: "member:role",
  summary: "Change a member's role (their sessions end; the last owner cannot be demoted)",
  options: {
    team: { type: "string", required: true, placeholder: "<slug>", description: "Team slug" },
    email: { type: "string", required: true, placeholder: "<email>", description: "E-mail of the member" },
    role: { type: "string", required: true, placeholder: "<role>", description: "owner, admin, supervisor or agent" },
  },
  examples: ["npm run portal -- member:role --team acme --email grace@example.com --role admin"],
  async run(options, io) {
    const role = parseRole(str(options, "role"));
    const team = await teamBySlug(str(options, "team"));
    const email = str(options, "email").trim().toLowerCase();
    const target = (await listMembers(operatorActor(team.id))).find((m) => m.email === email);
    if (!target) throw new AppError("NOT_FOUND", `${email} is not a member of ${team.slug}.`);
    const result = await changeMemberRole({ actor: operatorActor(team.id), membershipId: target.membershipId, role });
    io.out(result.changed ? `${email} is now ${role.toLowerCase()} in ${team.slug} (was ${target.role.toLowerCase()}).` : `${email} is already ${role.toLowerCase()} in ${team.slug}; nothing changed.`);
  },
};

import { addMember } from "@/lib/members/add-member";
import { operatorActor } from "@/lib/auth/team-actor";
import { str, type Command } from "../command";
import { parseRole, teamBySlug, userByEmail } from "./resolve";

export const memberAdd: Command = {
  name: "member:add",
  summary: "Add an existing user to a team with a role",
  options: {
    team: { type: "string", required: true, placeholder: "<slug>", description: "Team slug" },
    email: { type: "string", required: true, placeholder: "<email>", description: "E-mail of an existing user" },
    role: { type: "string", required: true, placeholder: "<role>", description: "owner, admin, supervisor or agent" },
  },
  examples: ["npm run portal -- member:add --team acme --email grace@example.com --role supervisor"],
  async run(options, io) {
    const role = parseRole(str(options, "role"));
    const team = await teamBySlug(str(options, "team"));
    const user = await userByEmail(str(options, "email"));
    const member = await addMember({ actor: operatorActor(team.id), userId: user.id, role });
    io.out(`Added ${member.email} to ${team.slug} as ${member.role.toLowerCase()}.`);
  },
};

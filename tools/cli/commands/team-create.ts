import { AppError } from "@/lib/errors";
import { createTeam } from "@/lib/teams/create-team";
import { findUserByEmail } from "@/lib/users/find-user-by-email";
import { str, type Command } from "../command";

export const teamCreate: Command = {
  name: "team:create",
  summary: "Create a team with an existing user as its owner",
  options: {
    name: { type: "string", required: true, placeholder: "<name>", description: "Team name" },
    slug: { type: "string", required: true, placeholder: "<slug>", description: "Address in URLs: lowercase letters, digits, hyphens" },
    owner: { type: "string", required: true, placeholder: "<email>", description: "E-mail of the user who becomes the owner" },
    "time-zone": { type: "string", placeholder: "<iana>", description: "IANA time zone (default Europe/Istanbul)" },
    country: { type: "string", placeholder: "<cc>", description: "ISO 3166-1 alpha-2 country (default TR)" },
  },
  examples: ['npm run portal -- team:create --name "Acme Support" --slug acme --owner ada@example.com --time-zone Europe/Berlin --country DE'],
  async run(options, io) {
    const ownerEmail = str(options, "owner");
    const owner = await findUserByEmail(ownerEmail);
    if (!owner) throw new AppError("NOT_FOUND", `No user with e-mail ${ownerEmail}: create one first with user:create.`);
    const team = await createTeam({
      ownerUserId: owner.id,
      name: str(options, "name"),
      slug: str(options, "slug"),
      timeZone: typeof options["time-zone"] === "string" ? options["time-zone"] : undefined,
      country: typeof options.country === "string" ? options.country : undefined,
      auditActor: { id: null, email: "operator:cli" },
    });
    io.out(`Created team "${team.name}" (${team.slug}, ${team.timeZone}, ${team.country}) owned by ${owner.email}.`);
  },
};

// `index:purge`: deletes a team's search index now (as an operator); `--off` also sets retention off.
import { operatorActor } from "@/lib/auth/team-actor";
import { purgeIndex } from "@/lib/call-index/purge-index";
import { str, type Command } from "../command";
import { TEAM_OPTION } from "./index-status";
import { teamBySlug } from "./resolve";

export const indexPurge: Command = {
  name: "index:purge",
  summary: "Delete a team's search index now (its transcripts and phone numbers); --off also turns it off",
  options: {
    team: TEAM_OPTION,
    off: { type: "boolean", description: "Also turn the index off (retention off), so the sync does not copy the calls again" },
  },
  examples: ["npm run portal -- index:purge --team acme", "npm run portal -- index:purge --team acme --off"],
  async run(options, io) {
    const team = await teamBySlug(str(options, "team"));
    const { purged, retentionDays } = await purgeIndex(operatorActor(team.id), { turnOff: options.off === true });
    const next =
      retentionDays === null
        ? "The index is off: nothing is copied from WhatTalk until it is turned on in Settings → Search index."
        : `The index is still on (${retentionDays} days): the next sync run copies the calls again. Use --off to stop that.`;
    io.out(`Deleted ${purged} indexed call${purged === 1 ? "" : "s"} and the sync state of ${team.slug}. ${next}`);
  },
};

// `index:rebuild`: flags a team's search index for a rebuild (as an operator): the sync's next run
// deletes the indexed calls and starts the backfill again.
import { operatorActor } from "@/lib/auth/team-actor";
import { requestIndexRebuild } from "@/lib/call-index/request-index-rebuild";
import { str, type Command } from "../command";
import { TEAM_OPTION, when } from "./index-status";
import { teamBySlug } from "./resolve";

export const indexRebuild: Command = {
  name: "index:rebuild",
  summary: "Ask for a rebuild of a team's search index (the next sync run deletes it and backfills again)",
  options: { team: TEAM_OPTION },
  examples: ["npm run portal -- index:rebuild --team acme"],
  async run(options, io) {
    const team = await teamBySlug(str(options, "team"));
    const { requestedAt } = await requestIndexRebuild(operatorActor(team.id));
    io.out(`Rebuild of ${team.slug}'s search index requested at ${when(requestedAt.toISOString())}: the next sync run deletes the indexed calls and starts the backfill again.`);
  },
};

import { json, readJson } from "@/lib/http/route";
import { addDirectoryEntry } from "@/lib/directory/edit-directory";
import { directoryEntrySchema } from "@/lib/directory/schema";
import { memberActor } from "@/lib/auth/team-actor";
import { teamRoute } from "@/lib/http/team-route";

/** Adds a campaign by hand: { id, name } (assignments:manage). */
export const POST = teamRoute("assignments:manage", async (access, req) => {
  const entry = await readJson(req, directoryEntrySchema);
  return json({ campaign: await addDirectoryEntry({ actor: memberActor(access), kind: "campaign", entry }) }, { status: 201 });
});

import { requireTeam } from "@/lib/auth/team-access";
import { json, readJson, route } from "@/lib/http/route";
import { addDirectoryEntry } from "@/lib/directory/edit-directory";
import { directoryEntrySchema } from "@/lib/directory/schema";
import { memberActor } from "@/lib/teams/team-actor";

/** Adds a assistant by hand: { id, name } (assignments:manage). */
export const POST = route<{ teamId: string }>(async (req, { teamId }) => {
  const access = await requireTeam({ teamId }, "assignments:manage");
  const entry = await readJson(req, directoryEntrySchema);
  return json({ assistant: await addDirectoryEntry({ actor: memberActor(access), kind: "assistant", entry }) }, { status: 201 });
});

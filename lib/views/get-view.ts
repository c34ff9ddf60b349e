import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import { contextFor, toDTO } from "./dto";
import { loadVisible } from "./select";
import type { SavedViewDTO } from "./types";

/** One view the member may see (a team view, or their own personal view); 404 otherwise. */
export async function getView(access: TeamAccess, viewId: string): Promise<SavedViewDTO> {
  const row = await loadVisible(access, viewId);
  return toDTO(access, row, await contextFor(access, [row]));
}

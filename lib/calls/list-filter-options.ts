import "server-only";
import type { TeamAccess } from "@/lib/auth/team-access";
import { listDirectory } from "@/lib/directory/list-directory";
import type { CallScope } from "./scope";

export type FilterOption = { id: number; name: string };
export type CallFilterOptions = { assistants: FilterOption[]; campaigns: FilterOption[] };

/** The assistants and campaigns the calls filter bar offers: an agent's assigned assistants only (named from the directory when known). */
export async function listCallFilterOptions(access: TeamAccess, scope: CallScope): Promise<CallFilterOptions> {
  const directory = await listDirectory(access, scope.kind === "assigned" ? { onlyAssistantIds: scope.assistants.map((a) => a.id) } : {});
  const assistants =
    scope.kind === "assigned"
      ? scope.assistants.map((a) => ({ id: a.id, name: directory.assistants.find((d) => d.id === a.id)?.name ?? a.label }))
      : directory.assistants.map((a) => ({ id: a.id, name: a.name }));
  return { assistants, campaigns: directory.campaigns.map((c) => ({ id: c.id, name: c.name })) };
}

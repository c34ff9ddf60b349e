import "server-only";
import { unstable_rethrow } from "next/navigation";
import { cache } from "react";
import { teamPage } from "@/lib/http/team-page";
import { PAGE_SCOPES } from "@/lib/http/page-scopes";
import type { TeamAccess } from "@/lib/auth/team-access";
import type { AppError } from "@/lib/errors";
import { toAppError } from "@/lib/http/to-app-error";
import { logger } from "@/lib/logger";
import type { CallDetailDTO } from "./dto";
import { getTeamCall, parseCallId } from "./get-call";

export type CallPageOutcome = { ok: true; call: CallDetailDTO } | { ok: false; error: AppError };

/**
 * The call page's access and call, once per request (its layout's access check and the page share
 * it). Unknown, malformed, other accounts' and out-of-scope ids all end as NOT_FOUND.
 */
export const loadCallPage = cache(async (teamSlug: string, rawId: string): Promise<{ access: TeamAccess; outcome: CallPageOutcome }> => {
  const access = await teamPage(PAGE_SCOPES["/teams/[teamSlug]/calls/[callId]"])(teamSlug);
  try {
    return { access, outcome: { ok: true, call: await getTeamCall(access, parseCallId(rawId)) } };
  } catch (error) {
    unstable_rethrow(error);
    const appError = toAppError(error);
    if (appError.code === "INTERNAL") {
      logger.error({ teamId: access.team.id, err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }, "call page: loading the call failed");
    }
    return { access, outcome: { ok: false, error: appError } };
  }
});

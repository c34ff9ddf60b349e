import type { Metadata } from "next";
import Link from "next/link";
import { notFound, unstable_rethrow } from "next/navigation";
import { ArrowLeftIcon } from "lucide-react";

import { CallDetail } from "@/components/calls/call-detail";
import { CallsErrorPanel } from "@/components/calls/calls-error-panel";
import { Button } from "@/components/ui/button";
import { requireTeamPage } from "@/lib/auth/page";
import type { TeamAccess } from "@/lib/auth/team-access";
import type { CallDetailDTO } from "@/lib/calls/dto";
import { getTeamCall, parseCallId } from "@/lib/calls/get-call";
import { safeCallsBackHref } from "@/lib/calls/links";
import { AppError } from "@/lib/errors";
import { toAppError } from "@/lib/http/to-app-error";
import { logger } from "@/lib/logger";

type Props = {
  params: Promise<{ teamSlug: string; callId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { callId } = await params;
  return { title: /^\d{1,10}$/.test(callId) ? `Call ${callId}` : "Call" };
}

const SCOPES = ["calls:read:all", "calls:read:assigned"] as const;

type Outcome = { ok: true; call: CallDetailDTO } | { ok: false; error: AppError };

async function load(access: TeamAccess, rawId: string): Promise<Outcome> {
  try {
    return { ok: true, call: await getTeamCall(access, parseCallId(rawId)) };
  } catch (error) {
    unstable_rethrow(error);
    const appError = toAppError(error);
    if (appError.code === "INTERNAL") {
      logger.error({ teamId: access.team.id, err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }, "call page: loading the call failed");
    }
    return { ok: false, error: appError };
  }
}

export default async function CallPage({ params, searchParams }: Props) {
  const { teamSlug, callId } = await params;
  const access = await requireTeamPage(teamSlug, [...SCOPES]);
  const backHref = safeCallsBackHref(access.team.slug, (await searchParams).back);
  const outcome = await load(access, callId);
  // Unknown ids, other accounts' calls and calls outside an agent's assistants all look the same.
  if (!outcome.ok && outcome.error.code === "NOT_FOUND") notFound();

  return (
    <div className="space-y-4">
      <Button asChild variant="ghost" size="sm" className="-ml-2">
        <Link href={backHref}>
          <ArrowLeftIcon aria-hidden="true" />
          Back to calls
        </Link>
      </Button>
      {outcome.ok ? (
        <CallDetail call={outcome.call} teamId={access.team.id} timeZone={access.team.timeZone} />
      ) : (
        <>
          <h1 className="text-2xl font-semibold tracking-tight">{`Call ${callId}`}</h1>
          <CallsErrorPanel error={outcome.error} subject="call" teamSlug={access.team.slug} canManageConnection={access.can("credentials:manage")} />
        </>
      )}
    </div>
  );
}

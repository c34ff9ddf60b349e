import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeftIcon } from "lucide-react";

import { CallDetail } from "@/components/calls/call-detail";
import { CallsErrorPanel } from "@/components/calls/calls-error-panel";
import { Button } from "@/components/ui/button";
import { loadCallPage } from "@/lib/calls/call-page";
import { safeCallsBackHref } from "@/lib/calls/links";
import { MAX_SEARCH_LENGTH } from "@/lib/search/parse-query";

type Props = {
  params: Promise<{ teamSlug: string; callId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { callId } = await params;
  return { title: /^\d{1,10}$/.test(callId) ? `Call ${callId}` : "Call" };
}

export default async function CallPage({ params, searchParams }: Props) {
  const { teamSlug, callId } = await params;
  const { access, outcome } = await loadCallPage(teamSlug, callId);
  const query = await searchParams;
  const backHref = safeCallsBackHref(access.team.slug, query.back);
  // Opened from a search result: the search, highlighted in the transcript (only ever text on the page).
  const search = typeof query.q === "string" && query.q.length <= MAX_SEARCH_LENGTH ? query.q : null;
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
        <CallDetail call={outcome.call} teamId={access.team.id} timeZone={access.team.timeZone} search={search} />
      ) : (
        <>
          <h1 className="text-2xl font-semibold tracking-tight">{`Call ${callId}`}</h1>
          <CallsErrorPanel error={outcome.error} subject="call" teamSlug={access.team.slug} canManageConnection={access.can("credentials:manage")} />
        </>
      )}
    </div>
  );
}

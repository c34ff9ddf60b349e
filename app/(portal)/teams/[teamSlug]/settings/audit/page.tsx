import type { Metadata } from "next";
import { AuditFilters, AuditPagination, AuditTable } from "@/components/settings/audit-log";
import { SectionCard } from "@/components/settings/section-card";
import { PAGE_SCOPES } from "@/lib/http/page-scopes";
import { teamPage } from "@/lib/http/team-page";
import { listAuditActions, listAuditEvents } from "@/lib/audit/list-audit-events";
import { listMembers } from "@/lib/members/list-members";
import { searchParamsToObject } from "@/lib/validation/parse";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ teamSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { teamSlug } = await params;
  const access = await teamPage(PAGE_SCOPES["/teams/[teamSlug]/settings/audit"])(teamSlug);
  const query = searchParamsToObject(await searchParams);
  const [page, actions, members] = await Promise.all([
    listAuditEvents(access, { action: query.action, member: query.member, page: query.page, pageSize: 50 }),
    listAuditActions(access),
    listMembers(access),
  ]);
  const base = `/teams/${access.team.slug}/settings/audit`;
  const href = (p: number) => {
    const sp = new URLSearchParams();
    if (query.action) sp.set("action", query.action);
    if (query.member) sp.set("member", query.member);
    if (p > 1) sp.set("page", String(p));
    const s = sp.toString();
    return s ? `${base}?${s}` : base;
  };

  return (
    <SectionCard title="Audit log" description={<>Who did what to whom, newest first. Times in {access.team.timeZone}.</>} contentClassName="space-y-4">
      <AuditFilters base={base} query={query} actions={actions} members={members} />

      <AuditTable events={page.events} filtered={!!(query.action || query.member)} timeZone={access.team.timeZone} />

      <AuditPagination page={page} href={href} />
    </SectionCard>
  );
}

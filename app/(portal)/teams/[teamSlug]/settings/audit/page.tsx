import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/settings/section-card";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Pagination, PaginationContent, PaginationItem, PaginationNext, PaginationPrevious } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { teamPage } from "@/lib/http/team-page";
import { describeAuditData } from "@/lib/audit/describe";
import { auditActionLabel } from "@/lib/audit/labels";
import { listAuditActions, listAuditEvents } from "@/lib/audit/list-audit-events";
import { listMembers } from "@/lib/members/list-members";
import { formatInTimeZone } from "@/lib/teams/format";
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
  const access = await teamPage("audit:read")(teamSlug);
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
      <form method="get" action={base} className="flex flex-col gap-3 sm:flex-row sm:items-end" role="search" aria-label="Filter the audit log">
        <div className="space-y-2">
          <Label htmlFor="audit-action">Action</Label>
          <NativeSelect id="audit-action" name="action" defaultValue={query.action ?? ""} containerClassName="w-full sm:w-56">
            <NativeSelectOption value="">All actions</NativeSelectOption>
            {actions.map((a) => (
              <NativeSelectOption key={a} value={a}>
                {auditActionLabel(a)}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-2">
          <Label htmlFor="audit-member">Member</Label>
          <NativeSelect id="audit-member" name="member" defaultValue={query.member ?? ""} containerClassName="w-full sm:w-64">
            <NativeSelectOption value="">Everyone</NativeSelectOption>
            {members.map((m) => (
              <NativeSelectOption key={m.userId} value={m.userId}>
                {m.name} ({m.email})
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" variant="outline">
          Filter
        </Button>
      </form>

      {page.events.length === 0 ? (
        <EmptyState title="No events" description={query.action || query.member ? "Nothing matches these filters." : "Changes to the team will show up here."} />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Who</TableHead>
              <TableHead>What</TableHead>
              <TableHead>Whom</TableHead>
              <TableHead className="hidden md:table-cell">Details</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.events.map((e) => (
              <TableRow key={e.id}>
                <TableCell className="whitespace-nowrap">
                  <time dateTime={e.createdAt}>{formatInTimeZone(e.createdAt, access.team.timeZone)}</time>
                </TableCell>
                <TableCell>
                  <div className="max-w-[12rem] truncate" title={e.actor?.label}>
                    {e.actor?.label ?? "system"}
                  </div>
                </TableCell>
                <TableCell>{auditActionLabel(e.action)}</TableCell>
                <TableCell>
                  <div className="max-w-[12rem] truncate" title={e.target?.label ?? undefined}>
                    {e.target?.label ?? ""}
                  </div>
                </TableCell>
                <TableCell className="hidden text-muted-foreground md:table-cell">
                  <div className="max-w-sm text-xs break-words whitespace-normal">{describeAuditData(e.action, e.data)}</div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      {page.pageCount > 1 ? (
        <Pagination>
          <PaginationContent>
            <PaginationItem>
              <PaginationPrevious href={page.page > 1 ? href(page.page - 1) : null} />
            </PaginationItem>
            <PaginationItem>
              <span className="px-2 text-sm text-muted-foreground">
                Page {page.page} of {page.pageCount} · {page.total} events
              </span>
            </PaginationItem>
            <PaginationItem>
              <PaginationNext href={page.page < page.pageCount ? href(page.page + 1) : null} />
            </PaginationItem>
          </PaginationContent>
        </Pagination>
      ) : null}
    </SectionCard>
  );
}

// The audit log page's parts: the filter form, the events table and the pagination.
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Pagination, PaginationContent, PaginationItem, PaginationNext, PaginationPrevious } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { describeAuditData } from "@/lib/audit/describe";
import { auditActionLabel } from "@/lib/audit/labels";
import type { AuditEventDTO, AuditPage } from "@/lib/audit/list-audit-events";
import type { MemberDTO } from "@/lib/members/types";
import { formatInTimeZone } from "@/lib/teams/format";

export function AuditFilters({ base, query, actions, members }: { base: string; query: { action?: string; member?: string }; actions: string[]; members: Pick<MemberDTO, "userId" | "name" | "email">[] }) {
  return (
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
  );
}

export function AuditTable({ events, filtered, timeZone }: { events: AuditEventDTO[]; filtered: boolean; timeZone: string }) {
  return events.length === 0 ? (
    <EmptyState title="No events" description={filtered ? "Nothing matches these filters." : "Changes to the team will show up here."} />
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
        {events.map((e) => (
          <TableRow key={e.id}>
            <TableCell className="whitespace-nowrap">
              <time dateTime={e.createdAt}>{formatInTimeZone(e.createdAt, timeZone)}</time>
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
  );
}

export function AuditPagination({ page, href }: { page: Pick<AuditPage, "page" | "pageCount" | "total">; href: (page: number) => string }) {
  return page.pageCount > 1 ? (
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
  ) : null;
}

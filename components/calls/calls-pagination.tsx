import { Pagination, PaginationContent, PaginationEllipsis, PaginationItem, PaginationLink, PaginationNext, PaginationPrevious, getPageRange } from "@/components/ui/pagination";
import { formatCount } from "@/lib/calls/format";
import { callsListHref } from "@/lib/calls/links";
import { listQuery, type RawFilters } from "./list-query";
import { PageSizeSelect } from "./page-size-select";

/** "1–25 of 6,443", page links (real links: they work before hydration) and the page size. */
export function CallsPagination({ teamSlug, values, page, perPage, total, lastPage, shown }: { teamSlug: string; values: RawFilters; page: number; perPage: number; total: number; lastPage: number; shown: number }) {
  const href = (n: number) => callsListHref(teamSlug, listQuery({ ...values, page: String(n) }));
  const from = shown ? (page - 1) * perPage + 1 : 0;
  const to = shown ? from + shown - 1 : 0;
  return (
    <div className="flex flex-col items-center gap-3 sm:flex-row sm:justify-between">
      <p className="text-sm text-muted-foreground tabular-nums" aria-live="polite">
        {`${formatCount(from)}–${formatCount(to)} of ${formatCount(total)}`}
      </p>
      {lastPage > 1 ? (
        <Pagination aria-label="Pages of calls" className="mx-0 w-auto">
          <PaginationContent className="flex-wrap justify-center">
            <PaginationItem>
              <PaginationPrevious href={page > 1 ? href(Math.min(page - 1, lastPage)) : null} />
            </PaginationItem>
            {getPageRange(page, lastPage).map((p, i) =>
              p === "ellipsis" ? (
                <PaginationItem key={`e${i}`} className="max-sm:hidden">
                  <PaginationEllipsis />
                </PaginationItem>
              ) : (
                <PaginationItem key={p} className={p === page ? undefined : "max-sm:hidden"}>
                  <PaginationLink href={href(p)} isActive={p === page} aria-label={`Page ${p}`}>
                    {p}
                  </PaginationLink>
                </PaginationItem>
              ),
            )}
            <PaginationItem>
              <PaginationNext href={page < lastPage ? href(page + 1) : null} />
            </PaginationItem>
          </PaginationContent>
        </Pagination>
      ) : null}
      <PageSizeSelect teamSlug={teamSlug} values={values} perPage={perPage} />
    </div>
  );
}

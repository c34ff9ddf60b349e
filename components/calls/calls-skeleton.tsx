import { Skeleton } from "@/components/ui/skeleton";

/** Placeholder for the calls table while the list loads (also after each filter change). */
export function CallsTableSkeleton({ rows = 10 }: { rows?: number }) {
  return (
    <div className="space-y-2" data-testid="calls-skeleton">
      <p role="status" className="sr-only">
        Loading calls…
      </p>
      <div className="flex items-center justify-between">
        <Skeleton className="h-5 w-32" />
        <Skeleton className="h-8 w-24" />
      </div>
      <div className="overflow-hidden rounded-md border">
        <div className="flex gap-4 border-b px-2 py-3">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-4 flex-1" />
          ))}
        </div>
        {Array.from({ length: rows }, (_, r) => (
          <div key={r} className="flex items-center gap-4 border-b px-2 py-3 last:border-0">
            <Skeleton className="h-4 w-24" />
            <Skeleton className="h-4 w-16" />
            <Skeleton className="h-5 w-20 rounded-md" />
            <Skeleton className="h-4 flex-1" />
            <Skeleton className="h-4 flex-1 max-sm:hidden" />
            <Skeleton className="h-4 w-28 max-sm:hidden" />
            <Skeleton className="h-4 w-10" />
            <Skeleton className="h-4 w-12 max-md:hidden" />
          </div>
        ))}
      </div>
    </div>
  );
}

/** Placeholder for the filter bar on the first load. */
export function FilterBarSkeleton() {
  return (
    <div className="flex flex-wrap gap-3" aria-hidden="true">
      {["w-44", "w-32", "w-52", "w-56", "w-56", "w-40", "w-40", "w-40"].map((w, i) => (
        <div key={i} className="flex flex-col gap-1.5 max-md:hidden">
          <Skeleton className="h-3.5 w-16" />
          <Skeleton className={`h-9 ${w}`} />
        </div>
      ))}
      <Skeleton className="h-9 w-full md:hidden" />
    </div>
  );
}

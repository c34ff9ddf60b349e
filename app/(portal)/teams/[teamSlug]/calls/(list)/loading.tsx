import { CallsTableSkeleton, FilterBarSkeleton } from "@/components/calls/calls-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function CallsLoading() {
  return (
    <div className="space-y-5">
      <div className="flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Calls</h1>
        <Skeleton className="h-4 w-40" />
      </div>
      {/* The saved-views toolbar. */}
      <Skeleton className="h-9 w-52" />
      <FilterBarSkeleton />
      <CallsTableSkeleton />
    </div>
  );
}

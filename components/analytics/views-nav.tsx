// Saved views on the analytics page: the same presets as the calls list, applied to the charts.
// Server component; plain links (the URL is the state, as everywhere).
import { BookmarkIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { filtersKey, viewFilterParams } from "@/lib/views/links";
import type { SavedViewDTO } from "@/lib/views/types";

export function AnalyticsViewsNav({ action, views, currentKey }: { action: string; views: SavedViewDTO[]; currentKey: string | null }) {
  const usable = views.filter((v) => v.parsed);
  if (!usable.length) return null;
  return (
    <nav aria-label="Saved views" className="flex flex-wrap items-center gap-2">
      <span className="flex items-center gap-1.5 text-sm text-muted-foreground">
        <BookmarkIcon className="size-4" aria-hidden="true" />
        Saved views
      </span>
      {usable.map((v) => {
        const params = viewFilterParams(v);
        params.delete("per_page");
        const current = currentKey !== null && filtersKey({ ...v.parsed!, per_page: undefined }) === currentKey;
        const qs = params.toString();
        return (
          <Button key={v.id} asChild size="sm" variant={current ? "secondary" : "outline"}>
            <Link href={qs ? `${action}?${qs}` : action} aria-current={current ? "true" : undefined} prefetch={false} title={v.visibility === "TEAM" ? "Team view" : "My view"}>
              {v.name}
            </Link>
          </Button>
        );
      })}
    </nav>
  );
}

"use client";

import * as React from "react";
import { useRouter } from "next/navigation";

import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { callsListHref } from "@/lib/calls/links";
import { PAGE_SIZES } from "@/lib/validation/call-filter-descriptor";
import { listQuery, type RawFilters } from "./list-query";

/** Rows per page; changing it goes back to page 1. */
export function PageSizeSelect({ teamSlug, values, perPage }: { teamSlug: string; values: RawFilters; perPage: number }) {
  const router = useRouter();
  const id = React.useId();
  const [, startTransition] = React.useTransition();
  const sizes: number[] = (PAGE_SIZES as readonly number[]).includes(perPage) ? [...PAGE_SIZES] : [...PAGE_SIZES, perPage].sort((a, b) => a - b);
  return (
    <div className="flex items-center gap-2">
      <Label htmlFor={id} className="font-normal whitespace-nowrap text-muted-foreground">
        Rows per page
      </Label>
      <NativeSelect
        id={id}
        size="sm"
        value={String(perPage)}
        onChange={(e) => {
          const href = callsListHref(teamSlug, listQuery({ ...values, page: undefined, per_page: e.target.value }));
          startTransition(() => router.push(href, { scroll: false }));
        }}
      >
        {sizes.map((s) => (
          <NativeSelectOption key={s} value={String(s)}>
            {s}
          </NativeSelectOption>
        ))}
      </NativeSelect>
    </div>
  );
}

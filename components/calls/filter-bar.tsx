"use client";

// The calls filter bar. The URL is the state (./use-filter-bar.ts): back/forward and pasted URLs
// simply render. On small screens the fields (./filter-fields.tsx) move into a sheet.
import { FilterIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Sheet, SheetClose, SheetContent, SheetDescription, SheetFooter, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { Spinner } from "@/components/ui/spinner";
import { FilterFields, type DatePresetOption, type FieldsProps } from "./filter-fields";
import type { PickerOption } from "./filter-inputs";
import { hasSelection, SELECTION_KEYS, type RawFilters } from "./list-query";
import { useFilterBar } from "./use-filter-bar";

export type { DatePresetOption, PickerOption };

export type CallsFilterBarProps = Omit<FieldsProps, "values" | "apply" | "type" | "clear" | "active" | "layout" | "pending"> & {
  teamSlug: string;
  /** The raw values in the URL (also invalid ones, so they can be corrected), with the applied view's `view`. */
  values: RawFilters;
};

export function CallsFilterBar(props: CallsFilterBarProps) {
  const { incoming, values, apply, type, clear, isPending } = useFilterBar(props.teamSlug, props.values);
  const active = hasSelection(incoming);
  // A date range counts once, as a preset or as dates.
  const activeCount = SELECTION_KEYS.filter((k) => k !== "date_to" && k !== "date_from" && incoming[k] !== "").length + (!incoming.date_preset && (incoming.date_from || incoming.date_to) ? 1 : 0);
  const fieldsProps: FieldsProps = { ...props, values, apply, type, clear, active };

  return (
    <section aria-label="Filters" className="space-y-3">
      <div className="flex items-center gap-2 md:hidden">
        <Sheet>
          <SheetTrigger asChild>
            <Button variant="outline" className="flex-1 justify-start">
              <FilterIcon aria-hidden="true" />
              Filters
              {activeCount ? (
                <span className="ml-auto rounded-full bg-primary px-2 text-xs text-primary-foreground">
                  {activeCount}
                  <span className="sr-only"> active</span>
                </span>
              ) : null}
            </Button>
          </SheetTrigger>
          <SheetContent side="bottom" className="px-4 pb-6">
            <SheetHeader className="px-0">
              <SheetTitle>Filter calls</SheetTitle>
              <SheetDescription>Changes apply as you make them.</SheetDescription>
            </SheetHeader>
            <FilterFields {...fieldsProps} layout="stacked" />
            {/* Filters apply as they change; this closes the sheet onto the list (focus returns to "Filters"). */}
            <SheetFooter className="px-0 pt-0 pb-0">
              <SheetClose asChild>
                <Button>Show calls</Button>
              </SheetClose>
            </SheetFooter>
          </SheetContent>
        </Sheet>
        {active ? (
          <Button variant="ghost" onClick={clear}>
            Clear filters
          </Button>
        ) : null}
        {isPending ? <Spinner label="Updating the list" className="size-4" /> : null}
      </div>
      <div className="hidden md:block">
        <FilterFields {...fieldsProps} layout="inline" pending={isPending} />
      </div>
    </section>
  );
}

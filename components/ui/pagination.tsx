import * as React from "react";
import Link from "next/link";
import type { VariantProps } from "class-variance-authority";
import { ChevronLeftIcon, ChevronRightIcon, MoreHorizontalIcon } from "lucide-react";

import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/*
 * Pagination built from real links (Next `Link` -> `<a href>`), so paging
 * works before hydration and without JavaScript. Server-component safe.
 */

function Pagination({ className, "aria-label": ariaLabel = "Pagination", ...props }: React.ComponentProps<"nav">) {
  return (
    <nav
      aria-label={ariaLabel}
      data-slot="pagination"
      className={cn("mx-auto flex w-full justify-center", className)}
      {...props}
    />
  );
}

function PaginationContent({ className, ...props }: React.ComponentProps<"ul">) {
  return <ul data-slot="pagination-content" className={cn("flex flex-row items-center gap-1", className)} {...props} />;
}

function PaginationItem({ ...props }: React.ComponentProps<"li">) {
  return <li data-slot="pagination-item" {...props} />;
}

type PaginationLinkProps = React.ComponentProps<typeof Link> &
  Pick<VariantProps<typeof buttonVariants>, "size"> & {
    /** Marks the current page (`aria-current="page"`, outlined style). */
    isActive?: boolean;
  };

function PaginationLink({ className, isActive, size = "icon", ...props }: PaginationLinkProps) {
  return (
    <Link
      aria-current={isActive ? "page" : undefined}
      data-slot="pagination-link"
      data-active={isActive ? "true" : undefined}
      className={cn(buttonVariants({ variant: isActive ? "outline" : "ghost", size }), className)}
      {...props}
    />
  );
}

type PaginationStepProps = Omit<PaginationLinkProps, "href" | "isActive"> & {
  /** Target page; `null`/`undefined` renders a disabled, non-focusable placeholder. */
  href?: PaginationLinkProps["href"] | null;
};

function PaginationDisabled({ className, children }: { className?: string; children: React.ReactNode }) {
  return (
    <span
      aria-disabled="true"
      data-slot="pagination-link"
      data-disabled="true"
      className={cn(buttonVariants({ variant: "ghost", size: "default" }), "pointer-events-none opacity-50", className)}
    >
      {children}
    </span>
  );
}

function PaginationPrevious({ className, href, children = "Previous", ...props }: PaginationStepProps) {
  const content = (
    <>
      <ChevronLeftIcon aria-hidden="true" />
      <span className="max-sm:sr-only">{children}</span>
    </>
  );
  if (href == null) {
    return <PaginationDisabled className={cn("gap-1 px-2.5 sm:pl-2", className)}>{content}</PaginationDisabled>;
  }
  return (
    <PaginationLink href={href} rel="prev" size="default" className={cn("gap-1 px-2.5 sm:pl-2", className)} {...props}>
      {content}
    </PaginationLink>
  );
}

function PaginationNext({ className, href, children = "Next", ...props }: PaginationStepProps) {
  const content = (
    <>
      <span className="max-sm:sr-only">{children}</span>
      <ChevronRightIcon aria-hidden="true" />
    </>
  );
  if (href == null) {
    return <PaginationDisabled className={cn("gap-1 px-2.5 sm:pr-2", className)}>{content}</PaginationDisabled>;
  }
  return (
    <PaginationLink href={href} rel="next" size="default" className={cn("gap-1 px-2.5 sm:pr-2", className)} {...props}>
      {content}
    </PaginationLink>
  );
}

function PaginationEllipsis({ className, ...props }: React.ComponentProps<"span">) {
  return (
    <span
      data-slot="pagination-ellipsis"
      className={cn("flex size-9 items-center justify-center text-muted-foreground", className)}
      {...props}
    >
      <MoreHorizontalIcon className="size-4" aria-hidden="true" />
      <span className="sr-only">More pages</span>
    </span>
  );
}

/**
 * Page numbers to show for `page` of `totalPages` (both 1-based): the first and
 * last page, `siblings` pages either side of the current one, and "ellipsis"
 * for gaps of two or more pages. The result always has the same length
 * (2 * siblings + 5) once there are enough pages, so the control keeps its width.
 * getPageRange(6, 20) -> [1, "ellipsis", 5, 6, 7, "ellipsis", 20]
 */
function getPageRange(page: number, totalPages: number, siblings = 1): Array<number | "ellipsis"> {
  const total = Math.max(0, Math.floor(totalPages));
  if (total === 0) return [];
  const current = Math.min(Math.max(1, Math.floor(page)), total);
  const slots = 2 * siblings + 5;
  const pages = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  if (total <= slots) return pages(1, total);

  const left = Math.max(current - siblings, 1);
  const right = Math.min(current + siblings, total);
  const leftGap = left > 3;
  const rightGap = right < total - 2;
  const edgeCount = slots - 2; // pages shown on the side without a gap

  if (!leftGap && rightGap) return [...pages(1, edgeCount), "ellipsis", total];
  if (leftGap && !rightGap) return [1, "ellipsis", ...pages(total - edgeCount + 1, total)];
  return [1, "ellipsis", ...pages(left, right), "ellipsis", total];
}

export {
  getPageRange,
  Pagination,
  PaginationContent,
  PaginationEllipsis,
  PaginationItem,
  PaginationLink,
  PaginationNext,
  PaginationPrevious,
  type PaginationLinkProps,
};

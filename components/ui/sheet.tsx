"use client";

// Sheets in shadcn's style: the same parts and props as ./sheet-impl, loaded when first
// opened (or when the page is idle), so Radix stays out of the first-load JavaScript. See ./lazy-overlay.
import type * as React from "react";
import type * as Impl from "./sheet-impl";
import { lazyOverlay } from "./lazy-overlay";

const family = lazyOverlay({ load: () => import("./sheet-impl"), popup: "dialog", root: "Sheet", trigger: "SheetTrigger", content: "SheetContent" });

const Sheet = family.Root as unknown as (props: React.ComponentProps<typeof Impl.Sheet>) => React.ReactNode;
const SheetTrigger = family.Trigger as unknown as (props: React.ComponentProps<typeof Impl.SheetTrigger>) => React.ReactNode;
const SheetContent = family.Content as unknown as (props: React.ComponentProps<typeof Impl.SheetContent>) => React.ReactNode;
const SheetClose = family.part("SheetClose") as unknown as (props: React.ComponentProps<typeof Impl.SheetClose>) => React.ReactNode;
const SheetDescription = family.part("SheetDescription") as unknown as (props: React.ComponentProps<typeof Impl.SheetDescription>) => React.ReactNode;
const SheetFooter = family.part("SheetFooter") as unknown as (props: React.ComponentProps<typeof Impl.SheetFooter>) => React.ReactNode;
const SheetHeader = family.part("SheetHeader") as unknown as (props: React.ComponentProps<typeof Impl.SheetHeader>) => React.ReactNode;
const SheetTitle = family.part("SheetTitle") as unknown as (props: React.ComponentProps<typeof Impl.SheetTitle>) => React.ReactNode;
/** Starts loading the real components (e.g. before opening a controlled root from code). */
const preloadSheet = family.preload;

export {
  Sheet,
  SheetClose,
  SheetContent,
  SheetDescription,
  SheetFooter,
  SheetHeader,
  SheetTitle,
  SheetTrigger,
  preloadSheet,
};

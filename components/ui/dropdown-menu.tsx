"use client";

// Menus in shadcn's style: the same parts and props as ./dropdown-menu-impl, loaded when first
// opened (or when the page is idle), so Radix stays out of the first-load JavaScript. See ./lazy-overlay.
import type * as React from "react";
import type * as Impl from "./dropdown-menu-impl";
import { lazyOverlay } from "./lazy-overlay";

const family = lazyOverlay({ load: () => import("./dropdown-menu-impl"), popup: "menu", root: "DropdownMenu", trigger: "DropdownMenuTrigger", content: "DropdownMenuContent" });

const DropdownMenu = family.Root as unknown as (props: React.ComponentProps<typeof Impl.DropdownMenu>) => React.ReactNode;
const DropdownMenuTrigger = family.Trigger as unknown as (props: React.ComponentProps<typeof Impl.DropdownMenuTrigger>) => React.ReactNode;
const DropdownMenuContent = family.Content as unknown as (props: React.ComponentProps<typeof Impl.DropdownMenuContent>) => React.ReactNode;
const DropdownMenuCheckboxItem = family.part("DropdownMenuCheckboxItem") as unknown as (props: React.ComponentProps<typeof Impl.DropdownMenuCheckboxItem>) => React.ReactNode;
const DropdownMenuGroup = family.part("DropdownMenuGroup") as unknown as (props: React.ComponentProps<typeof Impl.DropdownMenuGroup>) => React.ReactNode;
const DropdownMenuItem = family.part("DropdownMenuItem") as unknown as (props: React.ComponentProps<typeof Impl.DropdownMenuItem>) => React.ReactNode;
const DropdownMenuLabel = family.part("DropdownMenuLabel") as unknown as (props: React.ComponentProps<typeof Impl.DropdownMenuLabel>) => React.ReactNode;
const DropdownMenuPortal = family.part("DropdownMenuPortal") as unknown as (props: React.ComponentProps<typeof Impl.DropdownMenuPortal>) => React.ReactNode;
const DropdownMenuRadioGroup = family.part("DropdownMenuRadioGroup") as unknown as (props: React.ComponentProps<typeof Impl.DropdownMenuRadioGroup>) => React.ReactNode;
const DropdownMenuRadioItem = family.part("DropdownMenuRadioItem") as unknown as (props: React.ComponentProps<typeof Impl.DropdownMenuRadioItem>) => React.ReactNode;
const DropdownMenuSeparator = family.part("DropdownMenuSeparator") as unknown as (props: React.ComponentProps<typeof Impl.DropdownMenuSeparator>) => React.ReactNode;
const DropdownMenuShortcut = family.part("DropdownMenuShortcut") as unknown as (props: React.ComponentProps<typeof Impl.DropdownMenuShortcut>) => React.ReactNode;
const DropdownMenuSub = family.part("DropdownMenuSub") as unknown as (props: React.ComponentProps<typeof Impl.DropdownMenuSub>) => React.ReactNode;
const DropdownMenuSubContent = family.part("DropdownMenuSubContent") as unknown as (props: React.ComponentProps<typeof Impl.DropdownMenuSubContent>) => React.ReactNode;
const DropdownMenuSubTrigger = family.part("DropdownMenuSubTrigger") as unknown as (props: React.ComponentProps<typeof Impl.DropdownMenuSubTrigger>) => React.ReactNode;
/** Starts loading the real components (e.g. before opening a controlled root from code). */
const preloadDropdownMenu = family.preload;

export {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuPortal,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuShortcut,
  DropdownMenuSub,
  DropdownMenuSubContent,
  DropdownMenuSubTrigger,
  DropdownMenuTrigger,
  preloadDropdownMenu,
};

"use client";

// Dialogs in shadcn's style: the same parts and props as ./dialog-impl, loaded when first
// opened (or when the page is idle), so Radix stays out of the first-load JavaScript. See ./lazy-overlay.
import type * as React from "react";
import type * as Impl from "./dialog-impl";
import { lazyOverlay } from "./lazy-overlay";

const family = lazyOverlay({ load: () => import("./dialog-impl"), popup: "dialog", root: "Dialog", trigger: "DialogTrigger", content: "DialogContent" });

const Dialog = family.Root as unknown as (props: React.ComponentProps<typeof Impl.Dialog>) => React.ReactNode;
const DialogTrigger = family.Trigger as unknown as (props: React.ComponentProps<typeof Impl.DialogTrigger>) => React.ReactNode;
const DialogContent = family.Content as unknown as (props: React.ComponentProps<typeof Impl.DialogContent>) => React.ReactNode;
const DialogClose = family.part("DialogClose") as unknown as (props: React.ComponentProps<typeof Impl.DialogClose>) => React.ReactNode;
const DialogDescription = family.part("DialogDescription") as unknown as (props: React.ComponentProps<typeof Impl.DialogDescription>) => React.ReactNode;
const DialogFooter = family.part("DialogFooter") as unknown as (props: React.ComponentProps<typeof Impl.DialogFooter>) => React.ReactNode;
const DialogHeader = family.part("DialogHeader") as unknown as (props: React.ComponentProps<typeof Impl.DialogHeader>) => React.ReactNode;
const DialogOverlay = family.part("DialogOverlay") as unknown as (props: React.ComponentProps<typeof Impl.DialogOverlay>) => React.ReactNode;
const DialogPortal = family.part("DialogPortal") as unknown as (props: React.ComponentProps<typeof Impl.DialogPortal>) => React.ReactNode;
const DialogTitle = family.part("DialogTitle") as unknown as (props: React.ComponentProps<typeof Impl.DialogTitle>) => React.ReactNode;
/** Starts loading the real components (e.g. before opening a controlled root from code). */
const preloadDialog = family.preload;

export {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogOverlay,
  DialogPortal,
  DialogTitle,
  DialogTrigger,
  preloadDialog,
};

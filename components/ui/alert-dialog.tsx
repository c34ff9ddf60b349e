"use client";

// Confirmation dialogs in shadcn's style: the same parts and props as ./alert-dialog-impl, loaded when first
// opened (or when the page is idle), so Radix stays out of the first-load JavaScript. See ./lazy-overlay.
import type * as React from "react";
import type * as Impl from "./alert-dialog-impl";
import { lazyOverlay } from "./lazy-overlay";

const family = lazyOverlay({ load: () => import("./alert-dialog-impl"), popup: "dialog", root: "AlertDialog", trigger: "AlertDialogTrigger", content: "AlertDialogContent" });

const AlertDialog = family.Root as unknown as (props: React.ComponentProps<typeof Impl.AlertDialog>) => React.ReactNode;
const AlertDialogTrigger = family.Trigger as unknown as (props: React.ComponentProps<typeof Impl.AlertDialogTrigger>) => React.ReactNode;
const AlertDialogContent = family.Content as unknown as (props: React.ComponentProps<typeof Impl.AlertDialogContent>) => React.ReactNode;
const AlertDialogAction = family.part("AlertDialogAction") as unknown as (props: React.ComponentProps<typeof Impl.AlertDialogAction>) => React.ReactNode;
const AlertDialogCancel = family.part("AlertDialogCancel") as unknown as (props: React.ComponentProps<typeof Impl.AlertDialogCancel>) => React.ReactNode;
const AlertDialogDescription = family.part("AlertDialogDescription") as unknown as (props: React.ComponentProps<typeof Impl.AlertDialogDescription>) => React.ReactNode;
const AlertDialogFooter = family.part("AlertDialogFooter") as unknown as (props: React.ComponentProps<typeof Impl.AlertDialogFooter>) => React.ReactNode;
const AlertDialogHeader = family.part("AlertDialogHeader") as unknown as (props: React.ComponentProps<typeof Impl.AlertDialogHeader>) => React.ReactNode;
const AlertDialogOverlay = family.part("AlertDialogOverlay") as unknown as (props: React.ComponentProps<typeof Impl.AlertDialogOverlay>) => React.ReactNode;
const AlertDialogPortal = family.part("AlertDialogPortal") as unknown as (props: React.ComponentProps<typeof Impl.AlertDialogPortal>) => React.ReactNode;
const AlertDialogTitle = family.part("AlertDialogTitle") as unknown as (props: React.ComponentProps<typeof Impl.AlertDialogTitle>) => React.ReactNode;
/** Starts loading the real components (e.g. before opening a controlled root from code). */
const preloadAlertDialog = family.preload;

export {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogOverlay,
  AlertDialogPortal,
  AlertDialogTitle,
  AlertDialogTrigger,
  preloadAlertDialog,
};

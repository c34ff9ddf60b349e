"use client";

// Toasts without sonner in the first-load JavaScript of every page: `Toaster` loads the real host
// (./sonner-host) once the page is idle after hydration, and `toast` queues calls made before it
// is ready, so callers use it exactly like sonner's `toast`.
import * as React from "react";
import type { ExternalToast } from "sonner";
import { whenIdle } from "./lazy-overlay";

type Host = typeof import("./sonner-host");
type Kind = "success" | "error" | "info" | "warning";

let hostModule: Promise<Host> | null = null;
const loadHost = () => (hostModule ??= import("./sonner-host"));

let markMounted: () => void = () => {};
const mounted = new Promise<void>((resolve) => (markMounted = resolve));
let requestHost: () => void = () => {};

function show(kind: Kind | null, message: string, data?: ExternalToast) {
  requestHost();
  void Promise.all([loadHost(), mounted]).then(([m]) => (kind ? m.sonnerToast[kind](message, data) : m.sonnerToast(message, data)));
}

/** sonner's `toast` (plain, success, error, info, warning), safe to call before the host has loaded. */
export const toast = Object.assign((message: string, data?: ExternalToast) => show(null, message, data), {
  success: (message: string, data?: ExternalToast) => show("success", message, data),
  error: (message: string, data?: ExternalToast) => show("error", message, data),
  info: (message: string, data?: ExternalToast) => show("info", message, data),
  warning: (message: string, data?: ExternalToast) => show("warning", message, data),
});

/** Toast host. Mount once (in the root layout, inside `ThemeProvider`); call `toast()` anywhere on the client. */
export function Toaster() {
  const [Host, setHost] = React.useState<Host["SonnerHost"] | null>(null);
  React.useEffect(() => {
    let done = false;
    const load = () => {
      if (done) return;
      done = true;
      void loadHost().then((m) => setHost(() => m.SonnerHost));
    };
    requestHost = load;
    whenIdle(load);
  }, []);
  return Host ? <Host onMounted={markMounted} /> : null;
}

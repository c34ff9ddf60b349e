"use client";

import { setNonce } from "get-nonce";

let documentNonce: string | undefined;

/**
 * The nonce of this document's CSP (proxy.ts). In the browser the first one wins: later RSC answers
 * (router.refresh(), navigations) were rendered for requests with nonces this document never allowed.
 */
export function cspNonce(nonce: string | undefined): string | undefined {
  // On the server this module is shared by every request: always the request's own nonce.
  if (typeof window === "undefined") return nonce;
  documentNonce ??= nonce;
  return documentNonce;
}

/** Hands the nonce to code that inserts <style> elements in the browser: react-remove-scroll (under
 * Radix's dialogs and menus) reads it through get-nonce. */
export function CspNonce({ nonce }: { nonce?: string }) {
  const current = cspNonce(nonce);
  if (current && typeof window !== "undefined") setNonce(current);
  return null;
}

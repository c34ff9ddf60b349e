// Shared helpers for the browser journeys.
import fs from "node:fs";
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { STACK_FILE } from "./support/global-setup";

export const DEMO_PASSWORD = "demo-password";
export const DEMO = {
  owner: "owner@demo.test",
  admin: "admin@demo.test",
  supervisor: "supervisor@demo.test",
  agent: "agent@demo.test",
  teamSlug: "demo",
} as const;

export function stackInfo(): { appUrl: string; simUrl: string; databaseUrl: string } {
  return JSON.parse(fs.readFileSync(STACK_FILE, "utf8"));
}

/** Signs in through the real sign-in form. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, callbackUrl = "/") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/** Calls the simulator's control API (faults, recorded requests). */
export async function simControl(request: APIRequestContext, path: string, method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH" = "GET", data?: unknown) {
  const res = await request.fetch(`${stackInfo().simUrl}/__control${path}`, { method, data });
  expect(res.ok()).toBeTruthy();
  return res.json();
}

/** The demo team's calls straight from the simulator, every page (brute-force expectations). */
export async function simCalls(query: Record<string, string>, key = "wt_demo_alpha"): Promise<{ id: number }[]> {
  const out: { id: number }[] = [];
  for (let page = 1; ; page++) {
    const res = await fetch(`${stackInfo().simUrl}/api/user/calls?${new URLSearchParams({ ...query, per_page: "100", page: String(page) })}`, {
      headers: { Authorization: `Bearer ${key}`, Accept: "application/json" },
    });
    const body = (await res.json()) as { data: { id: number }[]; last_page: number };
    out.push(...body.data);
    if (page >= body.last_page) return out;
  }
}

/** A Content-Security-Policy violation seen in a page, or Chromium's console line about one. */
export type CspViolation = { page: string; directive: string; blocked: string; source?: string; sample?: string };

/** Watches every page of a context: `securitypolicyviolation` events and CSP console messages. */
async function watchCsp(context: BrowserContext, found: CspViolation[]): Promise<void> {
  await context.exposeBinding("__e2eCspViolation", ({ page }, v: Omit<CspViolation, "page">) => void found.push({ page: page.url(), ...v }));
  await context.addInitScript(() => {
    const report = (window as unknown as { __e2eCspViolation: (v: object) => void }).__e2eCspViolation;
    document.addEventListener("securitypolicyviolation", (e) =>
      report({ directive: e.effectiveDirective, blocked: e.blockedURI || "(inline)", source: e.sourceFile ? `${e.sourceFile}:${e.lineNumber}` : undefined, sample: e.sample || undefined }),
    );
  });
  context.on("console", (msg) => {
    if (/Content[- ]Security[- ]Policy/i.test(msg.text())) found.push({ page: msg.page()?.url() ?? "", directive: "(console)", blocked: msg.location().url, sample: msg.text() });
  });
}

export function formatCspViolations(found: CspViolation[]): string {
  return found.map((v) => `- ${v.directive} blocked ${v.blocked} on ${v.page}${v.source ? ` (${v.source})` : ""}${v.sample ? `: ${v.sample}` : ""}`).join("\n");
}

/**
 * Every journey fails on any CSP violation, in the default context and in any context the test opens
 * with `browser.newContext()`. A test that provokes one on purpose takes `cspViolations` and empties it.
 */
export const test = base.extend<{ cspViolations: CspViolation[] }>({
  cspViolations: [
    async ({ context, browser }, provide) => {
      const found: CspViolation[] = [];
      await watchCsp(context, found);
      const newContext = browser.newContext;
      browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
        const created = await newContext.apply(browser, args);
        await watchCsp(created, found);
        return created;
      };
      try {
        await provide(found);
      } finally {
        browser.newContext = newContext;
      }
      if (found.length) throw new Error(`Content-Security-Policy violations:\n${formatCspViolations(found)}`);
    },
    { auto: true },
  ],
});
export { expect };

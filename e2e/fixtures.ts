// Shared helpers for the browser journeys.
import fs from "node:fs";
import { test as base, expect, type Page, type APIRequestContext } from "@playwright/test";
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

export const test = base;
export { expect };

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

export const test = base;
export { expect };

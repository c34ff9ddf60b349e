// Helpers for integration tests: an HTTP client with a cookie jar that signs in through next-auth
// exactly like a browser, and seeding straight into the stack's database.
import crypto from "node:crypto";
import fs from "node:fs";
import { inject } from "vitest";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/rbac";

export const stack = () => inject("stack");
export const appUrl = () => inject("stack").appUrl;
export const simUrl = () => inject("stack").simUrl;

export const uniq = (prefix = "t") => `${prefix}${crypto.randomBytes(4).toString("hex")}`;

export const DEFAULT_PASSWORD = "correct horse battery staple";

export class Client {
  cookies = new Map<string, string>();
  constructor(readonly base = appUrl()) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    if (json !== undefined) headers.set("content-type", "application/json");
    const res = await fetch(new URL(path, this.base), { redirect: "manual", ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
    this.store(res);
    return res;
  }

  get(path: string, init: RequestInit = {}) {
    return this.request(path, { ...init, method: "GET" });
  }
  post(path: string, json?: unknown) {
    return this.request(path, { method: "POST", json: json ?? {} });
  }
  patch(path: string, json?: unknown) {
    return this.request(path, { method: "PATCH", json: json ?? {} });
  }
  put(path: string, json?: unknown) {
    return this.request(path, { method: "PUT", json: json ?? {} });
  }
  delete(path: string, json?: unknown) {
    return this.request(path, { method: "DELETE", ...(json !== undefined ? { json } : {}) });
  }

  /** Signs in with e-mail and password through next-auth's credentials callback. Returns the raw response. */
  async signInRaw(email: string, password: string): Promise<Response> {
    const csrfRes = await this.get("/api/auth/csrf");
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    return this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: "/" }).toString(),
    });
  }

  async signIn(email: string, password = DEFAULT_PASSWORD): Promise<this> {
    const res = await this.signInRaw(email, password);
    if (![200, 302].includes(res.status) || !this.isSignedIn()) {
      throw new Error(`Sign-in failed for ${email}: HTTP ${res.status}`);
    }
    return this;
  }

  isSignedIn() {
    return [...this.cookies.keys()].some((k) => k.endsWith("next-auth.session-token"));
  }
}

export async function createUser(opts: { email?: string; name?: string; password?: string } = {}) {
  const email = (opts.email ?? `${uniq("user")}@example.test`).toLowerCase();
  return db().user.create({
    data: { email, name: opts.name ?? email.split("@")[0], passwordHash: await hashPassword(opts.password ?? DEFAULT_PASSWORD) },
    select: { id: true, email: true, name: true },
  });
}

export async function createTeam(opts: { name?: string; slug?: string; members?: { userId: string; role: Role }[] } = {}) {
  const slug = opts.slug ?? uniq("team-");
  return db().team.create({
    data: {
      name: opts.name ?? `Team ${slug}`,
      slug,
      memberships: { create: (opts.members ?? []).map((m) => ({ userId: m.userId, role: m.role })) },
    },
    select: { id: true, slug: true, name: true },
  });
}

/** A team with one signed-in client per role. */
export async function teamWithRoles() {
  const users = {
    OWNER: await createUser(),
    ADMIN: await createUser(),
    SUPERVISOR: await createUser(),
    AGENT: await createUser(),
  };
  const team = await createTeam({ members: (Object.keys(users) as Role[]).map((role) => ({ userId: users[role].id, role })) });
  const clients = Object.fromEntries(
    await Promise.all((Object.keys(users) as Role[]).map(async (role) => [role, await new Client().signIn(users[role].email)] as const)),
  ) as Record<Role, Client>;
  return { team, users, clients };
}

export function appLog(): string {
  const file = inject("stack").appLogFile;
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
}

/**
 * fetch for the test's own requests to the simulator. A GET is sent again once when the kept-alive
 * socket it went out on had just been closed by the simulator (its 5 s idle timeout firing while a
 * busy test process had not yet noticed: undici's "other side closed").
 */
export async function simFetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = ((error as Error).cause as { code?: string } | undefined)?.code;
    const idempotent = !init.method || init.method === "GET" || init.method === "HEAD";
    if (idempotent && (code === "UND_ERR_SOCKET" || code === "ECONNRESET")) return fetch(url, init);
    throw error;
  }
}

export async function simControl(path: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const res = await simFetch(new URL(`/__control${path}`, simUrl()), {
    ...rest,
    headers: json !== undefined ? { "content-type": "application/json" } : rest.headers,
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  if (!res.ok) throw new Error(`sim control ${path}: HTTP ${res.status}`);
  return res.json();
}

/** Stores a WhatTalk API key for a team straight in the database (encrypted with the stack's key ring). */
export async function connectTeam(teamId: string, apiKey = "wt_demo_alpha", status: "OK" | "INVALID" | "UNCHECKED" = "OK") {
  const { encryptSecret, getKeyRing } = await import("@/lib/crypto/keyring");
  const credentialId = `cred${crypto.randomBytes(10).toString("hex")}`;
  await db().apiCredential.deleteMany({ where: { teamId } });
  await db().apiCredential.create({
    data: {
      id: credentialId,
      teamId,
      label: "Test key",
      last4: apiKey.slice(-4),
      keyId: getKeyRing().primaryId,
      ciphertext: encryptSecret(getKeyRing(), apiKey, { teamId, credentialId }),
      status,
    },
  });
  return credentialId;
}

/** Assigns WhatTalk assistants to an agent's membership. */
export async function assignAssistants(teamId: string, userId: string, assistantIds: number[]) {
  const membership = await db().membership.findFirstOrThrow({ where: { teamId, userId } });
  await db().agentAssignment.deleteMany({ where: { membershipId: membership.id } });
  await db().agentAssignment.createMany({ data: assistantIds.map((assistantId) => ({ teamId, membershipId: membership.id, assistantId, label: `Assistant ${assistantId}` })) });
}

export type SimRequest = { method: string; path: string; query: Record<string, string>; keyHint: string | null; status: number | null };

/** The API requests the simulator received since the last clear. */
export async function simRequests(): Promise<SimRequest[]> {
  const body = (await simControl("/requests")) as { requests?: SimRequest[] } | SimRequest[];
  const list = Array.isArray(body) ? body : (body.requests ?? []);
  return list.filter((r) => r.path.startsWith("/api/"));
}

/** Reads every call of an account straight from the simulator (brute-force expectations). */
export async function simAllCalls(key: string, query: Record<string, string> = {}) {
  const out: { id: number; created_at: string | null; assistant_id: number | null; assistant_name?: string | null }[] = [];
  for (let page = 1; ; page++) {
    const res = await simFetch(`${simUrl()}/api/user/calls?${new URLSearchParams({ ...query, per_page: "100", page: String(page) })}`, { headers: { Authorization: `Bearer ${key}`, Accept: "application/json" } });
    const body = (await res.json()) as { data: typeof out; last_page: number };
    out.push(...body.data);
    if (page >= body.last_page) break;
  }
  return out;
}

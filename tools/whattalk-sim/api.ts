// The simulated WhatTalk API (/api/…): routing, then injected faults, auth and the endpoints.

import { listAssistants, listPhoneNumbers } from "./assistants";
import { authenticate, withinRateLimit } from "./auth";
import { destroyCall, listCalls, showCall } from "./calls";
import { DEFAULT_FAULTS } from "./faults";
import { hang, isRead, methodNotAllowed, record, routeNotFound, sendFault, trimSlashes, type Ctx } from "./http";
import { sleep } from "./state";

type Route =
  | { name: "calls.index" }
  | { name: "calls.show" | "calls.destroy"; id: string }
  | { name: "assistants.index" }
  | { name: "assistants.phoneNumbers" };

function matchApi(ctx: Ctx): Route | { allowed: string[] } | null {
  const p = trimSlashes(ctx.path);
  const get = isRead(ctx);
  if (p === "/api/user/calls") return get ? { name: "calls.index" } : { allowed: ["GET", "HEAD"] };
  const m = /^\/api\/user\/calls\/([^/]+)$/.exec(p);
  if (m) {
    if (get) return { name: "calls.show", id: m[1] };
    if (ctx.method === "DELETE") return { name: "calls.destroy", id: m[1] };
    return { allowed: ["GET", "HEAD", "DELETE"] };
  }
  if (p === "/api/user/assistants/get") return get ? { name: "assistants.index" } : { allowed: ["GET", "HEAD"] };
  if (p === "/api/user/assistants/phone-numbers") return get ? { name: "assistants.phoneNumbers" } : { allowed: ["GET", "HEAD"] };
  return null;
}

/** Latency and jitter; false when the simulator closed or the client left meanwhile. */
async function delay(ctx: Ctx): Promise<boolean> {
  const { faults, rng } = ctx.sim;
  const ms = faults.latencyMs + (faults.jitterMs > 0 ? Math.floor(rng() * (faults.jitterMs + 1)) : 0);
  if (ms <= 0) return true;
  await sleep(ctx.sim, ms);
  if (ctx.sim.closed || ctx.res.destroyed) {
    record(ctx, null);
    return false;
  }
  return true;
}

/** Consumes one of `failNext`; true when the request was answered (or hung) by it. */
function failNext(ctx: Ctx): boolean {
  const { faults } = ctx.sim;
  if (!faults.failNext || faults.failNext.count <= 0) return false;
  const { status } = faults.failNext;
  faults.failNext.count--;
  if (faults.failNext.count <= 0) faults.failNext = null;
  if (status === "hang") hang(ctx);
  else if (status === "malformed") ctx.malformed = true;
  else sendFault(ctx, status);
  return status !== "malformed";
}

/** The random faults (hang, error status, malformed body); true when the request was answered or hung. */
function randomFault(ctx: Ctx): boolean {
  const { faults, rng } = ctx.sim;
  if (faults.hangRate > 0 && rng() < faults.hangRate) {
    hang(ctx);
    return true;
  }
  if (faults.errorRate > 0 && rng() < faults.errorRate) {
    const list = faults.errorStatuses.length ? faults.errorStatuses : DEFAULT_FAULTS.errorStatuses;
    sendFault(ctx, list[Math.floor(rng() * list.length)]);
    return true;
  }
  if (faults.malformedRate > 0 && rng() < faults.malformedRate) ctx.malformed = true;
  return false;
}

export async function handleApi(ctx: Ctx) {
  if (!(await delay(ctx))) return;
  if (failNext(ctx)) return;

  const route = matchApi(ctx);
  if (route === null) return routeNotFound(ctx);
  if ("allowed" in route) return methodNotAllowed(ctx, route.allowed);

  const auth = authenticate(ctx);
  if (!auth) return;
  if (!withinRateLimit(ctx, auth.key)) return;
  if (randomFault(ctx)) return;

  switch (route.name) {
    case "calls.index":
      return listCalls(ctx, auth.key);
    case "calls.show":
      return showCall(ctx, auth.key, route.id);
    case "calls.destroy":
      return destroyCall(ctx, auth.key, route.id);
    case "assistants.index":
      return listAssistants(ctx, auth.account);
    case "assistants.phoneNumbers":
      return listPhoneNumbers(ctx, auth.account);
  }
}

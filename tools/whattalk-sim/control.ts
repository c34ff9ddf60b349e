// The control API for tests (/__control/…: faults and modes, reset, request log, stats, calls).
// No auth, no faults, not recorded.

import type { IncomingMessage } from "node:http";

import { DEMO_KEYS } from "./data";
import { DEFAULT_FAULTS, cloneFaults, mergeFaults, parseFaultsPatch, type Faults } from "./faults";
import { methodNotAllowed, routeNotFound, sendJson, type Ctx } from "./http";
import { resetState } from "./state";
import { StoreInputError } from "./store";
import { DEFAULT_WORLD, parseWorldPatch, type World } from "./world";

const MAX_BODY = 1_000_000;

const ENDPOINTS = [
  "GET|PUT|PATCH /__control/faults",
  "POST /__control/reset",
  "GET|DELETE /__control/requests",
  "GET /__control/stats",
  "GET|PATCH /__control/calls/:id",
  "POST /__control/calls",
  "GET|PUT|PATCH /__control/world",
  "GET|POST /__control/clock",
];

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new StoreInputError("Body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new StoreInputError("Invalid JSON body");
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const reply = (ctx: Ctx, status: number, value: unknown) => sendJson(ctx, status, value);

function index(ctx: Ctx) {
  const { dataset } = ctx.sim;
  return reply(ctx, 200, { endpoints: ENDPOINTS, keys: DEMO_KEYS, anchor: dataset.anchor, liveAnchor: dataset.liveAnchor });
}

/** GET the faults; PUT replaces them (fields not given are off), PATCH merges. */
async function faultsEndpoint(ctx: Ctx) {
  const { sim, method } = ctx;
  if (method === "GET") return reply(ctx, 200, sim.faults);
  if (method !== "PUT" && method !== "PATCH") return methodNotAllowed(ctx, ["GET", "PUT", "PATCH"]);
  const body = await readJson(ctx.req);
  let patch;
  try {
    patch = parseFaultsPatch(body);
  } catch (e) {
    return reply(ctx, 400, { message: (e as Error).message });
  }
  sim.faults = mergeFaults(method === "PUT" ? cloneFaults(DEFAULT_FAULTS as Faults) : sim.faults, patch);
  return reply(ctx, 200, sim.faults);
}

function resetEndpoint(ctx: Ctx) {
  if (ctx.method !== "POST") return methodNotAllowed(ctx, ["POST"]);
  resetState(ctx.sim);
  return reply(ctx, 200, { message: "reset", faults: ctx.sim.faults });
}

function requestsEndpoint(ctx: Ctx) {
  const { requestLog } = ctx.sim;
  if (ctx.method === "GET") {
    const all = requestLog.list();
    const limit = Number(ctx.query.raw.limit);
    return reply(ctx, 200, Number.isInteger(limit) && limit > 0 ? all.slice(-limit) : all);
  }
  if (ctx.method === "DELETE") {
    requestLog.clear();
    return reply(ctx, 200, { message: "cleared" });
  }
  return methodNotAllowed(ctx, ["GET", "DELETE"]);
}

function statsEndpoint(ctx: Ctx) {
  if (ctx.method !== "GET") return methodNotAllowed(ctx, ["GET"]);
  return reply(ctx, 200, ctx.sim.requestLog.stats());
}

/** POST a call ({ key, ...fields }) to an account. */
async function addCall(ctx: Ctx) {
  if (ctx.method !== "POST") return methodNotAllowed(ctx, ["POST"]);
  const body = await readJson(ctx.req);
  if (!isObject(body) || typeof body.key !== "string") return reply(ctx, 400, { message: "Body must be a JSON object with a string `key` (an API key)" });
  const { key, ...fields } = body;
  return reply(ctx, 201, ctx.sim.store.add(key, fields));
}

/** GET a call with its account's key; PATCH its fields. */
async function callEndpoint(ctx: Ctx, id: number) {
  const { store } = ctx.sim;
  if (ctx.method === "GET") {
    const found = store.find(id);
    return found ? reply(ctx, 200, { key: found.key, call: found.call }) : reply(ctx, 404, { message: "Call not found" });
  }
  if (ctx.method === "PATCH") {
    const body = await readJson(ctx.req);
    if (!isObject(body)) return reply(ctx, 400, { message: "Body must be a JSON object of call fields" });
    const call = store.patch(id, body);
    return call ? reply(ctx, 200, call) : reply(ctx, 404, { message: "Call not found" });
  }
  return methodNotAllowed(ctx, ["GET", "PATCH"]);
}

/** GET the world settings; PUT replaces them (fields not given take their defaults: still), PATCH merges. */
async function worldEndpoint(ctx: Ctx) {
  const { activity } = ctx.sim;
  if (ctx.method === "GET") return reply(ctx, 200, activity.world);
  if (ctx.method !== "PUT" && ctx.method !== "PATCH") return methodNotAllowed(ctx, ["GET", "PUT", "PATCH"]);
  const body = await readJson(ctx.req);
  let patch;
  try {
    patch = parseWorldPatch(body);
  } catch (e) {
    return reply(ctx, 400, { message: (e as Error).message });
  }
  return reply(ctx, 200, activity.update(ctx.method === "PUT" ? { ...(DEFAULT_WORLD as World), ...patch } : patch));
}

/** GET the simulator's clock; POST {advanceMs} moves it forward (what falls due happens). */
async function clockEndpoint(ctx: Ctx) {
  const { clock, activity } = ctx.sim;
  const state = () => ({ now: new Date(clock.now()).toISOString(), offsetMs: clock.offsetMs, pendingSteps: activity.pending });
  if (ctx.method === "GET") return reply(ctx, 200, state());
  if (ctx.method !== "POST") return methodNotAllowed(ctx, ["GET", "POST"]);
  const body = await readJson(ctx.req);
  const ms = isObject(body) ? body.advanceMs : undefined;
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > 366 * 86_400_000) {
    return reply(ctx, 400, { message: "advanceMs must be a number of milliseconds between 0 and a year" });
  }
  clock.advance(ms);
  activity.catchUp();
  return reply(ctx, 200, state());
}

async function route(ctx: Ctx, p: string) {
  if (p === "/__control" && ctx.method === "GET") return index(ctx);
  if (p === "/__control/faults") return faultsEndpoint(ctx);
  if (p === "/__control/reset") return resetEndpoint(ctx);
  if (p === "/__control/requests") return requestsEndpoint(ctx);
  if (p === "/__control/stats") return statsEndpoint(ctx);
  if (p === "/__control/calls") return addCall(ctx);
  if (p === "/__control/world") return worldEndpoint(ctx);
  if (p === "/__control/clock") return clockEndpoint(ctx);
  const m = /^\/__control\/calls\/(\d{1,15})$/.exec(p);
  if (m) return callEndpoint(ctx, Number(m[1]));
  return routeNotFound(ctx, p);
}

export async function handleControl(ctx: Ctx) {
  try {
    return await route(ctx, ctx.path.replace(/\/+$/, ""));
  } catch (e) {
    if (e instanceof StoreInputError) return reply(ctx, 400, { message: e.message });
    throw e;
  }
}

// WhatTalk API simulator: a node:http server that answers like app.whattalk.ai/api as documented
// in /work/shared/whattalk/README.md, with injectable faults and a control API for tests.

import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";

import { WavCache, parseRange } from "./audio";
import {
  CALL_STATUSES,
  CALL_TYPES,
  DEMO_KEYS,
  defaultAnchor,
  generateDataset,
  parseInstant,
  type Call,
  type Dataset,
} from "./data";
import {
  DEFAULT_FAULTS,
  RateLimiter,
  RequestLog,
  cloneFaults,
  mergeFaults,
  parseFaultsPatch,
  type Faults,
  type RecordedRequest,
  type SimStats,
} from "./faults";
import { Validator, paginatorBody, parseQuery, type ParsedQuery } from "./laravel";
import { mulberry32, type Rng } from "./prng";
import { CallStore, StoreInputError } from "./store";

export { DEFAULT_FAULTS, DEMO_KEYS };
export type { Faults, RecordedRequest, SimStats, Dataset, Call };

export interface SimulatorOptions {
  /** Port to listen on; 0 = a random free port. Default 4010. */
  port?: number;
  /** Interface to bind. Default (and recommended) 127.0.0.1. */
  host?: string;
  /**
   * Instant the data is anchored to (calls are generated back from it; live calls sit in the 30
   * minutes before it). Default: the end of the current UTC day for the history, the start time
   * for the live calls, and calls later than the real clock stay hidden until their time comes.
   * `"now"` anchors everything to the start time.
   */
  anchor?: Date | string | number;
  /** Base URL for recording_url (e.g. when reached through a proxy). Default: the bound address. */
  publicUrl?: string;
  /** Initial faults (reset() turns them off). */
  faults?: Partial<Faults>;
  /** No console output. */
  quiet?: boolean;
  /** Capacity of the request log ring. Default 20,000. */
  requestLogSize?: number;
  /** Seed of the PRNG deciding random faults and jitter. Default 1. */
  faultSeed?: number;
}

export interface Simulator {
  /** e.g. http://127.0.0.1:4010 */
  url: string;
  /** url + "/api" */
  apiUrl: string;
  port: number;
  /** The demo API keys. */
  keys: typeof DEMO_KEYS;
  /** The generated data (pristine, frozen): use it for brute-force expectations. */
  dataset: Dataset;
  close(): Promise<void>;
  /** Replaces the fault settings (fields not given are off). Returns the new settings. */
  setFaults(f: Partial<Faults>): Faults;
  /** Merges into the current fault settings. Returns the new settings. */
  updateFaults(f: Partial<Faults>): Faults;
  getFaults(): Faults;
  /** Faults off, request log and stats cleared, rate-limit counters cleared, calls restored. */
  reset(): void;
  /** Recorded API and recording requests, newest last. */
  requests(): RecordedRequest[];
  clearRequests(): void;
  stats(): SimStats;
  /** The current calls of an account (after deletes/patches/additions), newest first. */
  calls(key: string): Call[];
}

const JSON_TYPE = "application/json";
const MAX_BODY = 1_000_000;

const NGINX_HTML = (status: number, text: string) =>
  `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: ParsedQuery;
  kind: RecordedRequest["kind"];
  keyHint: string | null;
  arrived: number;
  at: string;
  malformed: boolean;
  headers: Record<string, string>;
  logged: boolean;
}

function splitUrl(rawUrl: string): { path: string; search: string } {
  const qi = rawUrl.indexOf("?");
  const rawPath = qi < 0 ? rawUrl : rawUrl.slice(0, qi);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    path = rawPath;
  }
  return { path, search: qi < 0 ? "" : rawUrl.slice(qi + 1) };
}

function bearerKey(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  return m ? m[1].trim() : null;
}

function keyHintOf(key: string | null): string | null {
  return key && key.length > 4 ? key.slice(-4) : null;
}

/** Normalized path for stats (ids replaced) so arbitrary URLs cannot grow the table. */
function statsPath(path: string): string {
  if (/^\/recordings\/calls\/[^/]+$/.test(path)) return "/recordings/calls/:id.wav";
  const p = path.length > 1 ? path.replace(/\/+$/, "") : path;
  if (/^\/api\/user\/calls\/[^/]+$/.test(p)) return "/api/user/calls/:id";
  if (["/api/user/calls", "/api/user/assistants/get", "/api/user/assistants/phone-numbers", "/recordings/redirect"].includes(p)) return p;
  return "(other)";
}

/** Reads the simulator's options from environment variables (used by main.ts). */
export function simOptionsFromEnv(env: Record<string, string | undefined> = process.env): SimulatorOptions {
  const num = (name: string, opts: { min?: number; max?: number; int?: boolean } = {}): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") return undefined;
    const v = Number(raw);
    if (!Number.isFinite(v) || (opts.int && !Number.isInteger(v)) || (opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
      throw new Error(`${name}=${raw} is invalid (expected a number${opts.min !== undefined ? ` >= ${opts.min}` : ""}${opts.max !== undefined ? ` <= ${opts.max}` : ""})`);
    }
    return v;
  };
  const faults: Partial<Faults> = {};
  const set = <K extends keyof Faults>(k: K, v: Faults[K] | undefined) => {
    if (v !== undefined) faults[k] = v;
  };
  set("latencyMs", num("SIM_LATENCY_MS", { min: 0 }));
  set("jitterMs", num("SIM_JITTER_MS", { min: 0 }));
  set("errorRate", num("SIM_ERROR_RATE", { min: 0, max: 1 }));
  set("rateLimitPerMinute", num("SIM_RATE_LIMIT", { min: 0, int: true }));
  set("rateBurstPer10s", num("SIM_RATE_BURST", { min: 0, int: true }));
  set("malformedRate", num("SIM_MALFORMED_RATE", { min: 0, max: 1 }));
  set("hangRate", num("SIM_HANG_RATE", { min: 0, max: 1 }));
  const statuses = env.SIM_ERROR_STATUSES?.trim();
  if (statuses) {
    const list = statuses.split(",").map((s) => Number(s.trim()));
    if (list.some((s) => !Number.isInteger(s) || s < 400 || s > 599)) throw new Error(`SIM_ERROR_STATUSES=${statuses} is invalid (expected e.g. 500,502,503)`);
    faults.errorStatuses = list;
  }
  const a404 = env.SIM_ASSISTANTS_404?.trim().toLowerCase();
  if (a404) faults.assistants404 = ["1", "true", "yes", "on"].includes(a404);
  const documented = env.SIM_DOCUMENTED_FIELDS_ONLY?.trim().toLowerCase();
  if (documented) faults.documentedFieldsOnly = ["1", "true", "yes", "on"].includes(documented);
  const ignoreAssistant = env.SIM_IGNORE_ASSISTANT_FILTER?.trim().toLowerCase();
  if (ignoreAssistant) faults.ignoreAssistantFilter = ["1", "true", "yes", "on"].includes(ignoreAssistant);
  const port = num("SIM_PORT", { min: 0, max: 65535, int: true });
  const anchor = env.SIM_ANCHOR?.trim() || undefined;
  if (anchor && anchor !== "now") parseInstant(anchor, "SIM_ANCHOR");
  return {
    port: port ?? 4010,
    anchor,
    publicUrl: env.SIM_PUBLIC_URL?.trim() || undefined,
    faults,
    quiet: ["1", "true", "yes"].includes((env.SIM_QUIET ?? "").toLowerCase()),
  };
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? "127.0.0.1";
  const log = (msg: string) => {
    if (!options.quiet) console.error(`[whattalk-sim] ${msg}`);
  };

  let store!: CallStore;
  let dataset!: Dataset;
  let faults: Faults = mergeFaults(cloneFaults(DEFAULT_FAULTS as Faults), parseFaultsPatch(options.faults ?? {}));
  const faultSeed = options.faultSeed ?? 1;
  let rng: Rng = mulberry32(faultSeed);
  const limiter = new RateLimiter();
  const requestLog = new RequestLog(options.requestLogSize ?? 20_000);
  const wavs = new WavCache();
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  // ------------------------------------------------------------------------------------------
  // Responses

  function record(ctx: Ctx, status: number | null) {
    if (ctx.logged) return;
    ctx.logged = true;
    requestLog.add(
      {
        kind: ctx.kind,
        method: ctx.method,
        path: ctx.path,
        query: ctx.query.raw,
        keyHint: ctx.keyHint,
        status,
        at: ctx.at,
        durationMs: status === null ? null : Math.round((performance.now() - ctx.arrived) * 100) / 100,
      },
      statsPath(ctx.path),
    );
  }

  function send(ctx: Ctx, status: number, body: string | Buffer, headers: Record<string, string> = {}) {
    const { res } = ctx;
    if (res.destroyed || res.headersSent) {
      record(ctx, null);
      return;
    }
    let payload = body;
    if (ctx.malformed) {
      const text = typeof body === "string" ? body : body.toString("utf8");
      payload = text.length >= 2 ? text.slice(0, Math.max(1, Math.floor(text.length * 0.6))) : '{"data":[';
      status = 200;
      headers = { ...headers, "Content-Type": JSON_TYPE };
    }
    const all: Record<string, string> = {
      "Content-Type": JSON_TYPE,
      "Cache-Control": "no-cache, private",
      ...ctx.headers,
      ...headers,
      "Content-Length": String(Buffer.byteLength(payload)),
    };
    res.writeHead(status, all);
    if (ctx.method === "HEAD") res.end();
    else res.end(payload);
    record(ctx, status);
  }

  const sendJson = (ctx: Ctx, status: number, value: unknown, headers?: Record<string, string>) =>
    send(ctx, status, JSON.stringify(value), headers);

  function hang(ctx: Ctx) {
    hanging.add(ctx.res);
    ctx.res.on("close", () => hanging.delete(ctx.res));
    record(ctx, null);
  }

  function sendFault(ctx: Ctx, status: number) {
    switch (status) {
      case 401:
        return sendJson(ctx, 401, { message: "Unauthenticated.", error: "Invalid API key" });
      case 404:
        return sendJson(ctx, 404, { message: "Not Found" });
      case 422:
        return sendJson(ctx, 422, { message: "The given data was invalid.", errors: {} });
      case 429:
        return sendJson(ctx, 429, { message: "Too Many Attempts." }, { "Retry-After": "1" });
      case 500:
        return sendJson(ctx, 500, { message: "Server Error" });
      case 502:
        return send(ctx, 502, NGINX_HTML(502, "Bad Gateway"), { "Content-Type": "text/html" });
      case 503:
        return sendJson(ctx, 503, { message: "Service Unavailable" });
      case 504:
        return send(ctx, 504, NGINX_HTML(504, "Gateway Time-out"), { "Content-Type": "text/html" });
      default:
        return sendJson(ctx, status, { message: http.STATUS_CODES[status] ?? "Error" });
    }
  }

  const routeNotFound = (ctx: Ctx) =>
    sendJson(ctx, 404, { message: `The route ${ctx.path.replace(/^\/+/, "")} could not be found.` });

  const methodNotAllowed = (ctx: Ctx, allowed: string[]) =>
    sendJson(
      ctx,
      405,
      { message: `The ${ctx.method} method is not supported for route ${ctx.path.replace(/^\/+/, "")}. Supported methods: ${allowed.join(", ")}.` },
      { Allow: allowed.join(", ") },
    );

  // ------------------------------------------------------------------------------------------
  // API

  type Route =
    | { name: "calls.index" }
    | { name: "calls.show" | "calls.destroy"; id: string }
    | { name: "assistants.index" }
    | { name: "assistants.phoneNumbers" };

  function matchApi(ctx: Ctx): Route | { allowed: string[] } | null {
    const p = ctx.path.length > 1 ? ctx.path.replace(/\/+$/, "") : ctx.path;
    const get = ctx.method === "GET" || ctx.method === "HEAD";
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

  function requestBase(ctx: Ctx): string {
    const hostHeader = ctx.req.headers.host || `${host}:${port}`;
    return `http://${hostHeader}`;
  }

  const callId = (raw: string): number | null => (/^\d{1,15}$/.test(raw) ? Number(raw) : null);

  async function handleApi(ctx: Ctx) {
    const delay = faults.latencyMs + (faults.jitterMs > 0 ? Math.floor(rng() * (faults.jitterMs + 1)) : 0);
    if (delay > 0) {
      await sleep(delay);
      if (closed || ctx.res.destroyed) return record(ctx, null);
    }

    if (faults.failNext && faults.failNext.count > 0) {
      const { status } = faults.failNext;
      faults.failNext.count--;
      if (faults.failNext.count <= 0) faults.failNext = null;
      if (status === "hang") return hang(ctx);
      if (status === "malformed") ctx.malformed = true;
      else return sendFault(ctx, status);
    }

    const route = matchApi(ctx);
    if (route === null) return routeNotFound(ctx);
    if ("allowed" in route) return methodNotAllowed(ctx, route.allowed);

    const key = bearerKey(ctx.req);
    const account = key ? store.account(key) : undefined;
    if (!key || !account) return sendJson(ctx, 401, { message: "Unauthenticated.", error: "Invalid API key" });

    if (faults.rateLimitPerMinute > 0 || faults.rateBurstPer10s > 0) {
      const d = limiter.hit(key, faults.rateLimitPerMinute, faults.rateBurstPer10s, Date.now());
      ctx.headers["X-RateLimit-Limit"] = String(d.limit);
      if (!d.ok) {
        ctx.headers["X-RateLimit-Remaining"] = "0";
        return sendJson(ctx, 429, { message: "Too Many Attempts." }, { "Retry-After": String(d.retryAfter), "X-RateLimit-Reset": String(d.resetAt) });
      }
      ctx.headers["X-RateLimit-Remaining"] = String(d.remaining);
    }

    if (faults.hangRate > 0 && rng() < faults.hangRate) return hang(ctx);
    if (faults.errorRate > 0 && rng() < faults.errorRate) {
      const list = faults.errorStatuses.length ? faults.errorStatuses : DEFAULT_FAULTS.errorStatuses;
      return sendFault(ctx, list[Math.floor(rng() * list.length)]);
    }
    if (faults.malformedRate > 0 && rng() < faults.malformedRate) ctx.malformed = true;

    switch (route.name) {
      case "calls.index":
        return listCalls(ctx, key);
      case "calls.show": {
        const id = callId(route.id);
        const call = id === null ? undefined : store.get(key, id);
        if (!call) return sendJson(ctx, 404, { message: "Call not found" });
        return send(ctx, 200, store.toJson(call, faults.documentedFieldsOnly));
      }
      case "calls.destroy": {
        const id = callId(route.id);
        if (id === null || !store.delete(key, id)) return sendJson(ctx, 404, { message: "Call not found" });
        return sendJson(ctx, 200, { message: "Call deleted successfully" });
      }
      case "assistants.index": {
        if (faults.assistants404) return routeNotFound(ctx);
        const v = new Validator(ctx.query.input);
        v.integer("per_page", { min: 1, max: 100 });
        v.integer("page", { min: 1 });
        if (!v.ok) return sendJson(ctx, 422, v.body());
        const perPage = v.int("per_page", 10);
        const page = v.int("page", 1);
        const items = [...account.assistants].sort((a, b) => a.id - b.id);
        const slice = items.slice((page - 1) * perPage, page * perPage);
        return send(
          ctx,
          200,
          paginatorBody({
            path: requestBase(ctx) + "/api/user/assistants/get",
            query: ctx.query.input,
            page,
            perPage,
            total: items.length,
            items: slice.map((a) => Buffer.from(JSON.stringify(a))),
          }),
        );
      }
      case "assistants.phoneNumbers": {
        if (faults.assistants404) return routeNotFound(ctx);
        const v = new Validator(ctx.query.input);
        v.in("type", ["inbound", "outbound"]);
        if (!v.ok) return sendJson(ctx, 422, v.body());
        const type = v.str("type");
        const list = account.phoneNumbers.filter((p) => type === undefined || p.type === type).sort((a, b) => a.id - b.id);
        return sendJson(ctx, 200, list);
      }
    }
  }

  function listCalls(ctx: Ctx, key: string) {
    const v = new Validator(ctx.query.input);
    v.in("status", CALL_STATUSES, { string: true });
    v.in("type", CALL_TYPES, { string: true });
    v.string("phone_number");
    v.integer("assistant_id");
    v.integer("campaign_id");
    v.dateYmd("date_from");
    v.dateYmd("date_to");
    v.afterOrEqual("date_to", "date_from");
    v.integer("per_page", { min: 1, max: 100 });
    v.integer("page", { min: 1 });
    if (!v.ok) return sendJson(ctx, 422, v.body());

    const perPage = v.int("per_page", 15);
    const page = v.int("page", 1);
    const phone = v.str("phone_number")?.replace(/\s+/g, "");
    const { total, calls } = store.list(
      key,
      {
        status: v.str("status"),
        type: v.str("type"),
        phone: phone || undefined,
        assistantId: v.has("assistant_id") && !faults.ignoreAssistantFilter ? v.int("assistant_id", 0) : undefined,
        campaignId: v.has("campaign_id") ? v.int("campaign_id", 0) : undefined,
        dateFrom: v.str("date_from"),
        dateTo: v.str("date_to"),
      },
      (page - 1) * perPage,
      perPage,
    );
    return send(
      ctx,
      200,
      paginatorBody({
        path: requestBase(ctx) + "/api/user/calls",
        query: ctx.query.input,
        page,
        perPage,
        total,
        items: calls.map((c) => store.toJson(c, faults.documentedFieldsOnly)),
      }),
    );
  }

  // ------------------------------------------------------------------------------------------
  // Recordings (public, no auth, no faults)

  function handleRecording(ctx: Ctx) {
    const { req } = ctx;
    if (ctx.path === "/recordings/redirect") {
      if (ctx.method !== "GET" && ctx.method !== "HEAD") return methodNotAllowed(ctx, ["GET", "HEAD"]);
      const to = ctx.query.raw.to;
      if (typeof to !== "string" || to === "") return sendJson(ctx, 400, { message: "Missing query parameter: to" });
      return send(ctx, 302, "", { Location: to, "Content-Type": "text/plain" });
    }
    const m = /^\/recordings\/calls\/(\d{1,15})\.wav$/.exec(ctx.path);
    if (!m) return sendJson(ctx, 404, { message: "Recording not found" });
    if (ctx.method !== "GET" && ctx.method !== "HEAD") return methodNotAllowed(ctx, ["GET", "HEAD"]);
    const id = Number(m[1]);
    const found = store.find(id);
    if (!found || found.call.recording_url === null) return sendJson(ctx, 404, { message: "Recording not found" });
    const wav = wavs.get(id);
    const size = wav.length;
    const base: Record<string, string> = {
      "Content-Type": "audio/wav",
      "Accept-Ranges": "bytes",
      "Cache-Control": "public, max-age=3600",
      ETag: `"wav-${id}-${size}"`,
      "Access-Control-Allow-Origin": "*",
    };
    const range = parseRange(req.headers.range, size);
    if (range.kind === "unsatisfiable") {
      return send(ctx, 416, "", { ...base, "Content-Type": "text/plain", "Content-Range": `bytes */${size}` });
    }
    if (range.kind === "partial") {
      return send(ctx, 206, wav.subarray(range.start, range.end + 1), {
        ...base,
        "Content-Range": `bytes ${range.start}-${range.end}/${size}`,
      });
    }
    return send(ctx, 200, wav, base);
  }

  // ------------------------------------------------------------------------------------------
  // Control API (no auth, no faults, not recorded)

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

  async function handleControl(ctx: Ctx) {
    const { method } = ctx;
    const p = ctx.path.replace(/\/+$/, "");
    const reply = (status: number, value: unknown) => sendJson(ctx, status, value);
    try {
      if (p === "/__control" && method === "GET") {
        return reply(200, {
          endpoints: [
            "GET|PUT|PATCH /__control/faults",
            "POST /__control/reset",
            "GET|DELETE /__control/requests",
            "GET /__control/stats",
            "GET|PATCH /__control/calls/:id",
            "POST /__control/calls",
          ],
          keys: DEMO_KEYS,
          anchor: dataset.anchor,
          liveAnchor: dataset.liveAnchor,
        });
      }
      if (p === "/__control/faults") {
        if (method === "GET") return reply(200, faults);
        if (method === "PUT" || method === "PATCH") {
          const body = await readJson(ctx.req);
          let patch;
          try {
            patch = parseFaultsPatch(body);
          } catch (e) {
            return reply(400, { message: (e as Error).message });
          }
          faults = mergeFaults(method === "PUT" ? cloneFaults(DEFAULT_FAULTS as Faults) : faults, patch);
          return reply(200, faults);
        }
        return methodNotAllowed(ctx, ["GET", "PUT", "PATCH"]);
      }
      if (p === "/__control/reset") {
        if (method !== "POST") return methodNotAllowed(ctx, ["POST"]);
        doReset();
        return reply(200, { message: "reset", faults });
      }
      if (p === "/__control/requests") {
        if (method === "GET") {
          const all = requestLog.list();
          const limit = Number(ctx.query.raw.limit);
          return reply(200, Number.isInteger(limit) && limit > 0 ? all.slice(-limit) : all);
        }
        if (method === "DELETE") {
          requestLog.clear();
          return reply(200, { message: "cleared" });
        }
        return methodNotAllowed(ctx, ["GET", "DELETE"]);
      }
      if (p === "/__control/stats") {
        if (method !== "GET") return methodNotAllowed(ctx, ["GET"]);
        return reply(200, requestLog.stats());
      }
      if (p === "/__control/calls") {
        if (method !== "POST") return methodNotAllowed(ctx, ["POST"]);
        const body = await readJson(ctx.req);
        if (!isObject(body) || typeof body.key !== "string") return reply(400, { message: "Body must be a JSON object with a string `key` (an API key)" });
        const { key, ...fields } = body;
        return reply(201, store.add(key, fields));
      }
      const m = /^\/__control\/calls\/(\d{1,15})$/.exec(p);
      if (m) {
        const id = Number(m[1]);
        if (method === "GET") {
          const found = store.find(id);
          return found ? reply(200, { key: found.key, call: found.call }) : reply(404, { message: "Call not found" });
        }
        if (method === "PATCH") {
          const body = await readJson(ctx.req);
          if (!isObject(body)) return reply(400, { message: "Body must be a JSON object of call fields" });
          const call = store.patch(id, body);
          return call ? reply(200, call) : reply(404, { message: "Call not found" });
        }
        return methodNotAllowed(ctx, ["GET", "PATCH"]);
      }
      return reply(404, { message: `The route ${p.replace(/^\/+/, "")} could not be found.` });
    } catch (e) {
      if (e instanceof StoreInputError) return reply(400, { message: e.message });
      throw e;
    }
  }

  function doReset() {
    faults = cloneFaults(DEFAULT_FAULTS as Faults);
    rng = mulberry32(faultSeed);
    limiter.clear();
    requestLog.clear();
    requestLog.resetStats();
    store.reset();
  }

  // ------------------------------------------------------------------------------------------
  // Dispatch

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const { path, search } = splitUrl(req.url ?? "/");
    const kind: RecordedRequest["kind"] = path.startsWith("/recordings/") ? "recording" : "api";
    const ctx: Ctx = {
      req,
      res,
      method: (req.method ?? "GET").toUpperCase(),
      path,
      query: parseQuery(search),
      kind,
      keyHint: keyHintOf(bearerKey(req)),
      arrived: performance.now(),
      at: new Date().toISOString(),
      malformed: false,
      headers: {},
      logged: false,
    };
    try {
      if (path === "/__control" || path.startsWith("/__control/")) {
        ctx.logged = true; // control requests are not recorded
        return await handleControl(ctx);
      }
      if (path.startsWith("/recordings/")) return handleRecording(ctx);
      if (path === "/api" || path.startsWith("/api/")) return await handleApi(ctx);
      ctx.logged = true;
      if (path === "/" && (ctx.method === "GET" || ctx.method === "HEAD")) {
        return sendJson(ctx, 200, { name: "WhatTalk API simulator", api: `${requestBase(ctx)}/api`, keys: DEMO_KEYS, control: `${requestBase(ctx)}/__control` });
      }
      return routeNotFound(ctx);
    } catch (e) {
      log(`error handling ${ctx.method} ${path}: ${(e as Error).stack ?? String(e)}`);
      if (!res.headersSent && !res.destroyed) {
        ctx.malformed = false;
        sendJson(ctx, 500, { message: "Server Error" });
      }
    }
  }

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4010, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = host.includes(":") ? `[${host}]` : host;
  const url = `http://${hostForUrl}:${port}`;

  // Data is generated after binding so recording URLs carry the real port.
  let visibleUntil: (() => number) | undefined;
  let anchor: number;
  let liveAnchor: number;
  const startedAt = Math.floor(Date.now() / 1000) * 1000;
  if (options.anchor === undefined) {
    anchor = defaultAnchor(startedAt).getTime();
    liveAnchor = startedAt;
    visibleUntil = () => Date.now();
  } else if (options.anchor === "now") {
    anchor = liveAnchor = startedAt;
  } else {
    anchor = liveAnchor = parseInstant(options.anchor);
  }
  try {
    dataset = generateDataset({ anchor, liveAnchor, baseUrl: options.publicUrl ?? url });
    store = new CallStore(dataset, visibleUntil);
    store.prewarm();
  } catch (e) {
    server.close();
    throw e;
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    for (const t of timers) clearTimeout(t);
    timers.clear();
    for (const res of hanging) res.destroy();
    hanging.clear();
    const done = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.destroy();
    sockets.clear();
    await done;
  }

  return {
    url,
    apiUrl: `${url}/api`,
    port,
    keys: DEMO_KEYS,
    dataset,
    close,
    setFaults(f) {
      faults = mergeFaults(cloneFaults(DEFAULT_FAULTS as Faults), parseFaultsPatch(f));
      return cloneFaults(faults);
    },
    updateFaults(f) {
      faults = mergeFaults(faults, parseFaultsPatch(f));
      return cloneFaults(faults);
    },
    getFaults: () => cloneFaults(faults),
    reset: doReset,
    requests: () => requestLog.list(),
    clearRequests: () => requestLog.clear(),
    stats: () => requestLog.stats(),
    calls: (key) => store.calls(key),
  };
}

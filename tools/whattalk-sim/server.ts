// WhatTalk API simulator: a node:http server that answers like app.whattalk.ai/api as documented
// in /work/shared/whattalk/README.md, with injectable faults and a control API for tests.

import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";

import { Activity } from "./activity";
import { handleApi } from "./api";
import { bearerKey, keyHintOf } from "./auth";
import { withBulkAccounts } from "./bulk";
import { SimClock } from "./clock";
import { handleControl } from "./control";
import { DEMO_KEYS, defaultAnchor, generateDataset, parseInstant, type Call, type Dataset } from "./data";
import { DEFAULT_FAULTS, cloneFaults, mergeFaults, parseFaultsPatch, type Faults, type RecordedRequest, type SimStats } from "./faults";
import { isRead, requestBase, routeNotFound, sendJson, splitUrl, type Ctx } from "./http";
import { parseQuery } from "./laravel";
import type { SimulatorOptions } from "./options";
import { handleRecording } from "./recordings";
import { createState, resetState, type SimState } from "./state";
import { CallStore } from "./store";
import { DEFAULT_WORLD, mergeWorld, parseWorldPatch, type World } from "./world";

export { DEFAULT_FAULTS, DEMO_KEYS };
export { simOptionsFromEnv } from "./options";
export type { Faults, RecordedRequest, SimStats, Dataset, Call, SimulatorOptions, World };

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
  /** The simulator's clock (ms since the epoch). */
  now(): number;
  /** Moves the simulator's clock forward; what falls due (calls finishing, arrivals, …) happens. Returns the new instant. */
  advance(ms: number): number;
  getWorld(): World;
  /** Merges into the world settings (validated; throws on bad values). Returns the new settings. */
  updateWorld(patch: Partial<World>): World;
}

/** Routes a request to the control API, the recordings or the API; an uncaught error answers 500. */
async function handle(sim: SimState, req: IncomingMessage, res: ServerResponse) {
  const { path, search } = splitUrl(req.url ?? "/");
  const ctx: Ctx = {
    sim,
    req,
    res,
    method: (req.method ?? "GET").toUpperCase(),
    path,
    query: parseQuery(search),
    kind: path.startsWith("/recordings/") ? "recording" : "api",
    keyHint: keyHintOf(bearerKey(req)),
    arrived: performance.now(),
    at: new Date().toISOString(),
    malformed: false,
    headers: {},
    logged: false,
  };
  try {
    sim.activity.catchUp();
    if (path === "/__control" || path.startsWith("/__control/")) {
      ctx.logged = true; // control requests are not recorded
      return await handleControl(ctx);
    }
    if (path.startsWith("/recordings/")) return handleRecording(ctx);
    if (path === "/api" || path.startsWith("/api/")) return await handleApi(ctx);
    ctx.logged = true;
    if (path === "/" && isRead(ctx)) {
      return sendJson(ctx, 200, { name: "WhatTalk API simulator", api: `${requestBase(ctx)}/api`, keys: DEMO_KEYS, control: `${requestBase(ctx)}/__control` });
    }
    return routeNotFound(ctx);
  } catch (e) {
    sim.log(`error handling ${ctx.method} ${path}: ${(e as Error).stack ?? String(e)}`);
    if (!res.headersSent && !res.destroyed) {
      ctx.malformed = false;
      sendJson(ctx, 500, { message: "Server Error" });
    }
  }
}

/** An HTTP server for `sim` that tracks its sockets (close() destroys them) and listens. */
async function listen(sim: SimState, port: number, sockets: Set<Socket>): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    void handle(sim, req, res);
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
    server.listen(port, sim.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server;
}

/** The history and live anchors of the data, and until when calls are visible (see SimulatorOptions.anchor). */
function anchors(anchor: SimulatorOptions["anchor"], clock: SimClock): { anchor: number; liveAnchor: number; visibleUntil?: () => number } {
  const startedAt = Math.floor(clock.now() / 1000) * 1000;
  if (anchor === undefined) return { anchor: defaultAnchor(startedAt).getTime(), liveAnchor: startedAt, visibleUntil: () => clock.now() };
  if (anchor === "now") return { anchor: startedAt, liveAnchor: startedAt };
  const at = parseInstant(anchor);
  return { anchor: at, liveAnchor: at };
}

/** Stops the server: pending latencies and hung responses end, open sockets are destroyed. */
async function shutdown(sim: SimState, server: http.Server, sockets: Set<Socket>): Promise<void> {
  if (sim.closed) return;
  sim.closed = true;
  for (const t of sim.timers) clearTimeout(t);
  sim.timers.clear();
  for (const res of sim.hanging) res.destroy();
  sim.hanging.clear();
  const done = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const s of sockets) s.destroy();
  sockets.clear();
  await done;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = new SimClock(options.now);
  const world = mergeWorld(mergeWorld(DEFAULT_WORLD as World, {}), parseWorldPatch(options.world ?? {}));
  const sim = createState({
    host: options.host ?? "127.0.0.1",
    clock,
    faults: mergeFaults(cloneFaults(DEFAULT_FAULTS as Faults), parseFaultsPatch(options.faults ?? {})),
    faultSeed: options.faultSeed ?? 1,
    requestLogSize: options.requestLogSize ?? 20_000,
    log: (msg) => {
      if (!options.quiet) console.error(`[whattalk-sim] ${msg}`);
    },
  });
  const sockets = new Set<Socket>();
  const server = await listen(sim, options.port ?? 4010, sockets);
  sim.port = (server.address() as AddressInfo).port;
  const url = `http://${sim.host.includes(":") ? `[${sim.host}]` : sim.host}:${sim.port}`;

  // Data is generated after binding so recording URLs carry the real port.
  try {
    const { anchor, liveAnchor, visibleUntil } = anchors(options.anchor, clock);
    const baseUrl = options.publicUrl ?? url;
    const { dataset, seeds } = withBulkAccounts(generateDataset({ anchor, liveAnchor, baseUrl }), options.extraAccounts);
    sim.dataset = dataset;
    sim.store = new CallStore(sim.dataset, visibleUntil, () => clock.now());
    sim.bulkKeys = new Set((options.extraAccounts ?? []).map((a) => a.key));
    sim.store.prewarm(sim.bulkKeys);
    sim.activity = new Activity({ store: sim.store, clock, seeds, seed: options.worldSeed ?? 1, world, liveAnchor, baseUrl: sim.dataset.baseUrl });
  } catch (e) {
    server.close();
    throw e;
  }

  return {
    url,
    apiUrl: `${url}/api`,
    port: sim.port,
    keys: DEMO_KEYS,
    dataset: sim.dataset,
    close: () => shutdown(sim, server, sockets),
    setFaults(f) {
      sim.faults = mergeFaults(cloneFaults(DEFAULT_FAULTS as Faults), parseFaultsPatch(f));
      return cloneFaults(sim.faults);
    },
    updateFaults(f) {
      sim.faults = mergeFaults(sim.faults, parseFaultsPatch(f));
      return cloneFaults(sim.faults);
    },
    getFaults: () => cloneFaults(sim.faults),
    reset: () => resetState(sim),
    requests: () => sim.requestLog.list(),
    clearRequests: () => sim.requestLog.clear(),
    stats: () => sim.requestLog.stats(),
    calls: (key) => {
      sim.activity.catchUp();
      return sim.store.calls(key);
    },
    now: () => clock.now(),
    advance(ms) {
      const at = clock.advance(ms);
      sim.activity.catchUp();
      return at;
    },
    getWorld: () => mergeWorld(sim.activity.world, {}),
    updateWorld: (patch) => sim.activity.update(parseWorldPatch(patch)),
  };
}

// The request context and the response helpers of the simulator (JSON, faults, 404/405, hangs).

import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";

import type { RecordedRequest } from "./faults";
import { paginatorBody, type PaginatorArgs, type ParsedQuery } from "./laravel";
import type { SimState } from "./state";

const JSON_TYPE = "application/json";

const NGINX_HTML = (status: number, text: string) =>
  `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

export interface Ctx {
  sim: SimState;
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

export function splitUrl(rawUrl: string): { path: string; search: string } {
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

/** The path without trailing slashes (but "/" stays "/"). */
export const trimSlashes = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, "") : path);

/** Normalized path for stats (ids replaced) so arbitrary URLs cannot grow the table. */
function statsPath(path: string): string {
  if (/^\/recordings\/calls\/[^/]+$/.test(path)) return "/recordings/calls/:id.wav";
  const p = trimSlashes(path);
  if (/^\/api\/user\/calls\/[^/]+$/.test(p)) return "/api/user/calls/:id";
  if (["/api/user/calls", "/api/user/assistants/get", "/api/user/assistants/phone-numbers", "/recordings/redirect"].includes(p)) return p;
  return "(other)";
}

/** The base URL the client used (its Host header). */
export function requestBase(ctx: Ctx): string {
  const hostHeader = ctx.req.headers.host || `${ctx.sim.host}:${ctx.sim.port}`;
  return `http://${hostHeader}`;
}

/** Adds the request to the log once (status null: no answer). */
export function record(ctx: Ctx, status: number | null) {
  if (ctx.logged) return;
  ctx.logged = true;
  ctx.sim.requestLog.add(
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

/** Answers (truncated to invalid JSON when the request was chosen as malformed) and records it. */
export function send(ctx: Ctx, status: number, body: string | Buffer, headers: Record<string, string> = {}) {
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

/** 200 with a Laravel paginator of `items` for the endpoint at `endpoint` (e.g. "/api/user/calls"). */
export const sendPage = (ctx: Ctx, endpoint: string, page: Omit<PaginatorArgs, "path" | "query">) =>
  send(ctx, 200, paginatorBody({ ...page, path: requestBase(ctx) + endpoint, query: ctx.query.input }));

export const sendJson = (ctx: Ctx, status: number, value: unknown, headers?: Record<string, string>) =>
  send(ctx, status, JSON.stringify(value), headers);

/** Never answers (the response is destroyed on close). */
export function hang(ctx: Ctx) {
  const { hanging } = ctx.sim;
  hanging.add(ctx.res);
  ctx.res.on("close", () => hanging.delete(ctx.res));
  record(ctx, null);
}

/** The body WhatTalk (Laravel behind nginx) sends with an injected error status. */
export function sendFault(ctx: Ctx, status: number) {
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

export const routeNotFound = (ctx: Ctx, path = ctx.path) =>
  sendJson(ctx, 404, { message: `The route ${path.replace(/^\/+/, "")} could not be found.` });

export const methodNotAllowed = (ctx: Ctx, allowed: string[]) =>
  sendJson(
    ctx,
    405,
    { message: `The ${ctx.method} method is not supported for route ${ctx.path.replace(/^\/+/, "")}. Supported methods: ${allowed.join(", ")}.` },
    { Allow: allowed.join(", ") },
  );

/** GET or HEAD. */
export const isRead = (ctx: Ctx): boolean => ctx.method === "GET" || ctx.method === "HEAD";

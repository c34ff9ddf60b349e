import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readBodyText } from "@/lib/http/body";
import { toAppError } from "@/lib/http/to-app-error";
import { parseOrThrow } from "@/lib/validation/parse";
import { logger } from "@/lib/logger";

export type ErrorBody = {
  error: {
    code: string;
    message: string;
    fieldErrors?: Record<string, string[]>;
    retryAfterSeconds?: number;
    [key: string]: unknown;
  };
};

/** The JSON error answer for any thrown value. Unknown errors become a bare 500 (details only in logs). */
export function errorResponse(error: unknown): NextResponse<ErrorBody> {
  const appError = toAppError(error);
  if (appError.code === "INTERNAL") {
    logger.error({ err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }, "unhandled error in route handler");
  }
  const body: ErrorBody = {
    error: {
      ...appError.details,
      code: appError.code,
      message: appError.message,
      ...(appError.fieldErrors ? { fieldErrors: appError.fieldErrors } : {}),
      ...(appError.retryAfterSeconds !== undefined ? { retryAfterSeconds: appError.retryAfterSeconds } : {}),
    },
  };
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (appError.retryAfterSeconds !== undefined) headers["Retry-After"] = String(appError.retryAfterSeconds);
  // What is left of an oversized body is never read: the connection closes after the answer.
  if (appError.code === "PAYLOAD_TOO_LARGE") headers.Connection = "close";
  return NextResponse.json(body, { status: appError.status, headers });
}

type Handler<P> = (req: NextRequest, params: P) => Promise<Response>;

/**
 * Wraps a route handler: typed params, errors mapped to statuses (AppError, ZodError → 400,
 * upstream errors → 409/429/502/504, anything else → 500 with nothing internal), and
 * `Cache-Control: no-store` on every answer. The handler still checks auth itself.
 */
export function route<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: NextRequest, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      assertSameOrigin(req);
      const res = await handler(req, await ctx.params);
      if (!res.headers.has("Cache-Control")) res.headers.set("Cache-Control", "no-store");
      return res;
    } catch (error) {
      return errorResponse(error);
    }
  };
}

const crossSite = () => new AppError("FORBIDDEN", "Cross-site requests are not allowed: use the portal itself, not a link or form on another site.");

/**
 * CSRF defence in depth (session cookies are SameSite=Lax already): a request that a browser marks
 * as cross-site, or whose Origin is another host, is refused, whatever its method. GETs included:
 * a top-level cross-site GET carries the Lax cookie, and some GETs spend the team's WhatTalk budget
 * or write audit rows (export, analytics, `?fresh=1`). Direct navigations (`Sec-Fetch-Site: none`),
 * same-origin and same-site requests, and clients that send neither header pass.
 */
export function assertSameOrigin(req: Request): void {
  if (req.headers.get("sec-fetch-site") === "cross-site") throw crossSite();
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw crossSite();
  }
  const hosts = [req.headers.get("host"), req.headers.get("x-forwarded-host")?.split(",")[0]?.trim()].filter(Boolean);
  if (!hosts.includes(originHost)) throw crossSite();
}

/**
 * Reads and validates a JSON body, the only way route handlers read one: over BODY_MAX_JSON_BYTES
 * gives 413 (lib/http/body.ts), malformed JSON or invalid fields 400. Unknown keys are dropped.
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const text = await readBodyText(req, env().BODY_MAX_JSON_BYTES);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body must be JSON.");
  }
  return parseOrThrow(schema, data);
}

export function json<T>(data: T, init?: ResponseInit): NextResponse<T> {
  return NextResponse.json(data, init);
}

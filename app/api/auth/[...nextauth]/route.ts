import NextAuth from "next-auth";
import { NextRequest, NextResponse } from "next/server";
import { authOptions, credentialsSchema } from "@/lib/auth/options";
import { clientIp, startLoginAttempt, withLoginAttempt } from "@/lib/auth/throttle";
import { env } from "@/lib/env";
import { readBodyBytes } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/route";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth marks only its csrf and session answers `no-store`; the sign-in answer carries the
// session cookie, so every answer here is `no-store` like every other route's.
async function nextAuth(req: NextRequest, ctx: Ctx): Promise<Response> {
  const res: Response = await NextAuth(authOptions())(req, ctx);
  if (!res.headers.has("Cache-Control")) res.headers.set("Cache-Control", "no-store");
  return res;
}

export async function GET(req: NextRequest, ctx: Ctx) {
  return nextAuth(req, ctx);
}

/** The e-mail of a credentials sign-in, read from the body the way next-auth reads it (JSON or form). */
function signInEmail(type: string, body: Uint8Array): string | null {
  const text = new TextDecoder().decode(body);
  let fields: unknown = null;
  if (type.includes("application/json")) {
    try {
      fields = JSON.parse(text);
    } catch {
      fields = null;
    }
  } else if (type.includes("application/x-www-form-urlencoded")) fields = Object.fromEntries(new URLSearchParams(text));
  const email = credentialsSchema.shape.email.safeParse((fields as { email?: unknown } | null)?.email);
  return email.success ? email.data : null;
}

// next-auth reads the whole body itself: it is read here first, within BODY_MAX_FORM_BYTES (413
// beyond, from Content-Length or while streaming), and next-auth gets a copy of those bytes.
// A credentials sign-in then takes a throttle point for its e-mail and its IP before next-auth checks the
// password (lib/auth/throttle.ts): when either limit is used up it gets 429 with Retry-After, whether
// or not the e-mail exists, and the password is not checked at all. A request without a valid e-mail
// goes on without a point; the credentials provider refuses it without checking a password.
export async function POST(original: NextRequest, ctx: Ctx) {
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readBodyBytes(original, env().BODY_MAX_FORM_BYTES);
  } catch (error) {
    return errorResponse(error);
  }
  const req = new NextRequest(original.url, { method: "POST", headers: original.headers, body });
  const { nextauth } = await ctx.params;
  if (nextauth[0] === "callback" && nextauth[1] === "credentials") {
    const email = signInEmail(req.headers.get("content-type") ?? "", body);
    if (email) {
      const started = await startLoginAttempt(email, clientIp(req.headers));
      if (!started.ok) {
        const wait = started.retryAfterSeconds;
        return NextResponse.json(
          { error: { code: "RATE_LIMITED", message: `Too many failed sign-in attempts. Try again in ${wait} s.`, retryAfterSeconds: wait } },
          { status: 429, headers: { "Retry-After": String(wait), "Cache-Control": "no-store" } },
        );
      }
      return withLoginAttempt(started.attempt, () => nextAuth(req, ctx));
    }
  }
  return nextAuth(req, ctx);
}

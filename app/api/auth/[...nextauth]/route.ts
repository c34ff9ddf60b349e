import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authOptions, credentialsSchema } from "@/lib/auth/options";
import { clientIp, startLoginAttempt, withLoginAttempt } from "@/lib/auth/throttle";

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
async function signInEmail(req: NextRequest): Promise<string | null> {
  const type = req.headers.get("content-type") ?? "";
  let body: unknown = null;
  if (type.includes("application/json")) body = await req.clone().json().catch(() => null);
  else if (type.includes("application/x-www-form-urlencoded")) body = Object.fromEntries(new URLSearchParams(await req.clone().text()));
  const email = credentialsSchema.shape.email.safeParse((body as { email?: unknown } | null)?.email);
  return email.success ? email.data : null;
}

// A credentials sign-in takes a throttle point for its e-mail and its IP before next-auth checks the
// password (lib/auth/throttle.ts): when either limit is used up it gets 429 with Retry-After, whether
// or not the e-mail exists, and the password is not checked at all. A request without a valid e-mail
// goes on without a point; the credentials provider refuses it without checking a password.
export async function POST(req: NextRequest, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth[0] === "callback" && nextauth[1] === "credentials") {
    const email = await signInEmail(req);
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

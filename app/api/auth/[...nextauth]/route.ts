import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { clientIp, loginBlockedFor } from "@/lib/auth/throttle";

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

// Sign-in attempts are throttled per e-mail and per IP before next-auth sees them: too many failed
// attempts in a minute get 429 with Retry-After, whether or not the e-mail exists.
export async function POST(req: NextRequest, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth[0] === "callback" && nextauth[1] === "credentials") {
    const form = await req.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "").trim().toLowerCase();
    const wait = await loginBlockedFor(email, clientIp(req.headers));
    if (wait > 0) {
      return NextResponse.json(
        { error: { code: "RATE_LIMITED", message: `Too many failed sign-in attempts. Try again in ${wait} s.`, retryAfterSeconds: wait } },
        { status: 429, headers: { "Retry-After": String(wait), "Cache-Control": "no-store" } },
      );
    }
  }
  return nextAuth(req, ctx);
}

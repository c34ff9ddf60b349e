import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health";

// Liveness and readiness for load balancers: database, Redis and WhatTalk reachability. No auth,
// no secrets, no internals: each check is just ok / error / skipped with a short reason.
export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth();
  return NextResponse.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}

import { NextResponse } from "next/server";
import { getHealth } from "@/lib/health";

// Liveness and readiness for load balancers: database, Redis and WhatTalk reachability, the job queue. No auth,
// no secrets, no internals: each check is just ok / error / skipped with a short reason. The checks
// run at most once per cache period (5 s; 1 s while one fails), shared by every request.
export const dynamic = "force-dynamic";

export async function GET() {
  const report = await getHealth();
  return NextResponse.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}

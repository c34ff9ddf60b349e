// Listing calls learns the assistants the calls name after the response (lib/after-response.ts,
// Next's after()): in the running server the learned rows still appear.
import { beforeAll, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { connectTeam, teamWithRoles } from "./helpers";

let t: Awaited<ReturnType<typeof teamWithRoles>>;

beforeAll(async () => {
  t = await teamWithRoles();
  await connectTeam(t.team.id, "wt_demo_alpha");
});

it("learns the calls' assistants after answering a calls list", async () => {
  expect(await db().assistant.count({ where: { teamId: t.team.id } })).toBe(0);
  const res = await t.clients.SUPERVISOR.get(`/api/teams/${t.team.id}/calls?per_page=50`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { calls: { assistant?: { id?: number | null } | null }[] };
  expect(body.calls.length).toBeGreaterThan(0);
  await vi.waitFor(async () => expect(await db().assistant.count({ where: { teamId: t.team.id, source: "LEARNED" } })).toBeGreaterThan(0), { timeout: 10_000, interval: 100 });
});

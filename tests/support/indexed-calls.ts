// Seeds a team's call index for tests and browser journeys: IndexedCall rows built by the one row
// builder (indexedCallRow) from WhatTalk-shaped calls, and a CallIndexState row.
import { indexedCallRow } from "@/lib/call-index/row";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CallSchema } from "@/lib/whattalk";

/** WhatTalk's wall clock ("YYYY-MM-DD HH:MM:SS") of an instant in a time zone. */
function wallClock(d: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(d);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/**
 * Indexes `ages.length` calls of the team, the i-th `ages[i]` days old (ids from `firstId`), with a
 * transcript and a customer phone number. The team's time zone is read so the instants come out right.
 */
export async function seedIndexedCalls(teamId: string, ages: number[], { firstId = 50_000, now = new Date() } = {}): Promise<number[]> {
  const team = await db().team.findUniqueOrThrow({ where: { id: teamId }, select: { timeZone: true } });
  const rows = ages.map((days, i) => {
    const at = new Date(now.getTime() - days * 86_400_000);
    const call = CallSchema.parse({
      id: firstId + i,
      status: "completed",
      type: "outbound",
      duration: 60 + i,
      client_phone_number: `+90555000${String(1000 + i)}`,
      transcript: `Merhaba, randevunuzu onaylamak için arıyorum (${i}).`,
      created_at: wallClock(at, team.timeZone),
      updated_at: wallClock(at, team.timeZone),
    });
    const row = indexedCallRow(teamId, team.timeZone, call);
    if (!row) throw new Error(`call ${call.id}: created_at not readable`);
    return row;
  });
  await db().indexedCall.createMany({ data: rows });
  return rows.map((r) => r.callId);
}

/** Writes the team's CallIndexState (created or replaced with these fields). */
export async function seedIndexState(teamId: string, state: Omit<Prisma.CallIndexStateUncheckedCreateInput, "teamId">): Promise<void> {
  await db().callIndexState.deleteMany({ where: { teamId } });
  await db().callIndexState.create({ data: { teamId, ...state } });
}

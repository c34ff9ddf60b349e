// The generated dataset: determinism, size, coverage of statuses/types, and the edge cases the
// portal must survive (nulls, non-ASCII, long transcripts, CSV-hostile variables).

import { describe, expect, it } from "vitest";
import {
  CALL_STATUSES,
  CALL_TYPES,
  callInstant,
  generateDataset,
  type Call,
  type Dataset,
} from "@/tools/whattalk-sim/data";
import { CallStore } from "@/tools/whattalk-sim/store";
import { formatInZone, isCalendarDate, zonedToEpoch } from "@/tools/whattalk-sim/tz";
import { ANCHOR, localString } from "./helpers";

const ds = generateDataset({ anchor: ANCHOR });
const acc = (slug: string) => ds.accounts.find((a) => a.slug === slug)!;
const alpha = acc("alpha");
const beta = acc("beta");
const gamma = acc("gamma");
const allCalls = ds.accounts.flatMap((a) => a.calls);
const anchorMs = Date.parse(ANCHOR);

describe("determinism", () => {
  it("two generations with the same anchor are deep-equal", () => {
    const again = generateDataset({ anchor: ANCHOR });
    expect(again).toEqual(ds);
  });

  it("the base URL only changes recording URLs", () => {
    const other = generateDataset({ anchor: ANCHOR, baseUrl: "http://sim.test:9999/" });
    const strip = (d: Dataset) => d.accounts.flatMap((a) => a.calls.map((c) => ({ ...c, recording_url: c.recording_url ? "x" : null })));
    expect(strip(other)).toEqual(strip(ds));
    const rec = other.accounts[0].calls.find((c) => c.recording_url)!;
    expect(rec.recording_url).toBe(`http://sim.test:9999/recordings/calls/${rec.id}.wav`);
  });

  it("counts and content do not depend on the anchor, only timestamps do", () => {
    const other = generateDataset({ anchor: "2025-08-10T06:15:00Z" });
    for (const a of ds.accounts) {
      const b = other.accounts.find((x) => x.slug === a.slug)!;
      expect(b.calls.length).toBe(a.calls.length);
      const transcripts = (list: readonly Call[]) => list.map((c) => `${c.status}|${c.type}|${c.client_phone_number}`).sort();
      expect(transcripts(b.calls)).toEqual(transcripts(a.calls));
    }
  });

  it("is frozen so nobody mutates the shared data", () => {
    expect(Object.isFrozen(alpha.calls[0])).toBe(true);
    expect(() => {
      (alpha.calls[0] as { status: string }).status = "failed";
    }).toThrow();
  });
});

describe("size and shape", () => {
  it("meets the minimum sizes", () => {
    expect(alpha.calls.length).toBeGreaterThanOrEqual(6000);
    expect(alpha.assistants.length).toBeGreaterThanOrEqual(6);
    expect(alpha.campaigns.length).toBeGreaterThanOrEqual(4);
    expect(beta.calls.length).toBeGreaterThanOrEqual(700);
    expect(beta.calls.length).toBeLessThanOrEqual(900);
    expect(beta.assistants).toHaveLength(3);
    expect(beta.campaigns).toHaveLength(2);
    expect(gamma.calls.length).toBeGreaterThanOrEqual(40);
    expect(gamma.calls.length).toBeLessThanOrEqual(80);
    expect(gamma.assistants).toHaveLength(1);
  });

  it("has globally unique call and assistant ids in per-account ranges", () => {
    const ids = allCalls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const assistantIds = ds.accounts.flatMap((a) => a.assistants.map((x) => x.id));
    expect(new Set(assistantIds).size).toBe(assistantIds.length);
    expect(alpha.assistants.every((a) => a.id >= 101 && a.id <= 199)).toBe(true);
    expect(beta.assistants.map((a) => a.id)).toEqual([201, 202, 203]);
    expect(gamma.assistants.map((a) => a.id)).toEqual([301]);
  });

  it("gives every call exactly the documented fields plus assistant_id and campaign_id", () => {
    const keys = [
      "id", "assistant_name", "campaign_name", "type", "duration", "assistant_phone_number", "client_phone_number",
      "status", "transcript", "variables", "evaluation", "webhook_response", "carrier_cost", "total_cost",
      "answered_by", "recording_url", "created_at", "updated_at", "assistant_id", "campaign_id",
    ];
    for (const c of allCalls) expect(Object.keys(c)).toEqual(keys);
  });

  it("covers every status and type in alpha, and calls without a campaign", () => {
    expect(new Set(alpha.calls.map((c) => c.status))).toEqual(new Set(CALL_STATUSES));
    expect(new Set(alpha.calls.map((c) => c.type))).toEqual(new Set(CALL_TYPES));
    const noCampaign = alpha.calls.filter((c) => c.campaign_id === null);
    expect(noCampaign.length).toBeGreaterThan(100);
    expect(noCampaign.every((c) => c.campaign_name === null)).toBe(true);
    for (const camp of alpha.campaigns) expect(alpha.calls.some((c) => c.campaign_id === camp.id && c.campaign_name === camp.name)).toBe(true);
  });

  it("keeps assistants, campaigns and ids consistent within an account", () => {
    for (const a of ds.accounts) {
      const campaignIds = new Set(a.campaigns.map((c) => c.id));
      for (const c of a.calls) if (c.campaign_id !== null) expect(campaignIds.has(c.campaign_id)).toBe(true);
    }
    // Old calls of a deleted assistant still carry its id and name (not in the assistants list).
    const listed = new Set(alpha.assistants.map((a) => a.id));
    expect(alpha.calls.some((c) => c.assistant_id !== null && !listed.has(c.assistant_id))).toBe(true);
  });
});

describe("time", () => {
  it("formats timestamps as YYYY-MM-DD HH:MM:SS in the account's zone", () => {
    for (const a of ds.accounts) {
      for (const c of a.calls) {
        expect(c.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
        expect(c.updated_at >= c.created_at || c.updated_at.slice(0, 10) >= c.created_at.slice(0, 10) || a.timeZone !== "Europe/Istanbul").toBe(true);
        // Independent check of the zone conversion with Intl.
        expect(localString(callInstant(c, a.timeZone), a.timeZone)).toBe(c.created_at);
      }
    }
  });

  it("spans the 90 days before the anchor and is sorted newest first", () => {
    for (const a of ds.accounts) {
      const instants = a.calls.map((c) => callInstant(c, a.timeZone));
      expect(Math.max(...instants)).toBeLessThanOrEqual(anchorMs);
      expect(Math.min(...instants)).toBeGreaterThan(anchorMs - 91 * 86_400_000);
      for (let i = 1; i < a.calls.length; i++) {
        const ok = instants[i - 1] > instants[i] || (instants[i - 1] === instants[i] && a.calls[i - 1].id > a.calls[i].id);
        expect(ok, `order at ${i}`).toBe(true);
      }
    }
    // Same-second calls exist, so the id tie-break matters.
    const seconds = alpha.calls.map((c) => c.created_at);
    expect(new Set(seconds).size).toBeLessThan(seconds.length);
  });

  it("has more calls in recent days and skews to business hours (local time)", () => {
    const day = 86_400_000;
    const inRange = (from: number, to: number) =>
      alpha.calls.filter((c) => {
        const t = callInstant(c, alpha.timeZone);
        return t > anchorMs - to * day && t <= anchorMs - from * day;
      }).length;
    expect(inRange(0, 30)).toBeGreaterThan(inRange(60, 90) * 1.3);
    const business = alpha.calls.filter((c) => {
      const h = Number(c.created_at.slice(11, 13));
      return h >= 9 && h < 19;
    }).length;
    expect(business / alpha.calls.length).toBeGreaterThan(0.7);
  });

  it("has a handful of live calls in the 30 minutes before the anchor", () => {
    const live = alpha.calls.filter((c) => anchorMs - callInstant(c, alpha.timeZone) <= 30 * 60_000);
    expect(live.length).toBeGreaterThanOrEqual(5);
    expect(live.every((c) => ["initiated", "ringing", "in-progress"].includes(c.status))).toBe(true);
    expect(new Set(live.map((c) => c.status))).toEqual(new Set(["initiated", "ringing", "in-progress"]));
    expect(live.every((c) => c.recording_url === null && c.evaluation === null)).toBe(true);
  });

  it("can anchor live calls separately from the history", () => {
    const d = generateDataset({ anchor: "2025-03-31T23:59:59Z", liveAnchor: "2025-03-31T10:00:00Z" });
    const a = d.accounts[0];
    const live = a.calls.filter((c) => c.status === "ringing");
    expect(live.length).toBeGreaterThan(0);
    for (const c of live) {
      const t = callInstant(c, a.timeZone);
      expect(t).toBeLessThanOrEqual(Date.parse("2025-03-31T10:00:00Z"));
      expect(t).toBeGreaterThan(Date.parse("2025-03-31T09:30:00Z"));
    }
  });

  it("converts between instants and zone wall clocks, including DST changes", () => {
    expect(formatInZone(Date.parse("2025-03-30T00:59:59Z"), "Europe/Berlin")).toBe("2025-03-30 01:59:59");
    expect(formatInZone(Date.parse("2025-03-30T01:00:00Z"), "Europe/Berlin")).toBe("2025-03-30 03:00:00");
    expect(formatInZone(Date.parse("2025-06-01T12:00:00Z"), "Europe/Istanbul")).toBe("2025-06-01 15:00:00");
    expect(formatInZone(Date.parse("2025-11-02T06:30:00Z"), "America/New_York")).toBe("2025-11-02 01:30:00");
    expect(zonedToEpoch("2025-06-01 15:00:00", "Europe/Istanbul")).toBe(Date.parse("2025-06-01T12:00:00Z"));
    // Ambiguous (fall back): the earlier instant.
    expect(zonedToEpoch("2025-11-02 01:30:00", "America/New_York")).toBe(Date.parse("2025-11-02T05:30:00Z"));
    expect(zonedToEpoch("2025-10-26 02:30:00", "Europe/Berlin")).toBe(Date.parse("2025-10-26T00:30:00Z"));
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2025-04-31")).toBe(false);
    expect(isCalendarDate("2025-4-01")).toBe(false);
  });
});

describe("edge cases the portal must survive", () => {
  const some = (pred: (c: Call) => boolean) => alpha.calls.some(pred);

  it("has nulls where the real API may have them", () => {
    expect(some((c) => c.recording_url === null && c.status === "completed")).toBe(true);
    expect(some((c) => c.evaluation === null && c.status === "completed")).toBe(true);
    expect(some((c) => c.type === "web" && c.client_phone_number === null && c.assistant_phone_number === null)).toBe(true);
    expect(some((c) => c.type === "inbound" && c.client_phone_number === null)).toBe(true);
    expect(some((c) => c.answered_by === null && c.status === "completed")).toBe(true);
    expect(some((c) => c.variables === null)).toBe(true);
    expect(some((c) => c.webhook_response === null)).toBe(true);
    for (const c of alpha.calls) {
      if (c.status === "failed") expect([c.carrier_cost, c.total_cost]).toEqual([null, null]);
      if (c.status === "no-answer") expect(c.transcript).toBeNull();
      if (["no-answer", "failed", "busy"].includes(c.status)) {
        expect(c.duration).toBe(0);
        expect(c.recording_url).toBeNull();
        expect(c.answered_by).toBeNull();
      }
    }
  });

  it("has empty objects and objects with other keys", () => {
    const isEmpty = (v: unknown) => v !== null && typeof v === "object" && Object.keys(v as object).length === 0;
    expect(some((c) => isEmpty(c.variables))).toBe(true);
    expect(some((c) => isEmpty(c.evaluation))).toBe(true);
    expect(some((c) => isEmpty(c.webhook_response))).toBe(true);
    expect(some((c) => c.evaluation !== null && "summary" in c.evaluation)).toBe(true);
    expect(some((c) => c.evaluation !== null && "sentiment" in c.evaluation && !("score" in c.evaluation))).toBe(true);
    expect(some((c) => c.webhook_response !== null && c.webhook_response.status === "error")).toBe(true);
  });

  it("evaluations have a known sentiment and a 0–10 score with one decimal", () => {
    const sentiments = new Set<string>();
    const outcomes = new Set<string>();
    for (const c of allCalls) {
      const e = c.evaluation;
      if (!e) continue;
      if ("sentiment" in e) {
        expect(["positive", "neutral", "negative"]).toContain(e.sentiment);
        sentiments.add(e.sentiment as string);
      }
      if ("outcome" in e) outcomes.add(e.outcome as string);
      if ("score" in e) {
        const s = e.score as number;
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(10);
        expect(Math.round(s * 10) / 10).toBe(s);
      }
    }
    expect(sentiments.size).toBe(3);
    for (const o of ["qualified_lead", "callback_requested", "not_interested", "appointment_booked", "voicemail", "wrong_number"]) {
      expect(outcomes.has(o), o).toBe(true);
    }
  });

  it("has answered_by human, machine and null", () => {
    expect(new Set(alpha.calls.map((c) => c.answered_by))).toEqual(new Set(["human", "machine", null]));
  });

  it("has Turkish, German, Arabic and emoji text", () => {
    const text = (c: Call) => `${c.transcript ?? ""} ${JSON.stringify(c.variables)} ${c.assistant_name}`;
    expect(some((c) => /[şğıİöüç]/.test(text(c)))).toBe(true);
    expect(some((c) => /İ/.test(text(c)))).toBe(true);
    expect(beta.calls.some((c) => /[äöüß]/.test(c.transcript ?? ""))).toBe(true);
    expect(some((c) => /[\u0600-\u06FF]/.test(c.transcript ?? ""))).toBe(true);
    expect(some((c) => /\p{Extended_Pictographic}/u.test(c.transcript ?? ""))).toBe(true);
    expect(some((c) => /[\u0600-\u06FF]/.test(JSON.stringify(c.variables)))).toBe(true);
  });

  it("has long, structured, differently labelled and unstructured transcripts", () => {
    const long = alpha.calls.filter((c) => (c.transcript?.length ?? 0) > 20_000);
    expect(long.length).toBeGreaterThanOrEqual(5);
    expect(some((c) => /^AI: .*\nUser: /m.test(c.transcript ?? ""))).toBe(true);
    expect(some((c) => /^Assistant: .*\nCustomer: /m.test(c.transcript ?? ""))).toBe(true);
    expect(some((c) => !!c.transcript && c.transcript.length > 50 && !/^(AI|User|Assistant|Customer): /m.test(c.transcript))).toBe(true);
    expect(some((c) => c.transcript === "")).toBe(true);
  });

  it("has variables with commas, quotes and newlines inside values", () => {
    const values = alpha.calls.flatMap((c) => Object.values(c.variables ?? {})).filter((v): v is string => typeof v === "string");
    expect(values.some((v) => v.includes(",") && v.includes('"') && v.includes("\n"))).toBe(true);
    expect(values.some((v) => v.startsWith("="))).toBe(true);
  });

  it("stores phone numbers as E.164, mostly Turkish mobiles for alpha, some other countries", () => {
    const phones = alpha.calls.map((c) => c.client_phone_number).filter((p): p is string => p !== null);
    expect(phones.every((p) => /^\+[1-9]\d{7,14}$/.test(p))).toBe(true);
    const turkish = phones.filter((p) => /^\+905\d{9}$/.test(p));
    expect(turkish.length / phones.length).toBeGreaterThan(0.7);
    expect(phones.some((p) => p.startsWith("+49"))).toBe(true);
    expect(phones.some((p) => p.startsWith("+971") || p.startsWith("+44") || p.startsWith("+1"))).toBe(true);
  });

  it("has recording URLs served by the simulator", () => {
    const rec = alpha.calls.filter((c) => c.recording_url !== null);
    expect(rec.length).toBeGreaterThan(3000);
    for (const c of rec.slice(0, 50)) expect(c.recording_url).toBe(`http://127.0.0.1:4010/recordings/calls/${c.id}.wav`);
  });
});

describe("query speed", () => {
  it("filters thousands of calls well under a millisecond on average", () => {
    const store = new CallStore(ds);
    const filters = [
      {},
      { status: "completed" },
      { type: "inbound", assistantId: 102 },
      { dateFrom: "2025-03-01", dateTo: "2025-03-15" },
      { phone: "532" },
      { campaignId: 1001, status: "no-answer" },
    ];
    // Warm up.
    for (const f of filters) store.list(alpha.key, f, 0, 15);
    const n = 600;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) store.list(alpha.key, filters[i % filters.length], (i % 7) * 15, 15);
    const avg = (performance.now() - t0) / n;
    expect(avg).toBeLessThan(1);
  });
});

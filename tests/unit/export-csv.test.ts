import { describe, expect, it } from "vitest";
import { DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMN_ORDER, parseExportColumns } from "@/lib/export/columns";
import { BOM, INCOMPLETE_MARKER, callRow, cellText, discoverKeys, headerRow, incompleteLine, neutraliseFormula, toCsv, type CsvPlan } from "@/lib/export/csv";
import { exportFileName } from "@/lib/export/export-calls";
import { CallSchema, type UpstreamCall } from "@/lib/whattalk/schemas";
import { csvRecords, parseCsv } from "../support/parse-csv";

const call = (fields: Record<string, unknown>): UpstreamCall => CallSchema.parse({ id: 1, ...fields });

const TRICKY = {
  id: 42,
  created_at: "2026-03-29 02:30:00",
  type: "outbound",
  status: "completed",
  assistant_id: 101,
  assistant_name: "Satış Asistanı – Ayşe",
  campaign_id: null,
  campaign_name: null,
  client_phone_number: "+905321234567",
  duration: 87,
  answered_by: "human",
  carrier_cost: "0.0250",
  total_cost: 0.1265,
  transcript: 'AI: Merhaba, "Boğaziçi" Finans,\nUser: Evet?\r\nAI: Teşekkürler',
  evaluation: { sentiment: "positive", outcome: "qualified_lead", score: 8.5, summary: "=cmd|' /C calc'!A0", tags: ["fiyat", "takip"] },
  variables: {
    customer_name: "Çağrı Öztürk",
    notes: 'Müşteri "acil" dedi, yarın 10:00\'da tekrar aranacak.\nİkinci not: adres; Kadıköy, İstanbul',
    formula: '=HYPERLINK("http://example.invalid","tıkla")',
    minus: "-Rabatt 10 %",
    at: "@mention",
    plus: "+1 (212) 555-0199, ask for O'Brien",
    tab: "\tindent",
    utm: { source: "google", campaign: "kış-kampanyası" },
    consent_recorded: true,
    card_limit: 25000,
  },
  recording_url: "https://recordings.whattalk.ai/x.wav",
  webhook_response: { status: "success", data: { crm_contact_id: 7 } },
};

describe("formula injection", () => {
  it.each([
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+905321234567", "'+905321234567"],
    ["-Rabatt", "'-Rabatt"],
    ["@mention", "'@mention"],
    ["\tTab", "'\tTab"],
    ["\rCR", "'\rCR"],
    ["plain", "plain"],
    ["a=b", "a=b"],
    ["", ""],
    ["'quoted", "'quoted"],
  ])("%j → %j", (input, output) => {
    expect(neutraliseFormula(input)).toBe(output);
  });

  it("never touches real numbers, and writes nested values as JSON", () => {
    expect(cellText(-5)).toBe("-5");
    expect(cellText(0.125)).toBe("0.125");
    expect(cellText(null)).toBe("");
    expect(cellText(undefined)).toBe("");
    expect(cellText(true)).toBe("true");
    expect(cellText({ a: "=x" })).toBe('{"a":"=x"}');
    expect(cellText(["-a"])).toBe('["-a"]');
    // Keys in a fixed order, whatever order the source kept (the call index's jsonb does not).
    expect(cellText({ page_url: "u", source: "w", customer_name: "c", n: { z: 1, a: [{ y: 2, b: 3 }] } })).toBe('{"customer_name":"c","n":{"a":[{"b":3,"y":2}],"z":1},"page_url":"u","source":"w"}');
    expect(cellText(Number.NaN)).toBe("");
  });
});

describe("flattening and quoting", () => {
  const c = CallSchema.parse(TRICKY);
  const keys = discoverKeys([c, call({ variables: { zeta: 1, "": 2, ["x".repeat(65)]: 3 }, evaluation: { sentiment: "neutral", extra: "y" } })]);

  it("finds variable and evaluation keys, sorted, leaving out the fixed evaluation fields and unusable keys", () => {
    expect(keys.variableKeys).toEqual(["at", "card_limit", "consent_recorded", "customer_name", "formula", "minus", "notes", "plus", "tab", "utm", "zeta"]);
    expect(keys.evaluationKeys).toEqual(["extra", "summary", "tags"]);
  });

  const plan: CsvPlan = { columns: EXPORT_COLUMN_ORDER, timeZone: "Europe/Istanbul", ...keys };

  it("round-trips every value through RFC 4180 CSV: commas, quotes, CR/LF, Turkish text, formulas neutralised", () => {
    const text = toCsv([headerRow(plan), callRow(c, plan)]);
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(2);
    expect(rows[0].length).toBe(rows[1].length);
    const [r] = csvRecords(rows);
    expect(r.id).toBe("42");
    expect(r.created_at).toBe("2026-03-29 02:30:00");
    expect(r.created_at_utc).toBe("2026-03-28T23:30:00.000Z");
    expect(r.assistant_name).toBe("Satış Asistanı – Ayşe");
    expect(r.campaign_id).toBe("");
    expect(r.campaign_name).toBe("");
    expect(r.client_phone_number).toBe("'+905321234567");
    expect(r.duration).toBe("87");
    expect(r.carrier_cost).toBe("0.025");
    expect(r.total_cost).toBe("0.1265");
    expect(r["evaluation.sentiment"]).toBe("positive");
    expect(r["evaluation.score"]).toBe("8.5");
    expect(r["evaluation.summary"]).toBe("'=cmd|' /C calc'!A0");
    expect(r["evaluation.tags"]).toBe('["fiyat","takip"]');
    expect(r["evaluation.extra"]).toBe("");
    expect(r["variables.customer_name"]).toBe("Çağrı Öztürk");
    expect(r["variables.notes"]).toBe(TRICKY.variables.notes);
    expect(r["variables.formula"]).toBe(`'${TRICKY.variables.formula}`);
    expect(r["variables.minus"]).toBe("'-Rabatt 10 %");
    expect(r["variables.at"]).toBe("'@mention");
    expect(r["variables.plus"]).toBe("'+1 (212) 555-0199, ask for O'Brien");
    expect(r["variables.tab"]).toBe("'\tindent");
    expect(r["variables.utm"]).toBe('{"campaign":"kış-kampanyası","source":"google"}');
    expect(r["variables.consent_recorded"]).toBe("true");
    expect(r["variables.card_limit"]).toBe("25000");
    expect(r["variables.zeta"]).toBe("");
    expect(JSON.parse(r.variables)).toEqual(TRICKY.variables);
    expect(r.transcript).toBe(TRICKY.transcript);
    expect(r.has_recording).toBe("true");
    expect(JSON.parse(r.webhook_response)).toEqual(TRICKY.webhook_response);
  });

  it("quotes a field with a lone CR or LF (csv-stringify alone would not with CRLF records)", () => {
    expect(toCsv([["a\rb", "c\nd", "e,f", 'g"h', "plain"]])).toBe('"a\rb","c\nd","e,f","g""h",plain\r\n');
  });

  it("writes empty cells for missing objects and fields", () => {
    const bare = call({ variables: null, evaluation: null, webhook_response: null });
    const [r] = csvRecords(parseCsv(toCsv([headerRow(plan), callRow(bare, plan)])));
    expect(r.variables).toBe("");
    expect(r["variables.notes"]).toBe("");
    expect(r["evaluation.sentiment"]).toBe("");
    expect(r.webhook_response).toBe("");
    expect(r.has_recording).toBe("false");
    expect(r.created_at_utc).toBe("");
  });

  it("neutralises formula-like variable keys in the header", () => {
    const p: CsvPlan = { columns: ["variables"], timeZone: "UTC", variableKeys: ["=evil"], evaluationKeys: [] };
    expect(headerRow(p)).toEqual(["id", "variables", "variables.=evil"]);
    expect(headerRow({ ...p, variableKeys: [] })).toEqual(["id", "variables"]);
    expect(neutraliseFormula("=evil")).toBe("'=evil");
  });

  it("ends an incomplete export with one quoted cell a spreadsheet shows whole", () => {
    const line = incompleteLine(3200, 6443, "WhatTalk answered with an error (HTTP 500).\nTry again");
    expect(line).toBe(`"${INCOMPLETE_MARKER}: stopped after 3,200 of 6,443 calls — WhatTalk answered with an error (HTTP 500). Try again"\r\n`);
    expect(parseCsv(line)).toEqual([[`${INCOMPLETE_MARKER}: stopped after 3,200 of 6,443 calls — WhatTalk answered with an error (HTTP 500). Try again`]]);
    expect(BOM).toBe("\uFEFF");
  });
});

describe("export columns", () => {
  it("takes the calls table's ids and export-only ids, comma-separated or repeated, in canonical order", () => {
    expect(parseExportColumns(["status,time", "variables", "cost"], { costs: true })).toEqual({ ok: true, columns: ["time", "status", "cost", "variables"] });
  });
  it("leaves out cost columns for roles without calls:costs", () => {
    expect(parseExportColumns(["time,cost"], { costs: false })).toEqual({ ok: true, columns: ["time"] });
  });
  it("refuses unknown ids", () => {
    expect(parseExportColumns(["time,recording_url,nope"], { costs: true })).toEqual({ ok: false, unknown: ["recording_url", "nope"] });
  });
  it("defaults to the table's default columns plus evaluation details and variables", () => {
    const r = parseExportColumns([], { costs: true });
    expect(r.ok && r.columns).toEqual(EXPORT_COLUMN_ORDER.filter((c) => DEFAULT_EXPORT_COLUMNS.includes(c)));
    expect(r.ok && r.columns).toContain("variables");
    expect(r.ok && r.columns).toContain("cost");
  });
});

describe("file name", () => {
  it("says team and date range", () => {
    expect(exportFileName("demo", { date_from: "2026-11-01", date_to: "2026-11-24" }, "Europe/Istanbul")).toBe("demo_calls_2026-11-01_2026-11-24.csv");
    expect(exportFileName("demo", {}, "Europe/Istanbul", new Date("2026-11-24T22:30:00Z"))).toBe("demo_calls_earliest_2026-11-25.csv");
  });
});

describe("counting rows while downloading", () => {
  it("counts records across chunks, ignoring line breaks inside quotes, and finds the incomplete marker", async () => {
    const { createCsvCounter, incompleteMessage } = await import("@/lib/export/csv-counter");
    const plan: CsvPlan = { columns: ["transcript", "variables"], timeZone: "UTC", variableKeys: ["notes"], evaluationKeys: [] };
    const c = CallSchema.parse(TRICKY);
    const text = BOM + toCsv([headerRow(plan), callRow(c, plan), callRow({ ...c, id: 41 }, plan)]) + incompleteLine(2, 10, "WhatTalk answered with an error (HTTP 500).");
    const counter = createCsvCounter();
    for (let i = 0; i < text.length; i += 7) counter.push(text.slice(i, i + 7));
    expect(counter.records).toBe(4); // header, 2 rows, marker
    expect(incompleteMessage(counter.lastRecord())).toBe("stopped after 2 of 10 calls — WhatTalk answered with an error (HTTP 500).");

    const complete = createCsvCounter();
    complete.push(BOM + toCsv([headerRow(plan), callRow(c, plan)]));
    expect(complete.records).toBe(2);
    expect(incompleteMessage(complete.lastRecord())).toBeNull();

    // A quoted field whose inner line looks like the marker is not the marker.
    const tricky = createCsvCounter();
    tricky.push(toCsv([["id", "transcript"], ["1", `x\n${INCOMPLETE_MARKER}: fake`]]));
    expect(tricky.records).toBe(2);
    expect(incompleteMessage(tricky.lastRecord())).toBeNull();
  });
});

describe("created_at_utc", () => {
  it("equals the exact conversion for every minute of a day with a DST change (Berlin) and a day without (Istanbul)", async () => {
    const { wallClockToInstant } = await import("@/lib/validation/dates");
    for (const [zone, day] of [
      ["Europe/Berlin", "2026-03-29"],
      ["Europe/Berlin", "2026-10-25"],
      ["Europe/Istanbul", "2026-11-24"],
      ["America/New_York", "2026-11-01"],
    ] as const) {
      const plan: CsvPlan = { columns: ["time"], timeZone: zone, variableKeys: [], evaluationKeys: [] };
      for (let minute = 0; minute < 24 * 60; minute += 7) {
        const local = `${day} ${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
        const [, , utcCell] = callRow(call({ created_at: local }), plan);
        expect(utcCell, `${zone} ${local}`).toBe(wallClockToInstant(local, zone)!.toISOString());
      }
    }
  });
});

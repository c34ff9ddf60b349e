// A call's transcript from its scenario (./scenarios.ts), its outcomes, and notes that are hard to
// export (CSV escaping, spreadsheet formulas).

import type { Random } from "./prng";
import { SCENARIOS, type ScenarioKind, type TranscriptContext, type Turn } from "./scenarios";

export const OUTCOMES: Record<ScenarioKind, ReadonlyArray<readonly [string, number]>> = {
  sales: [["qualified_lead", 25], ["callback_requested", 20], ["not_interested", 33], ["appointment_booked", 10], ["wrong_number", 4]],
  support: [["resolved", 40], ["escalated", 14], ["callback_requested", 14], ["information_provided", 20], ["wrong_number", 4]],
  appointment: [["appointment_booked", 50], ["rescheduled", 18], ["callback_requested", 16], ["not_interested", 12]],
  web: [["qualified_lead", 25], ["appointment_booked", 15], ["information_provided", 45], ["not_interested", 15]],
};

function fill(text: string, ctx: TranscriptContext): string {
  return text
    .replaceAll("{customer}", ctx.customer.name)
    .replaceAll("{first}", ctx.customer.first)
    .replaceAll("{persona}", ctx.persona)
    .replaceAll("{company}", ctx.company)
    .replaceAll("{city}", ctx.customer.city)
    .replaceAll("{date}", ctx.date)
    .replaceAll("{time}", ctx.time);
}

export interface TranscriptPlan {
  /** "structured" uses AI:/User: (or Assistant:/Customer:) lines; "prose" is free text. */
  style: "ai-user" | "assistant-customer" | "prose";
  voicemail: boolean;
  long: boolean;
  arabicDetour: boolean;
  /** "complete" | "customer" (customer hung up) | "assistant" (assistant ended) | "partial" (live call) */
  ending: "complete" | "customer" | "assistant" | "partial";
  middleTurns: number;
  targetLongLength: number;
}

export function buildTranscript(r: Random, ctx: TranscriptContext, plan: TranscriptPlan): string {
  const sc = SCENARIOS[ctx.lang][ctx.kind];
  if (plan.style === "prose" && plan.ending !== "partial") return fill(sc.prose, ctx);

  const turns: Turn[] = [];
  if (plan.voicemail) {
    turns.push(sc.opening[0], ...sc.voicemail);
  } else {
    turns.push(...sc.opening);
    if (plan.arabicDetour) {
      turns.push(
        ["user", "مرحبا، هل يمكنك التحدث بالعربية؟"],
        ["ai", ctx.lang === "tr" ? "Maalesef şu an yalnızca Türkçe ve İngilizce destek verebiliyorum. Sorry, I can only speak Turkish or English right now." : "I'm sorry, I can only help in English or Turkish right now."],
        ["user", "OK, English is fine. شكراً جزيلاً"],
      );
    }
    // Start at the top of the script most of the time, sometimes a little later.
    const start = r.chance(0.7) ? 0 : r.int(0, sc.middle.length - 1);
    for (let i = 0; i < Math.min(plan.middleTurns, sc.middle.length); i++) {
      const [a, u] = sc.middle[(start + i) % sc.middle.length];
      turns.push(["ai", a], ["user", u]);
    }
    if (plan.long) {
      let n = 1;
      let len = turns.reduce((s, t) => s + t[1].length + 8, 0);
      while (len < plan.targetLongLength) {
        const [u, a] = sc.longFiller(n++);
        turns.push(["user", u], ["ai", a]);
        len += u.length + a.length + 16;
      }
    }
    if (plan.ending === "partial") {
      turns.splice(Math.min(turns.length, 2 + 2 * Math.min(plan.middleTurns, 1)));
    } else if (plan.ending === "customer") {
      turns.push(["user", sc.customerHangsUp]);
    } else if (plan.ending === "assistant") {
      turns.push(["ai", sc.assistantEnds]);
    } else {
      turns.push(...(sc.closings[ctx.outcome] ?? sc.fallbackClosing));
    }
  }
  const [aiLabel, userLabel] = plan.style === "assistant-customer" ? ["Assistant", "Customer"] : ["AI", "User"];
  return turns.map(([who, text]) => `${who === "ai" ? aiLabel : userLabel}: ${fill(text, ctx)}`).join("\n");
}

// ---------------------------------------------------------------------------------------------
// Notes with characters that need escaping in CSV (commas, quotes, newlines) and spreadsheet
// formula triggers.

export const TRICKY_NOTES: Record<"tr" | "en" | "de", readonly string[]> = {
  tr: [
    'Müşteri "acil" dedi, yarın 10:00\'da tekrar aranacak.\nİkinci not: adres; Kadıköy, İstanbul',
    "Fatura itirazı, 349,90 ₺ (iki kez çekim)",
    'Not: "İPTAL" yazılı SMS gönderildi,\r\nmüşteri teyit etti',
    "=HYPERLINK(\"http://example.invalid\",\"tıkla\")",
    "Çağrı sırasında bağlantı koptu; tekrar aranmalı, öğleden sonra",
  ],
  en: [
    'Said "call me back", prefers email, not phone\nLine 2, with comma',
    "+1 (212) 555-0199, ask for O'Brien",
    "@mention the account manager, \"VIP\"",
  ],
  de: [
    'Kunde sagt: „bitte nur vormittags", Rückruf erwünscht,\nzweite Zeile',
    "Straße: Große Hamburger Str. 5, 10115 Berlin",
    "-Rabatt 10 %, gilt bis 31.12.",
  ],
};

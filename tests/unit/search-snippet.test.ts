// Snippets of a search match: the window around the first match, cut at spaces, and highlights of
// every positive term mapped back to the original text (Turkish case and diacritics included).
import { describe, expect, it } from "vitest";
import { parseSearchQuery } from "@/lib/search/parse-query";
import { buildSnippet, SNIPPET_LENGTH } from "@/lib/search/snippet";

function snip(sources: { text: string; phone?: boolean }[], q: string) {
  const parsed = parseSearchQuery(q);
  if (!parsed.ok) throw new Error(parsed.message);
  return buildSnippet(sources, parsed.terms);
}
const marked = (s: { snippet: string; highlights: [number, number][] } | null) => s?.highlights.map(([a, b]) => s.snippet.slice(a, b));

describe("buildSnippet", () => {
  it("highlights the original text of a Turkish-folded match", () => {
    const s = snip([{ text: "User: Aboneliğimi İPTAL etmek istiyorum. ŞİKAYET de edeceğim." }], "iptal sikayet");
    expect(s?.snippet).toBe("User: Aboneliğimi İPTAL etmek istiyorum. ŞİKAYET de edeceğim.");
    expect(marked(s)).toEqual(["İPTAL", "ŞİKAYET"]);
  });

  it("marks the typed part of an inflected word, every occurrence, and whole phrases", () => {
    const s = snip([{ text: "Randevunuzu aldım; randevu saatiniz 14:30. Kargom hâlâ gelmedi." }], 'randevu "hala gelmedi"');
    expect(marked(s)).toEqual(["Randevu", "randevu", "hâlâ gelmedi"]);
  });

  it("does not mark a term inside a word, nor excluded terms", () => {
    const s = snip([{ text: "Zamanında teslim edildi, teşekkürler." }], "teslim -zamanında -manında");
    expect(marked(s)).toEqual(["teslim"]);
    expect(snip([{ text: "Zamanında geldi" }], "manında")).toBeNull();
  });

  it("cuts a long text around the first match at word boundaries, with ellipses", () => {
    const words = Array.from({ length: 80 }, (_, i) => `kelime${i}`);
    words[50] = "ÖDEME";
    const s = snip([{ text: words.join(" ") }], "odeme");
    expect(s!.snippet.startsWith("…kelime")).toBe(true);
    expect(s!.snippet.endsWith("…")).toBe(true);
    expect(s!.snippet.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2);
    expect(s!.snippet.slice(1, -1).split(" ").every((w) => /^(kelime\d+|ÖDEME)$/.test(w))).toBe(true);
    expect(marked(s)).toEqual(["ÖDEME"]);
  });

  it("keeps line breaks as spaces so offsets stay the original's", () => {
    const s = snip([{ text: "AI: Merhaba.\nUser: Faturalarım yüksek." }], "fatura");
    expect(s?.snippet).toBe("AI: Merhaba. User: Faturalarım yüksek.");
    expect(marked(s)).toEqual(["Fatura"]);
  });

  it("falls back to variables' values, then to the phone number's digits", () => {
    const sources = [{ text: "AI: Görüşme kaydedildi." }, { text: "Gülşen Yıldırım · SP-99812" }, { text: "+90 532 111 22 33", phone: true }];
    expect(marked(snip(sources, "gulsen"))).toEqual(["Gülşen"]);
    const phone = snip(sources, "0532 111");
    expect(phone?.snippet).toBe("+90 532 111 22 33");
    expect(marked(phone)).toEqual(["532", "111"]);
    expect(snip(sources, "randevu")).toBeNull();
  });

  it("highlights letters outside the basic plane by their whole code point", () => {
    const s = snip([{ text: "Not 𝐀 iptal" }], "iptal");
    expect(marked(s)).toEqual(["iptal"]);
  });
});

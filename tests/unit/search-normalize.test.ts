import { describe, expect, it } from "vitest";
import { normalizeForSearch, normalizeWithMap } from "@/lib/search/normalize";

describe("normalizeForSearch", () => {
  it.each([
    ["İPTAL", "iptal"],
    ["iptal", "iptal"],
    ["IŞIK", "isik"],
    ["ışık", "isik"],
    ["ŞİKAYET", "sikayet"],
    ["Ödeme planı, lütfen!", "odeme plani lutfen"],
    ["Çağrı  merkezi\n\nGÜZEL", "cagri merkezi guzel"],
    ["INVOICE Issued", "invoice issued"],
    ["+90 (532) 111-22-33", "90 532 111 22 33"],
    ["  —  ", ""],
  ])("%j → %j", (input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });

  it("maps every normalised character back to the original", () => {
    const original = "Sayın MÜŞTERİ, randevunuzu…";
    const { text, map } = normalizeWithMap(original);
    expect(text).toBe("sayin musteri randevunuzu");
    const at = text.indexOf("musteri");
    expect(original.slice(map[at], map[at + "musteri".length - 1] + 1)).toBe("MÜŞTERİ");
    expect(map).toHaveLength(text.length);
  });
});

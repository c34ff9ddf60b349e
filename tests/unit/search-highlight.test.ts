// Highlighting a search's matches in an original text: Turkish case and letters, word starts,
// phrases, digits across separators, exclusions left out; and the parts a snippet is cut into.
import { describe, expect, it } from "vitest";
import { markParts, mergeRanges, searchMatchRanges } from "@/lib/search/highlight";

/** The marked substrings of `text` for a search. */
const marked = (text: string, q: string) => searchMatchRanges(text, q).map(([s, e]) => text.slice(s, e));

describe("search matches in the original text", () => {
  it.each([
    ["Müşteri İPTAL etmek istiyor.", "iptal", ["İPTAL"]],
    ["Bir ŞİKAYET ve bir şikayet daha.", "sikayet", ["ŞİKAYET", "şikayet"]],
    ["IŞIK yandı", "ışık", ["IŞIK"]],
    ["Ödemeyi yarın yapacağım.", "odeme", ["Ödemeyi"]],
    ["Randevunuzu değiştirdim; randevu saatiniz 14:00.", "randevu", ["Randevunuzu", "randevu"]],
    ["Kampanyası bitti, kampanya yok.", "kampanya", ["Kampanyası", "kampanya"]],
    ["I want to cancel; cancellation fee?", "cancel", ["cancel", "cancellation"]],
  ])("%j searched for %j", (text, q, expected) => {
    expect(marked(text, q)).toEqual(expected);
  });

  it("matches words only at their start", () => {
    expect(marked("fatura ve efatura", "fatura")).toEqual(["fatura"]);
  });

  it("marks a phrase whole, across punctuation, to the end of its last word", () => {
    expect(marked("Evet, ödeme — planınız hazır. Ödeme ayrı.", '"odeme planı"')).toEqual(["ödeme — planınız"]);
  });

  it("marks every positive term, not the excluded ones", () => {
    expect(marked("iptal ve fatura ve iade", "iptal -fatura iade")).toEqual(["iptal", "iade"]);
  });

  it("finds digits across separators and without the trunk zero", () => {
    expect(marked("Numaram 0532 123 45 67, teşekkürler", "05321234567")).toEqual(["532 123 45 67"]);
    expect(marked("Numaram 0532 123 45 67", "4567")).toEqual(["45 67"]);
  });

  it("keeps surrogate pairs whole", () => {
    expect(marked("iptal😀 edildi", "iptal")).toEqual(["iptal"]);
    const text = "𝐀 iptal";
    expect(marked(text, "iptal")).toEqual(["iptal"]);
  });

  it("marks nothing for a search that does not parse or has no match", () => {
    expect(searchMatchRanges("iptal", "-iptal")).toEqual([]);
    expect(searchMatchRanges("iptal", "i")).toEqual([]);
    expect(searchMatchRanges("iptal", "")).toEqual([]);
    expect(searchMatchRanges("hello", "iptal")).toEqual([]);
  });
});

describe("marked parts", () => {
  it("cuts text at the ranges, merging overlaps and ignoring bad ranges", () => {
    expect(markParts("abcdefgh", [[6, 8], [1, 3], [2, 4], [10, 12], [5, 5], [-1, 2]])).toEqual([
      { text: "a", mark: false },
      { text: "bcd", mark: true },
      { text: "ef", mark: false },
      { text: "gh", mark: true },
    ]);
    expect(markParts("abc", [])).toEqual([{ text: "abc", mark: false }]);
    expect(markParts("abc", [[1, 99]])).toEqual([
      { text: "a", mark: false },
      { text: "bc", mark: true },
    ]);
  });

  it("merges touching ranges", () => {
    expect(mergeRanges([[3, 5], [0, 3]])).toEqual([[0, 5]]);
  });
});

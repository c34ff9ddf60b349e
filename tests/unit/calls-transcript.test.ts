import { describe, expect, it } from "vitest";
import { countMatches, parseTranscript, queryPattern, splitMatches, transcriptTexts } from "@/lib/calls/transcript";

describe("parseTranscript", () => {
  it("reads AI:/User: lines as turns", () => {
    expect(parseTranscript("AI: Hello, this is Sarah.\nUser: Hi Sarah.\nAI: How can I help?")).toEqual({
      kind: "turns",
      turns: [
        { speaker: "assistant", text: "Hello, this is Sarah." },
        { speaker: "customer", text: "Hi Sarah." },
        { speaker: "assistant", text: "How can I help?" },
      ],
    });
  });

  it("knows every label, in any case, with Windows line ends", () => {
    const t = parseTranscript("Assistant: a\r\ncustomer: b\r\nBOT: c\r\nHuman:d\r\nbot : e");
    expect(t).toEqual({
      kind: "turns",
      turns: [
        { speaker: "assistant", text: "a" },
        { speaker: "customer", text: "b" },
        { speaker: "assistant", text: "c" },
        { speaker: "customer", text: "d" },
        { speaker: "assistant", text: "e" },
      ],
    });
  });

  it("continues a turn over unlabelled lines and keeps text before the first label as a note", () => {
    expect(parseTranscript("Call started.\nAI: Line one\nline two\n\nUser: Yes: sure")).toEqual({
      kind: "turns",
      turns: [
        { speaker: "other", text: "Call started." },
        { speaker: "assistant", text: "Line one\nline two" },
        { speaker: "customer", text: "Yes: sure" },
      ],
    });
  });

  it("drops empty turns", () => {
    expect(parseTranscript("AI:\nUser: Hello")).toEqual({ kind: "turns", turns: [{ speaker: "customer", text: "Hello" }] });
  });

  it("treats text without labels as paragraphs", () => {
    expect(parseTranscript("The customer asked about the bill.\nShe was told to wait.\n\n  Then the call ended.  ")).toEqual({
      kind: "prose",
      paragraphs: ["The customer asked about the bill.\nShe was told to wait.", "Then the call ended."],
    });
  });

  it("does not mistake one label-like line inside prose for a conversation", () => {
    expect(parseTranscript("Summary of the call.\nUser: unknown caller.").kind).toBe("prose");
    expect(parseTranscript("Customer: only one line").kind).toBe("turns");
  });

  it("handles empty transcripts and words that merely start like a label", () => {
    expect(parseTranscript(null)).toEqual({ kind: "empty" });
    expect(parseTranscript("   \n ")).toEqual({ kind: "empty" });
    expect(parseTranscript("AIR: no\nUsers: no").kind).toBe("prose");
  });

  it("keeps non-Latin text intact", () => {
    const t = parseTranscript("AI: Merhaba, İstanbul şubesi.\nUser: مرحبا 👋");
    expect(transcriptTexts(t)).toEqual(["Merhaba, İstanbul şubesi.", "مرحبا 👋"]);
  });
});

describe("search in a transcript", () => {
  it("splits around case-insensitive matches, numbering them across texts", () => {
    const p = queryPattern("hello");
    const a = splitMatches("Hello there, hello!", p);
    expect(a).toEqual({
      segments: [{ text: "Hello", match: 0 }, { text: " there, " }, { text: "hello", match: 1 }, { text: "!" }],
      next: 2,
    });
    const b = splitMatches("say HELLO", p, a.next);
    expect(b.segments).toEqual([{ text: "say " }, { text: "HELLO", match: 2 }]);
    expect(countMatches(["Hello there, hello!", "say HELLO", "nothing"], p)).toBe(3);
  });

  it("treats the query as text, not as a pattern", () => {
    const p = queryPattern("1.5 (a)");
    expect(splitMatches("x 1.5 (a) y 135 a", p).segments).toEqual([{ text: "x " }, { text: "1.5 (a)", match: 0 }, { text: " y 135 a" }]);
  });

  it("matches nothing for a blank query", () => {
    expect(queryPattern("   ")).toBeNull();
    expect(splitMatches("abc", null)).toEqual({ segments: [{ text: "abc" }], next: 0 });
    expect(countMatches(["abc"], null)).toBe(0);
  });

  it("matches Turkish text", () => {
    expect(countMatches(["Şubemiz İstanbul'da, şube açık"], queryPattern("şube"))).toBe(2);
  });
});

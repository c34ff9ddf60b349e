// What a search shows: the index line above the list (team time zone, age, how far back), snippets
// with their highlights as <mark> (text, never HTML), and the transcript of a call opened from a
// search with the search's matches marked.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { formatAge, indexSourceText } from "@/components/calls/index-source";
import { MarkedText } from "@/components/calls/marked-text";
import { TranscriptView } from "@/components/calls/transcript-view";

const NOW = new Date("2026-12-07T11:33:00Z"); // 14:33 in Istanbul

describe("the index line", () => {
  it("says how fresh the index is, in the team's time zone", () => {
    const text = indexSourceText({ syncedAt: "2026-12-07T11:32:20Z", ageSeconds: 40, complete: true, reachesBack: "2026-09-08T00:00:00Z" }, "Europe/Istanbul", NOW);
    expect(text).toBe("Search results from the index, up to date as of 14:32 (40 s ago).");
    expect(indexSourceText({ syncedAt: "2026-12-07T11:32:20Z", ageSeconds: 40, complete: true, reachesBack: null }, "UTC", NOW)).toBe("Search results from the index, up to date as of 11:32 (40 s ago).");
  });

  it("says how far back it reaches while the backfill runs", () => {
    const text = indexSourceText({ syncedAt: "2026-12-07T11:32:20Z", ageSeconds: 40, complete: false, reachesBack: "2026-12-02T22:30:00Z" }, "Europe/Istanbul", NOW);
    expect(text).toBe("Search results from the index, up to date as of 14:32 (40 s ago); the index reaches back to 3 Dec 2026 so far.");
  });

  it("names the day of a sync before today, and an index never synced", () => {
    expect(indexSourceText({ syncedAt: "2026-12-05T09:00:00Z", ageSeconds: 2 * 86400, complete: true, reachesBack: null }, "Europe/Istanbul", NOW)).toBe("Search results from the index, up to date as of 5 Dec 2026 12:00 (2 days ago).");
    expect(indexSourceText({ syncedAt: null, ageSeconds: null, complete: false, reachesBack: null }, "UTC", NOW)).toBe("Search results from the index, not synced yet; the index is still being filled.");
  });

  it("rounds ages", () => {
    expect([formatAge(0), formatAge(89), formatAge(600), formatAge(7200), formatAge(5 * 86400)]).toEqual(["0 s", "89 s", "10 min", "2 h", "5 days"]);
  });
});

describe("a result's snippet", () => {
  it("marks the highlighted ranges and keeps the rest as text", () => {
    const html = renderToStaticMarkup(createElement(MarkedText, { text: "…müşteri İPTAL <b>etmek</b> istiyor…", ranges: [[9, 14]] }));
    expect(html).toBe("<span><span>…müşteri </span><mark class=\"rounded-sm bg-yellow-200 px-0.5 text-foreground dark:bg-yellow-500/35\">İPTAL</mark><span> &lt;b&gt;etmek&lt;/b&gt; istiyor…</span></span>");
  });
});

describe("a call opened from a search", () => {
  const transcript = "AI: Merhaba, size nasıl yardımcı olabilirim?\nUser: Aboneliğimi İPTAL etmek istiyorum, bir de ŞİKAYET var.\nAI: İptal talebinizi aldım.";
  const marks = (html: string) => [...html.matchAll(/<mark[^>]*>([^<]*)<\/mark>/g)].map((m) => m[1]);

  it("marks every match of the search the Turkish way, the first one current", () => {
    const html = renderToStaticMarkup(createElement(TranscriptView, { transcript, search: "iptal sikayet" }));
    expect(marks(html)).toEqual(["İPTAL", "ŞİKAYET", "İptal"]);
    expect(html).toMatch(/<mark data-match="0" aria-current="true"[^>]*>İPTAL<\/mark>/);
    expect(html).toContain("1 of 3");
    expect(html).toContain("Matches of your search “iptal sikayet” are highlighted.");
  });

  it("says so when the search matched elsewhere than the transcript", () => {
    const html = renderToStaticMarkup(createElement(TranscriptView, { transcript, search: "5321234567" }));
    expect(marks(html)).toEqual([]);
    expect(html).toContain("matched this call&#x27;s variables or phone number, not its transcript.");
  });

  it("marks nothing without a search", () => {
    expect(marks(renderToStaticMarkup(createElement(TranscriptView, { transcript })))).toEqual([]);
  });
});

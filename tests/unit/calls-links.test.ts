import { describe, expect, it } from "vitest";
import { callDetailHref, callsListHref, safeCallsBackHref, searchOfListQuery } from "@/lib/calls/links";
import { DEFAULT_CALL_COLUMNS, normaliseColumns, visibleColumns } from "@/lib/calls/columns";

describe("links between the list and a call", () => {
  it("carries the list's query to the detail and back", () => {
    const href = callDetailHref("demo", 10042, "status=completed&page=2");
    expect(href).toBe("/teams/demo/calls/10042?back=%2Fteams%2Fdemo%2Fcalls%3Fstatus%3Dcompleted%26page%3D2");
    const back = new URL(href, "http://x").searchParams.get("back");
    expect(safeCallsBackHref("demo", back)).toBe("/teams/demo/calls?status=completed&page=2");
    expect(callDetailHref("demo", 7)).toBe("/teams/demo/calls/7");
    expect(callsListHref("demo", "?page=3")).toBe("/teams/demo/calls?page=3");
  });

  it("carries a search to the call, to highlight it there", () => {
    const list = "q=%C4%B0PTAL+%22%C3%B6deme+plan%C4%B1%22&sentiment=negative";
    expect(searchOfListQuery(list)).toBe('İPTAL "ödeme planı"');
    const href = callDetailHref("demo", 5, list, searchOfListQuery(list));
    const url = new URL(href, "http://x");
    expect(url.pathname).toBe("/teams/demo/calls/5");
    expect(url.searchParams.get("q")).toBe('İPTAL "ödeme planı"');
    expect(safeCallsBackHref("demo", url.searchParams.get("back"))).toBe(`/teams/demo/calls?${list}`);
    expect(searchOfListQuery("status=completed")).toBeNull();
    expect(callDetailHref("demo", 5, "", "  ")).toBe("/teams/demo/calls/5");
  });

  it.each([
    ["https://evil.example/teams/demo/calls"],
    ["//evil.example/teams/demo/calls"],
    ["/\\evil.example"],
    ["/teams/other/calls?page=2"],
    ["/teams/demo/calls/123"],
    ["/teams/demo/settings"],
    ["/teams/demo/calls/../settings"],
    ["/teams/demo/calls\n?x"],
    ["javascript:alert(1)"],
    ["teams/demo/calls"],
    ["/teams/demo/calls#frag"],
    [""],
  ])("refuses %j as a way back", (back) => {
    expect(safeCallsBackHref("demo", back)).toBe("/teams/demo/calls");
  });

  it("uses the first value of a repeated parameter and falls back without one", () => {
    expect(safeCallsBackHref("demo", ["/teams/demo/calls?type=web", "/x"])).toBe("/teams/demo/calls?type=web");
    expect(safeCallsBackHref("demo", undefined)).toBe("/teams/demo/calls");
  });
});

describe("column choice", () => {
  it("falls back to the defaults for unusable stored values", () => {
    expect(visibleColumns(null, { costs: true })).toEqual(DEFAULT_CALL_COLUMNS);
    expect(visibleColumns("x", { costs: true })).toEqual(DEFAULT_CALL_COLUMNS);
    expect(visibleColumns(["nope"], { costs: true })).toEqual(DEFAULT_CALL_COLUMNS);
  });

  it("keeps known ids in table order, always with the time, and never cost without the scope", () => {
    expect(visibleColumns(["cost", "status", "bogus"], { costs: true })).toEqual(["time", "status", "cost"]);
    expect(visibleColumns(["cost", "status"], { costs: false })).toEqual(["time", "status"]);
    expect(visibleColumns(null, { costs: false })).not.toContain("cost");
  });

  it("stores a choice in table order without duplicates", () => {
    expect(normaliseColumns(["score", "type", "score"])).toEqual(["time", "type", "score"]);
  });
});

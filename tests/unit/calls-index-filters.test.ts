// The calls bar's index filters as a member sees them: the search box and its hint, the sort (cost
// orders and the cost range only with calls:costs), durations in minutes, outcomes as chips,
// the server's field errors inline, and "More filters" open when one of them is set.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FilterFields, type FieldsProps } from "@/components/calls/filter-fields";
import { inMinutes, minutesToSeconds, secondsToMinutes } from "@/components/calls/index-filter-fields";
import { OutcomeField, splitOutcomes } from "@/components/calls/outcome-field";
import { commonOutcomes } from "@/components/calls/seen-outcomes";
import { selectedValues } from "@/components/calls/use-filter-bar";
import type { RawFilters } from "@/components/calls/list-query";

const noop = () => {};
function render(raw: RawFilters = {}, more: Partial<FieldsProps> = {}) {
  const props: FieldsProps = { values: selectedValues(raw), fieldErrors: {}, presets: [], assistants: [], campaigns: [], assignedOnly: false, timeZone: "UTC", apply: noop, type: noop, clear: noop, active: false, ...more };
  return renderToStaticMarkup(createElement(FilterFields, props));
}
/** The <input>/<select> whose id ends in -<name>. */
const control = (html: string, name: string) => html.match(new RegExp(`<(?:input|select)[^>]* id="[^"]*-${name}"[^>]*>`))?.[0] ?? null;
const options = (html: string, name: string) => [...(html.match(new RegExp(`<select[^>]* id="[^"]*-${name}"[^>]*>(.*?)</select>`))?.[1] ?? "").matchAll(/<option[^>]* value="([^"]*)"/g)].map((m) => m[1]);

describe("the calls bar's index filters", () => {
  it("has a search box described by the search language's hint, holding the URL's search", () => {
    const html = render({ q: "iptal -fatura" });
    const box = control(html, "q");
    expect(box).toContain('type="search"');
    expect(box).toContain('value="iptal -fatura"');
    const hint = box?.match(/aria-describedby="([^"]+)"/)?.[1];
    expect(hint).toMatch(/-q-hint$/);
    expect(html).toMatch(new RegExp(`<p id="${hint}"[^>]*>[^<]*“quotes” a phrase, -word excludes, digits search phone numbers`));
  });

  it("offers cost orders and the cost range only to members with calls:costs", () => {
    const without = render();
    expect(options(without, "sort")).toEqual(["newest", "oldest", "longest", "shortest", "score_high", "score_low"]);
    expect(control(without, "cost_min")).toBeNull();
    expect(control(without, "cost_max")).toBeNull();
    const withCosts = render({}, { costs: true });
    expect(options(withCosts, "sort")).toEqual(["newest", "oldest", "longest", "shortest", "score_high", "score_low", "cost_high", "cost_low"]);
    expect(withCosts).toMatch(/<label[^>]* for="[^"]*-cost_min">Min cost</);
    expect(withCosts).toMatch(/<label[^>]* for="[^"]*-cost_max">Max cost</);
  });

  it("selects the URL's sort, newest when there is none", () => {
    expect(control(render(), "sort")).toBeTruthy();
    expect(render()).toMatch(/<option[^>]* value="newest" selected="">Newest first/);
    expect(render({ sort: "longest" })).toMatch(/<option[^>]* value="longest" selected="">Longest first/);
  });

  it("shows durations in minutes and the server's range errors in minutes", () => {
    const html = render({ duration_min: "90", duration_max: "600" });
    expect(html).toMatch(/<label[^>]* for="[^"]*-duration_min">Min duration \(minutes\)</);
    expect(control(html, "duration_min")).toContain('value="1.5"');
    expect(control(html, "duration_max")).toContain('value="10"');
    const bad = render({ duration_min: "90000" }, { fieldErrors: { duration_min: ["Min duration must be between 0 and 86400."] } });
    expect(control(bad, "duration_min")).toContain('aria-invalid="true"');
    expect(bad).toContain("Min duration must be between 0 and 1440 minutes.");
  });

  it("converts typed minutes to whole seconds, passing anything else on for the server to refuse", () => {
    expect(minutesToSeconds("10")).toBe("600");
    expect(minutesToSeconds("1,5")).toBe("90");
    expect(minutesToSeconds(" 0.25 ")).toBe("15");
    expect(minutesToSeconds("")).toBe("");
    expect(minutesToSeconds("ten")).toBe("ten");
    expect(secondsToMinutes("100")).toBe("1.67");
    expect(secondsToMinutes("abc")).toBe("abc");
    expect(inMinutes("Max duration must be at least the min duration.")).toBe("Max duration must be at least the min duration.");
  });

  it("shows the selected outcomes as removable chips", () => {
    const html = render({ outcome: "callback_requested,resolved" });
    expect(html).toContain('aria-label="Remove outcome Callback requested"');
    expect(html).toContain('aria-label="Remove outcome Resolved"');
    expect(control(html, "outcome")).toContain('placeholder="Add another outcome"');
    expect(splitOutcomes(" a, b ,,a")).toEqual(["a", "b"]);
  });

  it("suggests the outcomes seen most often first", () => {
    expect(commonOutcomes(["b", null, "a", "b", "", "c", "a", "b"])).toEqual(["b", "a", "c"]);
  });

  it("keeps More filters closed until one of them is set or wrong", () => {
    expect(render()).toMatch(/<details(?![^>]*open)[^>]*>/);
    expect(render({ sentiment: "negative" })).toMatch(/<details[^>]* open=""[^>]*>.*\(1 set\)/);
    expect(render({}, { fieldErrors: { score_max: ["Max score must be at least the min score."] } })).toMatch(/<details[^>]* open=""/);
  });

  it("shows the server's field errors inline under their field", () => {
    const html = render({ q: "a" }, { fieldErrors: { q: ["Search words need at least 2 letters or digits: “a”."] } });
    const box = control(html, "q")!;
    expect(box).toContain('aria-invalid="true"');
    const errorId = box.match(/aria-describedby="([^ "]+)/)![1];
    expect(html).toMatch(new RegExp(`<p id="${errorId}"[^>]*>Search words need at least 2 letters`));
  });
});

describe("the outcome field's suggestions", () => {
  it("offers the outcomes seen, less those already chosen", () => {
    const html = renderToStaticMarkup(createElement(OutcomeField, { id: "f-outcome", value: "resolved", suggestions: ["not_interested", "resolved", "callback_requested"], layout: "inline", onChange: noop, onCommit: noop }));
    expect(html).toContain('list="f-outcome-suggestions"');
    expect([...html.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1])).toEqual(["not_interested", "callback_requested"]);
    const none = renderToStaticMarkup(createElement(OutcomeField, { id: "f-outcome", value: "", suggestions: [], layout: "inline", onChange: noop, onCommit: noop }));
    expect(none).not.toContain("<datalist");
  });
});

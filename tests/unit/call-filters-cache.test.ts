// callFiltersSchema keeps one schema per country: each country still normalises phone numbers its
// own way, whatever order teams of different countries are served in.
import { describe, expect, it } from "vitest";
import { callFiltersSchema, normalisePhone, parseCallFilters } from "@/lib/validation/call-filters";

describe("call filter schemas per country", () => {
  it("reuses a country's schema and keeps countries apart", () => {
    expect(callFiltersSchema({ country: "TR" })).toBe(callFiltersSchema({ country: "TR" }));
    expect(callFiltersSchema({ country: "TR" })).not.toBe(callFiltersSchema({ country: "DE" }));
    const typed = "0532 123 45 67";
    for (const country of ["TR", "DE", "US", "TR", "GB", "DE"]) {
      const parsed = parseCallFilters({ phone_number: typed }, { country });
      expect(parsed.ok && parsed.filters.phone_number, country).toBe(normalisePhone(typed, country));
    }
    const tr = parseCallFilters({ phone_number: typed }, { country: "TR" });
    expect(tr.ok && tr.filters.phone_number).toBe("+905321234567");
  });
});

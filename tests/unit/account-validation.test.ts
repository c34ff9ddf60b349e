import { describe, expect, it } from "vitest";
import { countrySchema, emailSchema, passwordSchema, slugify, slugSchema, timeZoneSchema } from "@/lib/validation/accounts";

describe("account and team fields", () => {
  it("normalises e-mail addresses", () => {
    expect(emailSchema.parse("  Ada@Example.COM ")).toBe("ada@example.com");
    expect(emailSchema.safeParse("not-an-email").success).toBe(false);
  });

  it("wants passwords of 8 to 200 characters", () => {
    expect(passwordSchema.safeParse("1234567").success).toBe(false);
    expect(passwordSchema.safeParse("12345678").success).toBe(true);
    expect(passwordSchema.safeParse("x".repeat(201)).success).toBe(false);
  });

  it("accepts IANA time zones only", () => {
    expect(timeZoneSchema.parse("Europe/Istanbul")).toBe("Europe/Istanbul");
    expect(timeZoneSchema.parse("UTC")).toBe("UTC");
    expect(timeZoneSchema.safeParse("Mars/Olympus").success).toBe(false);
    expect(timeZoneSchema.safeParse("+03:00").success).toBe(false);
  });

  it("accepts ISO 3166-1 alpha-2 countries only", () => {
    expect(countrySchema.parse("tr")).toBe("TR");
    expect(countrySchema.safeParse("XX").success).toBe(false);
    expect(countrySchema.safeParse("TUR").success).toBe(false);
  });

  it("keeps slugs URL-safe and away from fixed routes", () => {
    expect(slugSchema.parse("Demo-2")).toBe("demo-2");
    for (const bad of ["new", "a", "-demo", "demo-", "de--mo", "demo call", "démo", "x".repeat(41)]) expect(slugSchema.safeParse(bad).success, bad).toBe(false);
  });

  it("derives a slug from a name", () => {
    expect(slugify("Demo Call Centre")).toBe("demo-call-centre");
    expect(slugify("Boğaziçi Finans A.Ş.")).toBe("bogazici-finans-a-s");
    expect(slugify("New")).toBe("team-new");
    expect(slugSchema.safeParse(slugify("!!!")).success).toBe(true);
  });
});

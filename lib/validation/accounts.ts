// Field schemas for accounts, teams, members and invitations, shared by route handlers, services
// and the CLI (one definition of what a valid e-mail, password, slug, time zone or country is).
import { getCountries } from "libphonenumber-js";
import { z } from "zod";
import { ROLES } from "@/lib/rbac";

export const emailSchema = z
  .string({ message: "Enter your e-mail address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter an e-mail address.")
  .max(320, "That e-mail address is too long.")
  .pipe(z.email("Enter a valid e-mail address."));

export const PASSWORD_MIN = 8;
export const passwordSchema = z
  .string({ message: "Enter a password." })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(200, "Use at most 200 characters.");

export const nameSchema = z.string({ message: "Enter a name." }).trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");

/** Team addresses that would collide with fixed routes under /teams/. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(["new"]);

export const slugSchema = z
  .string({ message: "Enter an address." })
  .trim()
  .toLowerCase()
  .min(2, "Use at least 2 characters.")
  .max(40, "Use at most 40 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens (not at the start or end).")
  .refine((s) => !RESERVED_SLUGS.has(s), "This address is reserved.");

let zones: ReadonlySet<string> | undefined;
/** IANA time zones this runtime knows (plus UTC, which `supportedValuesOf` leaves out). */
export function supportedTimeZones(): ReadonlySet<string> {
  zones ??= new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);
  return zones;
}

export const timeZoneSchema = z
  .string({ message: "Choose a time zone." })
  .trim()
  .refine((tz) => supportedTimeZones().has(tz), "Choose a time zone from the list (an IANA name such as Europe/Istanbul).");

let countries: ReadonlySet<string> | undefined;
/** ISO 3166-1 alpha-2 codes (the regions phone numbers can be read for). */
export function supportedCountries(): ReadonlySet<string> {
  countries ??= new Set(getCountries());
  return countries;
}

export const countrySchema = z
  .string({ message: "Choose a country." })
  .trim()
  .toUpperCase()
  .refine((c) => supportedCountries().has(c), "Choose a country from the list (a two-letter ISO code such as TR).");

export const roleSchema = z.enum(ROLES, { message: "Choose a role: OWNER, ADMIN, SUPERVISOR or AGENT." });

/** Turns a team name into an address candidate: "Demo Call Centre" -> "demo-call-centre". */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ı/g, "i")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return base.length >= 2 && !RESERVED_SLUGS.has(base) ? base : `team-${base || "x"}`.slice(0, 40).replace(/-+$/g, "");
}

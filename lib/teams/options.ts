import { supportedCountries, supportedTimeZones } from "@/lib/validation/accounts";

export type Option = { value: string; label: string };

/** Time zones for a select, by name (computed on the server, passed to forms). */
export function timeZoneOptions(): Option[] {
  return [...supportedTimeZones()].sort((a, b) => a.localeCompare(b)).map((tz) => ({ value: tz, label: tz.replace(/_/g, " ") }));
}

/** Countries for a select, by English name, with their ISO code. */
export function countryOptions(): Option[] {
  const names = new Intl.DisplayNames(["en"], { type: "region" });
  return [...supportedCountries()]
    .map((code) => ({ value: code, label: `${names.of(code) ?? code} (${code})` }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

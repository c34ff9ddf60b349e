"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { FieldError, fieldA11y } from "@/components/accounts/field-error";

export type Option = { value: string; label: string };

/** Name, address, time zone and country fields shared by "create a team" and the team settings. */
export function TeamFields({
  errors,
  defaults,
  timeZones,
  countries,
  slugOptional = false,
}: {
  errors: Record<string, string[]>;
  defaults: { name?: string; slug?: string; timeZone: string; country: string };
  timeZones: Option[];
  countries: Option[];
  slugOptional?: boolean;
}) {
  return (
    <>
      <div className="space-y-2">
        <Label htmlFor="team-name">Team name</Label>
        <Input id="team-name" name="name" defaultValue={defaults.name} required maxLength={100} {...fieldA11y("team-name", errors.name)} />
        <FieldError id="team-name-error" messages={errors.name} />
      </div>
      <div className="space-y-2">
        <Label htmlFor="team-slug">Address{slugOptional ? " (optional)" : ""}</Label>
        <div className="flex items-center gap-1 text-sm text-muted-foreground">
          <span aria-hidden>/teams/</span>
          <Input
            id="team-slug"
            name="slug"
            defaultValue={defaults.slug}
            placeholder={slugOptional ? "made from the name" : undefined}
            required={!slugOptional}
            maxLength={40}
            className="text-foreground"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            aria-describedby="team-slug-hint"
            {...fieldA11y("team-slug", errors.slug)}
          />
        </div>
        <p id="team-slug-hint" className="text-xs text-muted-foreground">
          Lowercase letters, digits and hyphens. Changing it changes the team&apos;s links.
        </p>
        <FieldError id="team-slug-error" messages={errors.slug} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-2">
          <Label htmlFor="team-tz">Time zone</Label>
          <NativeSelect id="team-tz" name="timeZone" defaultValue={defaults.timeZone} containerClassName="w-full" {...fieldA11y("team-tz", errors.timeZone)}>
            {timeZones.map((o) => (
              <NativeSelectOption key={o.value} value={o.value}>
                {o.label}
              </NativeSelectOption>
            ))}
          </NativeSelect>
          <p className="text-xs text-muted-foreground">Call times are shown, and date filters read, in this zone.</p>
          <FieldError id="team-tz-error" messages={errors.timeZone} />
        </div>
        <div className="space-y-2">
          <Label htmlFor="team-country">Country</Label>
          <NativeSelect id="team-country" name="country" defaultValue={defaults.country} containerClassName="w-full" {...fieldA11y("team-country", errors.country)}>
            {countries.map((o) => (
              <NativeSelectOption key={o.value} value={o.value}>
                {o.label}
              </NativeSelectOption>
            ))}
          </NativeSelect>
          <p className="text-xs text-muted-foreground">Phone numbers typed without a country code are read for this country.</p>
          <FieldError id="team-country-error" messages={errors.country} />
        </div>
      </div>
    </>
  );
}

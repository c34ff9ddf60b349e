// Validation of what a user types on the "WhatTalk connection" page, shared by the route handlers, the
// CLI and the services (the form takes ./limits only). Messages never quote the value: it is a secret.
import { z } from "zod";
import { API_KEY_MAX, API_KEY_MIN, DEFAULT_LABEL, LABEL_MAX } from "./limits";

/** A WhatTalk API key: trimmed, 8–512 printable ASCII characters without spaces (it goes in a header). */
export const apiKeySchema = z
  .string({ message: "Enter the API key." })
  .trim()
  .superRefine((v, ctx) => {
    const message =
      v === ""
        ? "Enter the API key."
        : v.length < API_KEY_MIN
          ? `An API key has at least ${API_KEY_MIN} characters: check that you pasted all of it.`
          : v.length > API_KEY_MAX
            ? `An API key has at most ${API_KEY_MAX} characters: check that you pasted only the key.`
            : !/^[\x21-\x7e]+$/.test(v)
              ? "An API key contains only printable characters without spaces: paste the key exactly as WhatTalk shows it."
              : null;
    if (message) ctx.addIssue({ code: "custom", message });
  });

export const labelSchema = z
  .string({ message: "Enter a label." })
  .trim()
  .max(LABEL_MAX, `Use at most ${LABEL_MAX} characters.`)
  .regex(/^[^\p{Cc}]*$/u, "The label cannot contain control characters.")
  .transform((v) => v || DEFAULT_LABEL);

/** PUT /api/teams/{teamId}/credential. */
export const saveCredentialSchema = z.object({
  label: labelSchema.optional().transform((v) => v ?? DEFAULT_LABEL),
  apiKey: apiKeySchema,
  /** Save as "unchecked" when WhatTalk cannot be reached to verify the key. */
  allowUnchecked: z.boolean().optional().default(false),
});
export type SaveCredentialInput = z.input<typeof saveCredentialSchema>;

import { z } from "zod";

export const MAX_EXTERNAL_ID = 2_147_483_647;

export const externalIdSchema = z.coerce
  .number({ message: "Enter the numeric WhatTalk id." })
  .int("Enter the numeric WhatTalk id.")
  .min(1, "Enter the numeric WhatTalk id.")
  .max(MAX_EXTERNAL_ID, "That id is too large.");

/** POST /api/teams/{teamId}/directory/{assistants|campaigns}: an entry typed by hand. */
export const directoryEntrySchema = z.object({
  id: externalIdSchema,
  name: z
    .string({ message: "Enter a name." })
    .trim()
    .min(1, "Enter a name.")
    .max(120, "Use at most 120 characters.")
    .regex(/^[^\p{Cc}]*$/u, "The name cannot contain control characters."),
});
export type DirectoryEntryInput = z.input<typeof directoryEntrySchema>;

import { z } from "zod";

export const MAX_ASSIGNMENTS = 200;

export const assignmentSchema = z.object({
  assistantId: z.coerce
    .number({ message: "Enter the assistant's numeric WhatTalk id." })
    .int("Enter the assistant's numeric WhatTalk id.")
    .min(1, "Enter the assistant's numeric WhatTalk id.")
    .max(2_147_483_647, "That id is too large."),
  label: z.string({ message: "Enter a label." }).trim().min(1, "Enter a label (e.g. the assistant's name).").max(100, "Use at most 100 characters."),
});

/** The complete list of an agent's assistants (PUT replaces it); each assistant at most once. */
export const assignmentsSchema = z
  .array(assignmentSchema)
  .max(MAX_ASSIGNMENTS, `At most ${MAX_ASSIGNMENTS} assistants per agent.`)
  .superRefine((list, ctx) => {
    const seen = new Set<number>();
    list.forEach((a, i) => {
      if (seen.has(a.assistantId)) ctx.addIssue({ code: "custom", path: [i, "assistantId"], message: `Assistant ${a.assistantId} is listed twice.` });
      seen.add(a.assistantId);
    });
  });

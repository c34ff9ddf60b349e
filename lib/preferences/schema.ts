import { z } from "zod";
import { CALL_COLUMN_IDS } from "@/lib/calls/columns";

/** PUT /api/teams/{teamId}/preferences: the calls table's visible columns (known ids only). */
export const preferencesInput = z.object({
  columns: z
    .array(z.enum(CALL_COLUMN_IDS, { message: `Columns must be among: ${CALL_COLUMN_IDS.join(", ")}.` }), { message: "Columns must be a list of column ids." })
    .max(CALL_COLUMN_IDS.length * 2, "Too many columns."),
});
export type PreferencesInput = z.infer<typeof preferencesInput>;

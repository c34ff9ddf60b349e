// Saved views' bodies: POST /api/teams/{teamId}/views and PATCH …/views/{viewId}.
import { z } from "zod";
import { CALL_COLUMN_IDS as COLUMN_IDS } from "@/lib/calls/columns";

export const viewNameSchema = z.string().trim().min(1, "Give the view a name.").max(80, "Use at most 80 characters.");
export const viewColumnsSchema = z
  .array(z.string())
  .max(COLUMN_IDS.length, "Too many columns.")
  .refine((cols) => cols.every((c) => (COLUMN_IDS as readonly string[]).includes(c)), { message: "Unknown column." })
  .refine((cols) => new Set(cols).size === cols.length, { message: "A column is listed twice." })
  .refine((cols) => cols.length > 0, { message: "Choose at least one column." });

export const createViewSchema = z.object({
  name: viewNameSchema,
  visibility: z.enum(["PERSONAL", "TEAM"]).default("PERSONAL"),
  filters: z.record(z.string(), z.unknown()).default({}),
  columns: viewColumnsSchema,
});
export type CreateViewInput = z.input<typeof createViewSchema>;

export const updateViewSchema = z.object({
  version: z.number().int().positive("Send the version you edited."),
  name: viewNameSchema.optional(),
  visibility: z.enum(["PERSONAL", "TEAM"]).optional(),
  filters: z.record(z.string(), z.unknown()).optional(),
  columns: viewColumnsSchema.optional(),
});
export type UpdateViewInput = z.input<typeof updateViewSchema>;

import { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";

/** Field errors keyed by dotted path ("" for form-level errors). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Parses or throws a 400 AppError carrying field errors. */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, message = "Some fields are invalid."): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new AppError("BAD_REQUEST", message, { fieldErrors: fieldErrorsOf(result.error) });
  return result.data;
}

/** URLSearchParams → plain object (repeated keys keep the last value). */
export function searchParamsToObject(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (params instanceof URLSearchParams) {
    for (const [k, v] of params) out[k] = v;
  } else {
    for (const [k, v] of Object.entries(params)) {
      if (v === undefined) continue;
      out[k] = Array.isArray(v) ? (v[v.length - 1] ?? "") : v;
    }
  }
  return out;
}

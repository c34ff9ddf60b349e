import { ZodError } from "zod";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/parse";

/** Maps anything thrown to an AppError with a user-safe message. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new AppError("BAD_REQUEST", "Some fields are invalid.", { fieldErrors: fieldErrorsOf(error) });
  return new AppError("INTERNAL", "Something went wrong on our side. Please try again.");
}

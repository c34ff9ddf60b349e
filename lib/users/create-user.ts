import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, isUniqueViolation } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { emailSchema, nameSchema, passwordSchema } from "@/lib/validation/accounts";
import { parseOrThrow } from "@/lib/validation/parse";
import type { UserDTO } from "@/lib/users/types";

/** A new account's fields (sign-up, the CLI). */
export const newUserSchema = z.object({ email: emailSchema, password: passwordSchema, name: nameSchema });

const EMAIL_TAKEN = "An account with this e-mail address already exists. Sign in instead.";

/** Creates a user with an argon2id password hash. 409 when the e-mail is taken. */
export async function createUser(input: { email: string; password: string; name: string }, tx: Prisma.TransactionClient = db()): Promise<UserDTO> {
  const data = parseOrThrow(newUserSchema, input);
  const existing = await tx.user.findUnique({ where: { email: data.email }, select: { id: true } });
  if (existing) throw conflict(EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
  try {
    return await tx.user.create({
      data: { email: data.email, name: data.name, passwordHash: await hashPassword(data.password) },
      select: { id: true, email: true, name: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
    throw error;
  }
}

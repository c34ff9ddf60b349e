import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { nameSchema } from "@/lib/validation/accounts";
import { parseOrThrow } from "@/lib/validation/parse";
import type { UserDTO } from "@/lib/users/types";

/** Changes the user's display name. */
export async function updateProfile(input: { userId: string; name: string }): Promise<UserDTO> {
  const { name } = parseOrThrow(z.object({ name: nameSchema }), { name: input.name });
  return db().user.update({ where: { id: input.userId }, data: { name }, select: { id: true, email: true, name: true } });
}

import "server-only";
import { db } from "@/lib/db";
import type { UserDTO } from "@/lib/users/types";

export async function findUserByEmail(email: string): Promise<UserDTO | null> {
  return db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true, name: true } });
}

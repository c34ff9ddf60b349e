export type UserDTO = { id: string; email: string; name: string };

/** Prisma's unique-constraint error (P2002), e.g. an e-mail or slug taken by a concurrent request. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

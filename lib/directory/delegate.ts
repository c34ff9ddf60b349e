import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type PrismaClient } from "@/lib/db";
import type { DirectoryKind } from "@/lib/directory/types";

type Client = PrismaClient | Prisma.TransactionClient;

/**
 * The Prisma delegate of one directory table. Assistant and Campaign have identical columns
 * (teamId, externalId, name, source), so code written once serves both; the cast only unifies the
 * two generated delegate types.
 */
export function directoryTable(kind: DirectoryKind, client: Client = db()): PrismaClient["assistant"] {
  return (kind === "assistant" ? client.assistant : client.campaign) as unknown as PrismaClient["assistant"];
}

-- DropForeignKey
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_teamId_fkey";

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "detachedAt" TIMESTAMP(3),
ADD COLUMN     "teamName" TEXT,
ADD COLUMN     "teamRefId" TEXT,
ADD COLUMN     "teamSlug" TEXT;

-- Backfill (added by hand): the team of each existing row, and the deletions recorded so far
-- (their rows went with the team; the "team.deleted" row itself stays, detached when it was made).
UPDATE "AuditEvent" AS a SET "teamRefId" = t."id", "teamSlug" = t."slug", "teamName" = t."name" FROM "Team" AS t WHERE a."teamId" = t."id";
UPDATE "AuditEvent" SET "teamRefId" = "targetId", "teamSlug" = "data"->>'slug', "teamName" = "targetLabel", "detachedAt" = "createdAt" WHERE "action" = 'team.deleted' AND "teamId" IS NULL;

-- CreateIndex
CREATE INDEX "AuditEvent_teamRefId_createdAt_idx" ON "AuditEvent"("teamRefId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_detachedAt_idx" ON "AuditEvent"("detachedAt");

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "indexRetentionDays" INTEGER DEFAULT 90;

-- CreateTable
CREATE TABLE "CallIndexState" (
    "teamId" TEXT NOT NULL,
    "credentialId" TEXT,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "rebuildRequestedAt" TIMESTAMP(3),
    "backfillDateTo" TEXT,
    "backfillPage" INTEGER NOT NULL DEFAULT 1,
    "backfillTotal" INTEGER,
    "backfillDoneAt" TIMESTAMP(3),
    "reachesBackTo" TIMESTAMP(3),
    "lastIncrementalAt" TIMESTAMP(3),
    "lastRefreshAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "failures" INTEGER NOT NULL DEFAULT 0,
    "requestsWindowStart" TIMESTAMP(3),
    "requestsInWindow" INTEGER NOT NULL DEFAULT 0,
    "requestsTotal" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CallIndexState_pkey" PRIMARY KEY ("teamId")
);

-- AddForeignKey
ALTER TABLE "CallIndexState" ADD CONSTRAINT "CallIndexState_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Saved views: filters version 2 adds the index-only filters (search, sentiment, outcome, score,
-- duration, answered by, cost, sort); every version-1 filter keeps its name and meaning.
UPDATE "SavedView" SET "schemaVersion" = 2 WHERE "schemaVersion" = 1;

-- Trigram indexes for substring search (pg_trgm is a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateTable
CREATE TABLE "IndexedCall" (
    "teamId" TEXT NOT NULL,
    "callId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "upstreamUpdatedAt" TIMESTAMP(3),
    "status" TEXT,
    "type" TEXT,
    "assistantId" INTEGER,
    "assistantName" TEXT,
    "campaignId" INTEGER,
    "campaignName" TEXT,
    "durationSeconds" INTEGER,
    "clientPhone" TEXT,
    "answeredBy" TEXT,
    "sentiment" TEXT,
    "outcome" TEXT,
    "score" DOUBLE PRECISION,
    "carrierCost" DOUBLE PRECISION,
    "totalCost" DOUBLE PRECISION,
    "call" JSONB NOT NULL,
    "searchText" TEXT NOT NULL,
    "indexedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IndexedCall_pkey" PRIMARY KEY ("teamId","callId")
);

-- CreateIndex
CREATE INDEX "IndexedCall_teamId_createdAt_callId_idx" ON "IndexedCall"("teamId", "createdAt" DESC, "callId" DESC);

-- CreateIndex
CREATE INDEX "IndexedCall_searchText_idx" ON "IndexedCall" USING GIN ("searchText" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "IndexedCall" ADD CONSTRAINT "IndexedCall_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;


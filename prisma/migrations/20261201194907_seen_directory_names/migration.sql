-- CreateEnum
CREATE TYPE "DirectoryKind" AS ENUM ('ASSISTANT', 'CAMPAIGN');

-- CreateTable
CREATE TABLE "SeenDirectoryName" (
    "teamId" TEXT NOT NULL,
    "kind" "DirectoryKind" NOT NULL,
    "name" TEXT NOT NULL,
    "callIds" INTEGER[],
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SeenDirectoryName_pkey" PRIMARY KEY ("teamId","kind","name")
);

-- CreateIndex
CREATE INDEX "SeenDirectoryName_teamId_kind_lastSeenAt_idx" ON "SeenDirectoryName"("teamId", "kind", "lastSeenAt");

-- AddForeignKey
ALTER TABLE "SeenDirectoryName" ADD CONSTRAINT "SeenDirectoryName_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;


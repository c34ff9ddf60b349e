// Re-encrypts every stored API key under the key ring's primary key (`npm run portal -- keys:rotate`).
//
// Safe to run twice (rows already under the primary key are skipped) and to interrupt: each row is
// updated in its own transaction with a compare-and-set on the old ciphertext, so a row replaced or
// rotated by someone else meanwhile is never overwritten with a stale value.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { decryptSecret, encryptSecret, keyIdOf } from "@/lib/crypto/keyring";
import { STATUS_NOTE } from "@/lib/credentials/messages";
import { DecryptError, keyRingOrThrow } from "@/lib/credentials/secret";
import { markUndecryptable } from "@/lib/credentials/mark";
import { operatorActor } from "@/lib/auth/team-actor";

export type RotationFailure = { credentialId: string; teamId: string; teamSlug: string; reason: string };

export type RotationReport = {
  primaryKeyId: string;
  total: number;
  rotated: number;
  alreadyCurrent: number;
  failed: RotationFailure[];
};

const BATCH = 100;

export async function rotateCredentialKeys(opts: { actorLabel?: string; onRow?: (line: string) => void } = {}): Promise<RotationReport> {
  const ring = keyRingOrThrow();
  const primary = ring.primaryId;
  const report: RotationReport = { primaryKeyId: primary, total: 0, rotated: 0, alreadyCurrent: 0, failed: [] };
  const actor = { id: null, email: `operator:${opts.actorLabel ?? "cli"}` };
  let cursor: string | undefined;

  for (;;) {
    const rows = await db().apiCredential.findMany({
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, teamId: true, keyId: true, ciphertext: true, statusMessage: true, label: true, team: { select: { slug: true } } },
    });
    if (rows.length === 0) break;
    cursor = rows[rows.length - 1].id;

    for (const row of rows) {
      report.total++;
      const fail = (reason: string) => {
        report.failed.push({ credentialId: row.id, teamId: row.teamId, teamSlug: row.team.slug, reason });
        opts.onRow?.(`  failed   ${row.team.slug} (${row.id}): ${reason}`);
      };
      let from: string;
      try {
        from = keyIdOf(row.ciphertext);
      } catch (error) {
        fail((error as Error).message);
        continue;
      }
      if (from === primary && row.keyId === primary) {
        report.alreadyCurrent++;
        continue;
      }
      let next: string;
      try {
        // A value under the primary key with a stale keyId column is re-encrypted too: cheap, and it
        // proves the value still decrypts.
        next = encryptSecret(ring, decryptSecret(ring, row.ciphertext, { teamId: row.teamId, credentialId: row.id }), { teamId: row.teamId, credentialId: row.id });
      } catch (error) {
        if (error instanceof DecryptError) {
          await markUndecryptable(operatorActor(row.teamId, opts.actorLabel ?? "cli"), row.id, error.reason);
          fail(error.message);
          continue;
        }
        throw error;
      }
      const swapped = await db().$transaction(async (tx) => {
        const r = await tx.apiCredential.updateMany({
          where: { id: row.id, ciphertext: row.ciphertext },
          data: { ciphertext: next, keyId: primary, ...(row.statusMessage === STATUS_NOTE.undecryptable ? { statusMessage: null } : {}) },
        });
        if (r.count === 0) return false;
        await recordAudit(
          { teamId: row.teamId, actor, action: "credentials.rotated", target: { type: "credential", id: row.id, label: row.label }, data: { fromKeyId: from, toKeyId: primary } },
          tx,
        );
        return true;
      });
      if (swapped) {
        report.rotated++;
        opts.onRow?.(`  rotated  ${row.team.slug} (${row.id}): ${from} → ${primary}`);
        continue;
      }
      // Changed while we worked: replaced, removed or rotated by a concurrent run.
      const now = await db().apiCredential.findUnique({ where: { id: row.id }, select: { ciphertext: true, keyId: true } });
      if (!now) {
        report.total--;
        continue;
      }
      let nowKey: string | null = null;
      try {
        nowKey = keyIdOf(now.ciphertext);
      } catch {
        /* reported below */
      }
      if (nowKey === primary && now.keyId === primary) report.alreadyCurrent++;
      else fail("changed during the run; run keys:rotate again");
    }
  }
  return report;
}

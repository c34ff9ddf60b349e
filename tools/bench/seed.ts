// Benchmark data, written straight through Prisma with the stack's secrets (fast: one password
// hash shared by every user). Imported after environment.ts has set DATABASE_URL and the secrets.
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { encryptSecret, getKeyRing } from "@/lib/crypto/keyring";
import type { Role } from "@/lib/rbac";
import { BENCH_PASSWORD } from "./environment";

export type SeededTeam = { id: string; slug: string; timeZone: string; apiKey: string; users: { id: string; email: string; role: Role }[] };

let passwordHash: Promise<string> | undefined;

async function connect(teamId: string, apiKey: string): Promise<void> {
  const id = `cred_${teamId}`;
  await db().apiCredential.create({
    data: { id, teamId, label: "Bench key", last4: apiKey.slice(-4), keyId: getKeyRing().primaryId, ciphertext: encryptSecret(getKeyRing(), apiKey, { teamId, credentialId: id }), status: "OK" },
  });
}

/**
 * A team wired to a simulator key, with `roles` users (e-mails `<slug>-<role>-<n>@bench.test`).
 * Agents get `agentAssistants` assigned.
 */
export async function seedTeam(opts: { slug: string; apiKey: string; timeZone: string; country: string; roles: Partial<Record<Role, number>>; agentAssistants?: number[] }): Promise<SeededTeam> {
  passwordHash ??= hashPassword(BENCH_PASSWORD);
  const hash = await passwordHash;
  const team = await db().team.create({ data: { name: `Bench ${opts.slug}`, slug: opts.slug, timeZone: opts.timeZone, country: opts.country }, select: { id: true } });
  const users: SeededTeam["users"] = [];
  for (const [role, count] of Object.entries(opts.roles) as [Role, number][]) {
    for (let n = 1; n <= count; n++) {
      const email = `${opts.slug}-${role.toLowerCase()}-${n}@bench.test`;
      const user = await db().user.create({ data: { email, name: `${role} ${n}`, passwordHash: hash }, select: { id: true } });
      const membership = await db().membership.create({ data: { teamId: team.id, userId: user.id, role }, select: { id: true } });
      if (role === "AGENT" && opts.agentAssistants?.length) {
        await db().agentAssignment.createMany({ data: opts.agentAssistants.map((assistantId) => ({ teamId: team.id, membershipId: membership.id, assistantId, label: `Assistant ${assistantId}` })) });
      }
      users.push({ id: user.id, email, role });
    }
  }
  await connect(team.id, opts.apiKey);
  return { id: team.id, slug: opts.slug, timeZone: opts.timeZone, apiKey: opts.apiKey, users };
}

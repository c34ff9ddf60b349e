// Local secrets for the demo and tests: generated once into .data/secrets.json (git-ignored),
// never used in production (production sets NEXTAUTH_SECRET and APP_ENCRYPTION_KEYS itself).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export type LocalSecrets = { NEXTAUTH_SECRET: string; APP_ENCRYPTION_KEYS: string };

export function generateSecrets(): LocalSecrets {
  return {
    NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    APP_ENCRYPTION_KEYS: `k1:${crypto.randomBytes(32).toString("base64")}`,
  };
}

export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  fs.mkdirSync(dataDir, { recursive: true });
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as LocalSecrets;
  const secrets = generateSecrets();
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

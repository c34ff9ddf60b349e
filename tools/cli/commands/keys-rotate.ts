// `keys:rotate`: re-encrypts every stored API key under the first key of APP_ENCRYPTION_KEYS.
import { AppError } from "@/lib/errors";
import { rotateCredentialKeys } from "@/lib/credentials/rotate-keys";
import type { Command } from "../command";

export const keysRotate: Command = {
  name: "keys:rotate",
  summary: "Re-encrypt every team's API key under the newest key of APP_ENCRYPTION_KEYS (safe to repeat)",
  options: {},
  examples: [
    'APP_ENCRYPTION_KEYS="k2:<new>,k1:<old>" npm run portal -- keys:rotate   # then drop k1 once it reports 0 failed',
  ],
  async run(_options, io) {
    const report = await rotateCredentialKeys({ actorLabel: "cli", onRow: (line) => io.out(line) });
    io.out(
      `Re-encrypted under key "${report.primaryKeyId}": ${report.rotated} rotated, ${report.alreadyCurrent} already current, ${report.failed.length} failed (of ${report.total}).`,
    );
    if (report.failed.length) {
      throw new AppError(
        "INTERNAL",
        `${report.failed.length} key(s) could not be re-encrypted: keep the old keys in APP_ENCRYPTION_KEYS, and have those teams enter their API key again.`,
      );
    }
    if (report.rotated === 0) io.out("Nothing to do: every key is already under the newest key.");
  },
};

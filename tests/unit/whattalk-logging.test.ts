// The logger's safety net: secrets are redacted by field name wherever the brief lists them, and
// tests can capture what would be written.
import { describe, expect, it } from "vitest";
import { captureLogs, childLogger, logger } from "@/lib/logger";

const CANARY = "wt_canary_e41b_never_in_logs";

describe("logger", () => {
  it("redacts authorization headers, api keys, keys, secrets, passwords, tokens and ciphertexts", () => {
    const capture = captureLogs();
    try {
      logger.info(
        {
          authorization: `Bearer ${CANARY}`,
          headers: { authorization: `Bearer ${CANARY}`, Authorization: `Bearer ${CANARY}` },
          req: { authorization: CANARY, apiKey: CANARY, password: CANARY, headers: { authorization: CANARY } },
          apiKey: CANARY,
          key: CANARY,
          secret: CANARY,
          password: CANARY,
          token: CANARY,
          ciphertext: `wt1.k1.${CANARY}`,
          credential: { key: CANARY, secret: CANARY, token: CANARY, ciphertext: CANARY },
          teamId: "team_visible",
        },
        "everything secret",
      );
      childLogger({ module: "credentials", teamId: "team_child" }).warn({ credential: { apiKey: CANARY } }, "child");
      expect(capture.lines).toHaveLength(2);
      for (const line of capture.lines) expect(line).not.toContain(CANARY);
      const [first, second] = capture.records();
      expect(first).toMatchObject({ level: "info", msg: "everything secret", teamId: "team_visible", apiKey: "[redacted]", service: "whattalk-portal" });
      expect(typeof first.time).toBe("string");
      expect(second).toMatchObject({ level: "warn", module: "credentials", teamId: "team_child", credential: { apiKey: "[redacted]" } });
    } finally {
      capture.stop();
    }
  });

  it("captureLogs can lower the level temporarily and stops capturing on stop()", () => {
    const before = logger.level;
    const capture = captureLogs({ level: "debug" });
    logger.debug("visible while capturing");
    capture.stop();
    logger.info("after stop");
    expect(capture.lines).toHaveLength(1);
    expect(logger.level).toBe(before);
  });
});

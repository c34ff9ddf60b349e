import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import {
  DecryptError,
  KeyRingError,
  decryptSecret,
  encryptSecret,
  generateKeyRingSpec,
  getKeyRing,
  keyIdOf,
  needsRotation,
  parseKeyRing,
  reencryptSecret,
} from "./keyring";

const b64 = (n = 32) => randomBytes(n).toString("base64");
const AAD = { teamId: "team_1", credentialId: "cred_1" };

/** Flips one bit of the base64url segment `index` (2 = iv, 3 = ciphertext+tag) at byte `at`. */
function flip(stored: string, index: 2 | 3, at: number): string {
  const parts = stored.split(".");
  const bytes = Buffer.from(parts[index], "base64url");
  const i = at < 0 ? bytes.length + at : at;
  bytes[i] ^= 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

function expectDecryptError(fn: () => unknown, reason?: DecryptError["reason"]) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DecryptError);
    if (reason) expect((error as DecryptError).reason).toBe(reason);
    return;
  }
  throw new Error("expected a DecryptError");
}

describe("encryptSecret / decryptSecret", () => {
  const ring = parseKeyRing(generateKeyRingSpec("k1"));

  it("round-trips, in the wt1.<keyId>.<iv>.<ct+tag> format", () => {
    for (const plaintext of ["wt_demo_alpha", "", "ünïcødé 🔑 key", "x".repeat(5000)]) {
      const stored = encryptSecret(ring, plaintext, AAD);
      expect(stored).toMatch(/^wt1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
      expect(stored).not.toContain(plaintext || "\u0000");
      expect(decryptSecret(ring, stored, AAD)).toBe(plaintext);
      expect(keyIdOf(stored)).toBe("k1");
    }
  });

  it("fails on a tampered ciphertext, IV or tag", () => {
    const stored = encryptSecret(ring, "wt_live_secret_key", AAD);
    expectDecryptError(() => decryptSecret(ring, flip(stored, 3, 0), AAD), "authentication_failed"); // ciphertext
    expectDecryptError(() => decryptSecret(ring, flip(stored, 3, -1), AAD), "authentication_failed"); // tag
    expectDecryptError(() => decryptSecret(ring, flip(stored, 2, 5), AAD), "authentication_failed"); // iv
    // Truncated / extended / reshaped.
    expectDecryptError(() => decryptSecret(ring, stored.slice(0, -4), AAD));
    expectDecryptError(() => decryptSecret(ring, stored + "AA", AAD));
    expectDecryptError(() => decryptSecret(ring, stored.replace(/^wt1/, "wt2"), AAD), "malformed");
    expectDecryptError(() => decryptSecret(ring, "not a secret", AAD), "malformed");
    expectDecryptError(() => decryptSecret(ring, "wt1.k1.AAAA.AAAA", AAD), "malformed");
    expectDecryptError(() => decryptSecret(ring, stored + ".x", AAD), "malformed");
  });

  it("fails for another team or another credential (AAD)", () => {
    const stored = encryptSecret(ring, "wt_live_secret_key", AAD);
    expectDecryptError(() => decryptSecret(ring, stored, { teamId: "team_2", credentialId: "cred_1" }), "authentication_failed");
    expectDecryptError(() => decryptSecret(ring, stored, { teamId: "team_1", credentialId: "cred_2" }), "authentication_failed");
    // No ambiguity between the two ids.
    const ab = encryptSecret(ring, "k", { teamId: "a", credentialId: "bc" });
    expectDecryptError(() => decryptSecret(ring, ab, { teamId: "ab", credentialId: "c" }), "authentication_failed");
    expect(() => encryptSecret(ring, "k", { teamId: "", credentialId: "c" })).toThrow(TypeError);
  });

  it("fails with unknown_key for a key id not in the ring", () => {
    const other = parseKeyRing(generateKeyRingSpec("k9"));
    const stored = encryptSecret(other, "secret", AAD);
    expectDecryptError(() => decryptSecret(ring, stored, AAD), "unknown_key");
    // Same id, different key material: authentication fails.
    const sameId = parseKeyRing(generateKeyRingSpec("k1"));
    expectDecryptError(() => decryptSecret(sameId, encryptSecret(ring, "secret", AAD), AAD), "authentication_failed");
  });

  it("never repeats an IV over 10,000 encryptions", () => {
    const ivs = new Set<string>();
    const cts = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const [, , iv, ct] = encryptSecret(ring, "same plaintext", AAD).split(".");
      ivs.add(iv);
      cts.add(ct);
    }
    expect(ivs.size).toBe(10_000);
    expect(cts.size).toBe(10_000);
  });
});

describe("rotation", () => {
  it("k1 → 'k2,k1': every value stays readable and re-encrypts to k2", () => {
    const k1 = `k1:${b64()}`;
    const old = parseKeyRing(k1);
    const rows = Array.from({ length: 50 }, (_, i) => ({ aad: { teamId: `team_${i}`, credentialId: `cred_${i}` }, plaintext: `wt_key_${i}_${b64(12)}` }));
    const stored = rows.map((r) => encryptSecret(old, r.plaintext, r.aad));
    expect(stored.every((s) => !needsRotation(old, s))).toBe(true);

    const k2 = `k2:${b64()}`;
    const rotated = parseKeyRing(`${k2},${k1}`);
    expect(rotated.primaryId).toBe("k2");
    expect(rotated.ids).toEqual(["k2", "k1"]);
    rows.forEach((r, i) => {
      expect(needsRotation(rotated, stored[i])).toBe(true);
      expect(decryptSecret(rotated, stored[i], r.aad)).toBe(r.plaintext);
      const again = reencryptSecret(rotated, stored[i], r.aad);
      expect(keyIdOf(again)).toBe("k2");
      expect(needsRotation(rotated, again)).toBe(false);
      expect(decryptSecret(rotated, again, r.aad)).toBe(r.plaintext);
      // The old ring cannot read the new values; k1 can be dropped once all rows are on k2.
      expectDecryptError(() => decryptSecret(old, again, r.aad), "unknown_key");
      stored[i] = again;
    });
    // Once every row is on k2, k1 can be dropped.
    const k2Only = parseKeyRing(k2);
    rows.forEach((r, i) => expect(decryptSecret(k2Only, stored[i], r.aad)).toBe(r.plaintext));
    // New encryptions use the first key.
    expect(keyIdOf(encryptSecret(rotated, "new", AAD))).toBe("k2");
    expect(() => needsRotation(rotated, "garbage")).toThrow(DecryptError);
  });
});

describe("parseKeyRing errors: readable, never the key material", () => {
  const good = b64();
  const short = b64(16);
  const cases: Array<[string, string, RegExp]> = [
    ["empty", "", /is empty/],
    ["blank", "   ", /is empty/],
    ["no id", good, /entry 1 has no key id/],
    ["bad id", `K1!:${good}`, /entry 1 has an invalid key id/],
    ["long id", `abcdefghijklmnopq:${good}`, /invalid key id/],
    ["duplicate id", `k1:${good},k1:${b64()}`, /entry 2 \("k1"\) repeats a key id/],
    ["short key", `k1:${short}`, /entry 1 \("k1"\) must be exactly 32 bytes .*got 16/],
    ["long key", `k1:${b64(48)}`, /got 48/],
    ["not base64", `k1:${good.slice(0, 20)}!!${good.slice(22)}`, /not valid base64/],
    ["missing key", "k1:", /has no key/],
    ["stray comma", `k1:${good},`, /entry 2 is empty/],
  ];
  for (const [name, spec, message] of cases) {
    it(name, () => {
      let error: unknown;
      try {
        parseKeyRing(spec);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(KeyRingError);
      const text = `${(error as Error).message} ${String(error)} ${JSON.stringify(error)} ${inspect(error)}`;
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain("APP_ENCRYPTION_KEYS");
      for (const secret of [good, short, good.slice(0, 12), short.slice(0, 12)]) expect(text).not.toContain(secret);
    });
  }

  it("accepts url-safe base64 and unpadded keys; the ring never prints its keys", () => {
    const raw = randomBytes(32);
    const ring = parseKeyRing(`a_1:${raw.toString("base64url")}, b-2:${raw.toString("base64").replace(/=+$/, "")}`);
    expect(ring.ids).toEqual(["a_1", "b-2"]);
    const printed = `${inspect(ring)} ${JSON.stringify(ring)} ${String(ring)}`;
    expect(printed).not.toContain(raw.toString("base64").slice(0, 20));
    expect(printed).not.toContain(raw.toString("base64url").slice(0, 20));
    expect(printed).not.toContain(raw.toString("hex").slice(0, 20));
  });

  it("generateKeyRingSpec makes a valid single-key spec", () => {
    const spec = generateKeyRingSpec("k7");
    expect(spec).toMatch(/^k7:[A-Za-z0-9+/]{43}=$/);
    expect(parseKeyRing(spec).primaryId).toBe("k7");
    expect(generateKeyRingSpec()).toMatch(/^k1:/);
    expect(() => generateKeyRingSpec("Bad Id")).toThrow(KeyRingError);
  });
});

describe("getKeyRing", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetEnvCache();
  });

  function load(vars: Record<string, string | undefined>) {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
    return () => getKeyRing();
  }

  it("reads APP_ENCRYPTION_KEYS", () => {
    const spec = `k2:${b64()},k1:${b64()}`;
    const ring = load({ NODE_ENV: "test", APP_ENCRYPTION_KEYS: spec })();
    expect(ring.primaryId).toBe("k2");
    expect(getKeyRing()).toBe(ring); // parsed once
  });

  it("throws KeyRingError when missing in development and test", () => {
    for (const NODE_ENV of ["development", "test"]) {
      expect(load({ NODE_ENV, APP_ENCRYPTION_KEYS: undefined })).toThrow(KeyRingError);
      expect(load({ NODE_ENV, APP_ENCRYPTION_KEYS: undefined })).toThrow(/APP_ENCRYPTION_KEYS is not set/);
    }
  });

  it("fails closed in production: missing or malformed", () => {
    const prod = { NODE_ENV: "production", NEXTAUTH_URL: "https://portal.example.com", NEXTAUTH_SECRET: "x".repeat(40) };
    // Missing: env validation itself refuses production without the variable.
    expect(load({ ...prod, APP_ENCRYPTION_KEYS: undefined })).toThrow(KeyRingError);
    expect(load({ ...prod, APP_ENCRYPTION_KEYS: undefined })).toThrow(/APP_ENCRYPTION_KEYS is required in production/);
    const short = b64(16);
    const get = load({ ...prod, APP_ENCRYPTION_KEYS: `k1:${short}` });
    expect(get).toThrow(KeyRingError);
    try {
      get();
    } catch (e) {
      expect((e as Error).message).toMatch(/must be exactly 32 bytes/);
      expect((e as Error).message).not.toContain(short);
    }
  });
});

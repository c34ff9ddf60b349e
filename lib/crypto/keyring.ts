// AES-256-GCM for secrets at rest (the teams' WhatTalk API keys) with a rotating key ring.
// Stored form and rotation: docs/design-notes.md.
import "server-only";
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from "node:crypto";
import { inspect } from "node:util";
import { env, EnvError, type Env } from "@/lib/env";

const VERSION = "wt1";
const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[a-z0-9_-]{1,16}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$|^[A-Za-z0-9_-]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A key ring is wrong or missing (message names what, never the key material). */
export class KeyRingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyRingError";
  }
}

export type DecryptFailure = "malformed" | "unknown_key" | "authentication_failed";

/** A stored secret cannot be decrypted: malformed, made with an unknown key, or tampered with. */
export class DecryptError extends Error {
  readonly reason: DecryptFailure;
  constructor(reason: DecryptFailure, message: string) {
    super(message);
    this.name = "DecryptError";
    this.reason = reason;
  }
}

/** Binds a ciphertext to one credential of one team. */
export interface SecretAad {
  teamId: string;
  credentialId: string;
}

/** Parsed APP_ENCRYPTION_KEYS. Holds key material: never serialise it (it prints only its ids). */
export class KeyRing {
  readonly #keys: ReadonlyMap<string, KeyObject>;
  /** Id of the key that encrypts (the first of the spec). */
  readonly primaryId: string;
  /** All key ids, primary first. */
  readonly ids: readonly string[];

  constructor(entries: ReadonlyArray<readonly [id: string, key: KeyObject]>) {
    if (entries.length === 0) throw new KeyRingError("A key ring needs at least one key");
    this.#keys = new Map(entries);
    this.ids = Object.freeze(entries.map(([id]) => id));
    this.primaryId = this.ids[0];
  }

  /** @internal */
  key(id: string): KeyObject | undefined {
    return this.#keys.get(id);
  }

  has(id: string): boolean {
    return this.#keys.has(id);
  }

  toJSON() {
    return { primaryId: this.primaryId, ids: this.ids };
  }

  [inspect.custom]() {
    return `KeyRing { primaryId: ${JSON.stringify(this.primaryId)}, ids: ${JSON.stringify(this.ids)} }`;
  }
}

/**
 * Parses "k2:<base64 32 bytes>,k1:<...>". Ids: 1–16 of a-z 0-9 _ -, unique. Keys: standard or
 * url-safe base64 of exactly 32 bytes. Throws KeyRingError naming the entry and the problem.
 */
export function parseKeyRing(spec: string, name = "APP_ENCRYPTION_KEYS"): KeyRing {
  if (typeof spec !== "string" || spec.trim() === "") {
    throw new KeyRingError(`${name} is empty: expected "k1:<base64 of 32 random bytes>" (several keys comma-separated, the first one encrypts)`);
  }
  const parts = spec.split(",").map((s) => s.trim());
  const entries: Array<[string, KeyObject]> = [];
  const seen = new Set<string>();
  parts.forEach((part, index) => {
    const where = `${name} entry ${index + 1}`;
    if (part === "") throw new KeyRingError(`${where} is empty (stray comma?)`);
    const colon = part.indexOf(":");
    if (colon < 0) throw new KeyRingError(`${where} has no key id: expected "<id>:<base64 key>", e.g. "k1:..."`);
    const id = part.slice(0, colon).trim();
    const encoded = part.slice(colon + 1).trim();
    // An invalid id is not echoed: a malformed entry could be key material.
    if (!KEY_ID.test(id)) throw new KeyRingError(`${where} has an invalid key id: use 1–16 characters of a-z, 0-9, "_" or "-"`);
    const named = `${where} ("${id}")`;
    if (seen.has(id)) throw new KeyRingError(`${named} repeats a key id; ids must be unique`);
    seen.add(id);
    if (encoded === "") throw new KeyRingError(`${named} has no key after ":"`);
    if (!BASE64.test(encoded)) throw new KeyRingError(`${named} is not valid base64`);
    const bytes = Buffer.from(encoded, encoded.includes("-") || encoded.includes("_") ? "base64url" : "base64");
    if (bytes.length !== KEY_BYTES) {
      bytes.fill(0);
      throw new KeyRingError(`${named} must be exactly ${KEY_BYTES} bytes after base64 decoding (got ${bytes.length}); generate one with \`openssl rand -base64 32\``);
    }
    entries.push([id, createSecretKey(bytes)]);
    bytes.fill(0);
  });
  return new KeyRing(entries);
}

/** A new single-key spec, e.g. "k1:<base64 of 32 random bytes>" (for the launcher's secrets file). */
export function generateKeyRingSpec(id = "k1"): string {
  if (!KEY_ID.test(id)) throw new KeyRingError(`Key id must be 1–16 characters of a-z, 0-9, "_" or "-"`);
  return `${id}:${randomBytes(KEY_BYTES).toString("base64")}`;
}

function aadBytes(aad: SecretAad): Buffer {
  if (!aad || typeof aad.teamId !== "string" || aad.teamId === "" || typeof aad.credentialId !== "string" || aad.credentialId === "") {
    throw new TypeError("Secret AAD needs a non-empty teamId and credentialId");
  }
  // Canonical: a JSON array of the version and both ids, so no two (team, credential) pairs encode
  // alike (no separator ambiguity).
  return Buffer.from(JSON.stringify([VERSION, aad.teamId, aad.credentialId]), "utf8");
}

/** Encrypts with the ring's primary key and a fresh random IV: "wt1.<keyId>.<iv>.<ct+tag>". */
export function encryptSecret(ring: KeyRing, plaintext: string, aad: SecretAad): string {
  if (typeof plaintext !== "string") throw new TypeError("encryptSecret: plaintext must be a string");
  const key = ring.key(ring.primaryId);
  if (!key) throw new KeyRingError("The key ring has no primary key");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadBytes(aad));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${ring.primaryId}.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

interface ParsedSecret {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function parseStored(stored: string): ParsedSecret {
  if (typeof stored !== "string") throw new DecryptError("malformed", "Stored secret is not a string");
  const parts = stored.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new DecryptError("malformed", `Stored secret is not in the "${VERSION}.<keyId>.<iv>.<ciphertext>" format`);
  const [, keyId, ivText, bodyText] = parts;
  if (!KEY_ID.test(keyId)) throw new DecryptError("malformed", "Stored secret has an invalid key id");
  if (!BASE64URL.test(ivText) || !BASE64URL.test(bodyText)) throw new DecryptError("malformed", "Stored secret is not valid base64url");
  const iv = Buffer.from(ivText, "base64url");
  const body = Buffer.from(bodyText, "base64url");
  if (iv.length !== IV_BYTES || iv.toString("base64url") !== ivText) throw new DecryptError("malformed", "Stored secret has an invalid IV");
  if (body.length < TAG_BYTES || body.toString("base64url") !== bodyText) throw new DecryptError("malformed", "Stored secret is truncated");
  return { keyId, iv, ciphertext: body.subarray(0, body.length - TAG_BYTES), tag: body.subarray(body.length - TAG_BYTES) };
}

/** The key id a stored secret was encrypted with. Throws DecryptError when malformed. */
export function keyIdOf(stored: string): string {
  return parseStored(stored).keyId;
}

/** Decrypts a stored secret. Throws DecryptError (unknown key, malformed, or tampered/wrong AAD). */
export function decryptSecret(ring: KeyRing, stored: string, aad: SecretAad): string {
  const parsed = parseStored(stored);
  const key = ring.key(parsed.keyId);
  if (!key) throw new DecryptError("unknown_key", `Stored secret was encrypted with key "${parsed.keyId}", which is not in the key ring (${ring.ids.join(", ")})`);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, parsed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aadBytes(aad));
    decipher.setAuthTag(parsed.tag);
    return Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]).toString("utf8");
  } catch (error) {
    if (error instanceof TypeError) throw error;
    throw new DecryptError("authentication_failed", "Stored secret failed authentication (tampered, or bound to another team or credential)");
  }
}

/** True when the stored secret was not made with the ring's primary key. Throws DecryptError when malformed. */
export function needsRotation(ring: KeyRing, stored: string): boolean {
  return parseStored(stored).keyId !== ring.primaryId;
}

/** Decrypts with any key of the ring and encrypts again with the primary key (fresh IV). */
export function reencryptSecret(ring: KeyRing, stored: string, aad: SecretAad): string {
  return encryptSecret(ring, decryptSecret(ring, stored, aad), aad);
}

let cachedRing: { spec: string; ring: KeyRing } | undefined;

/**
 * The application's key ring, from APP_ENCRYPTION_KEYS. Fails closed: throws KeyRingError when the
 * variable is missing or malformed, in every environment (the demo launcher always provides one).
 * (In production a missing variable already fails env() validation; that is rethrown as KeyRingError.)
 */
export function getKeyRing(): KeyRing {
  let e: Env;
  try {
    e = env();
  } catch (error) {
    // e.g. production without APP_ENCRYPTION_KEYS: env.ts names the variable, never its value.
    if (error instanceof EnvError) throw new KeyRingError(`Cannot load the key ring: ${error.message}`);
    throw error;
  }
  const spec = e.APP_ENCRYPTION_KEYS;
  if (!spec) {
    throw new KeyRingError(
      e.NODE_ENV === "production"
        ? "APP_ENCRYPTION_KEYS is required in production: set it to \"k1:<base64 of 32 random bytes>\" (e.g. k1:$(openssl rand -base64 32))"
        : "APP_ENCRYPTION_KEYS is not set: start the portal with the demo launcher (it writes .data/secrets.json) or set it to \"k1:<base64 of 32 random bytes>\"",
    );
  }
  if (cachedRing?.spec !== spec) cachedRing = { spec, ring: parseKeyRing(spec) };
  return cachedRing.ring;
}

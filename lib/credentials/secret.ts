// Encryption of a team's API key with the application key ring, bound to (team id, credential id).
import "server-only";
import { randomUUID } from "node:crypto";
import { DecryptError, KeyRingError, decryptSecret, encryptSecret, getKeyRing, keyIdOf, type KeyRing } from "@/lib/crypto/keyring";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export { DecryptError, KeyRingError };

/** A new ApiCredential id, made before encrypting so the ciphertext can be bound to it. */
export function newCredentialId(): string {
  return `cred_${randomUUID().replaceAll("-", "")}`;
}

/** The key ring, or a readable 500 when the server has none (never a stack trace to the user). */
export function keyRingOrThrow(): KeyRing {
  try {
    return getKeyRing();
  } catch (error) {
    if (error instanceof KeyRingError) {
      logger.error({ module: "credentials", err: { name: error.name, message: error.message } }, "encryption key ring unavailable");
      throw new AppError("INTERNAL", "The portal's encryption keys are not configured: ask the operator to set APP_ENCRYPTION_KEYS.");
    }
    throw error;
  }
}

export function encryptApiKey(apiKey: string, aad: { teamId: string; credentialId: string }): { ciphertext: string; keyId: string } {
  const ring = keyRingOrThrow();
  return { ciphertext: encryptSecret(ring, apiKey, aad), keyId: ring.primaryId };
}

/** Throws DecryptError when the value cannot be decrypted (unknown key, tampered, bound to another row). */
export function decryptApiKey(ciphertext: string, aad: { teamId: string; credentialId: string }): string {
  return decryptSecret(keyRingOrThrow(), ciphertext, aad);
}

/**
 * Whether a stored value can possibly be decrypted, without decrypting it: well-formed and made with
 * a key the ring holds. (A key with the same id but other bytes is only found out by decrypting.)
 */
export function looksDecryptable(ring: KeyRing, ciphertext: string, keyId: string): boolean {
  try {
    const inValue = keyIdOf(ciphertext);
    return ring.has(inValue) && (keyId === inValue || ring.has(keyId));
  } catch {
    return false;
  }
}

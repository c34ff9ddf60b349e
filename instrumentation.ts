// Runs once when the server starts: a bad or missing environment variable stops start-up with one
// readable line naming it (see lib/env.ts). In production the API-key encryption key ring must also
// parse (fails closed: without it no stored WhatTalk key could be read or written).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertEnv } = await import("@/lib/env");
    const e = assertEnv();
    if (e.NODE_ENV === "production") {
      const { getKeyRing, KeyRingError } = await import("@/lib/crypto/keyring");
      try {
        getKeyRing();
      } catch (error) {
        if (error instanceof KeyRingError) {
          console.error(`Invalid environment: ${error.message}`);
          process.exit(1);
        }
        throw error;
      }
    }
  }
}

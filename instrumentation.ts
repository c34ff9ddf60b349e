// Runs once when the server starts: a bad or missing environment variable stops start-up with one
// readable line naming it (see lib/env.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertEnv } = await import("@/lib/env");
    assertEnv();
  }
}

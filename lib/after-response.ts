// Side effects a read causes (learning directory names, marking a credential's status) run after
// the response with Next's `after()`; outside a request (CLI, seed, tests) they run in the background.
import "server-only";
import { after } from "next/server";
import { logger } from "@/lib/logger";

const pending = new Set<Promise<void>>();

/**
 * Runs `task` once the response has been sent (Next's `after()`), so the answer never waits for it.
 * Outside a request scope, where `after()` throws, it starts at once in the background. Either way a
 * failure is logged as "<name> failed" with `context`, never thrown.
 */
export function scheduleAfterResponse(name: string, task: () => Promise<unknown>, context: Record<string, unknown> = {}): void {
  const run = async () => {
    try {
      await task();
    } catch (error) {
      logger.warn({ ...context, err: { message: error instanceof Error ? error.message : String(error) } }, `${name} failed`);
    }
  };
  try {
    after(run);
  } catch {
    const started = run();
    pending.add(started);
    void started.finally(() => pending.delete(started));
  }
}

/** For tests and the CLI: waits until the tasks started in the background (outside a request) have finished. */
export async function afterResponseTasksSettled(): Promise<void> {
  while (pending.size > 0) await Promise.all(pending);
}

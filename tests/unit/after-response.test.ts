// scheduleAfterResponse: in a request, the task waits for Next's after() (the response first); outside
// one (CLI, seed, tests), where after() throws, it runs at once in the background. Failures are logged.
import { afterEach, describe, expect, it, vi } from "vitest";
import { captureLogs } from "@/lib/logger";

const nextServer = vi.hoisted(() => ({ inRequest: false, queued: [] as (() => unknown)[] }));
vi.mock("next/server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("next/server")>();
  // In a request, after() queues the task for when the response has been sent; otherwise Next's own after() (which throws).
  return { ...actual, after: (task: () => unknown) => (nextServer.inRequest ? void nextServer.queued.push(task) : actual.after(task)) };
});

const { afterResponseTasksSettled, scheduleAfterResponse } = await import("@/lib/after-response");

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

afterEach(() => {
  nextServer.inRequest = false;
  nextServer.queued = [];
});

describe("scheduleAfterResponse", () => {
  it("outside a request (Next's after() throws): starts the task at once, without the caller waiting for it", async () => {
    const gate = deferred();
    const done = vi.fn();
    scheduleAfterResponse("test task", async () => {
      await gate.promise;
      done();
    });
    expect(done).not.toHaveBeenCalled(); // the caller went on
    gate.resolve();
    await afterResponseTasksSettled();
    expect(done).toHaveBeenCalledOnce();
  });

  it("outside a request: a failing task is logged with its name and context, never thrown", async () => {
    const capture = captureLogs();
    try {
      expect(() => scheduleAfterResponse("directory learning", () => Promise.reject(new Error("database gone")), { teamId: "t1" })).not.toThrow();
      await afterResponseTasksSettled();
      expect(capture.records()).toContainEqual(expect.objectContaining({ level: "warn", msg: "directory learning failed", teamId: "t1", err: expect.objectContaining({ message: "database gone" }) }));
    } finally {
      capture.stop();
    }
  });

  it("in a request: hands the task to after(), so it runs only once the response is sent", async () => {
    nextServer.inRequest = true;
    const task = vi.fn(async () => {});
    scheduleAfterResponse("test task", task);
    expect(task).not.toHaveBeenCalled();
    expect(nextServer.queued).toHaveLength(1);
    await afterResponseTasksSettled(); // nothing runs in the background
    expect(task).not.toHaveBeenCalled();
    await nextServer.queued[0]();
    expect(task).toHaveBeenCalledOnce();
  });

  it("in a request: a failing task is logged, not thrown into Next", async () => {
    nextServer.inRequest = true;
    const capture = captureLogs();
    try {
      scheduleAfterResponse("marking the rejected key invalid", () => Promise.reject(new Error("boom")), { teamId: "t2" });
      await expect(nextServer.queued[0]()).resolves.toBeUndefined();
      expect(capture.records()).toContainEqual(expect.objectContaining({ msg: "marking the rejected key invalid failed", teamId: "t2" }));
    } finally {
      capture.stop();
    }
  });
});

// pglite-socket 0.2.17 queues each wire message on its own, so two connections' extended-protocol
// batches (Parse/Bind/Execute… Sync) interleave and fail ("unnamed prepared statement does not exist").
// This keeps a connection's batch together: after one of its batch messages, only its messages run until its Sync.
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve: (n: number) => void;
  reject: (e: unknown) => void;
  onData: (data: Uint8Array) => void;
}

interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: { isInTransaction(): boolean; runExclusive<T>(fn: () => Promise<T>): Promise<T>; execProtocolRawStream(m: Uint8Array, o: { onRawData: (d: Uint8Array) => void }): Promise<unknown> };
  processQueue(): Promise<void>;
  clearQueueForHandler(id: number): void;
}

/** Extended-protocol messages that open or continue a batch; Sync ('S') or a simple Query ('Q') ends it. */
const BATCH = new Set(["P", "B", "D", "E", "C", "H"].map((c) => c.charCodeAt(0)));
const END = new Set(["S", "Q"].map((c) => c.charCodeAt(0)));

export function keepBatchesTogether(server: PGLiteSocketServer): void {
  const q = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let pinned: number | null = null;
  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (id) => {
    if (pinned === id) pinned = null;
    clear(id);
  };
  q.processQueue = async function processQueue() {
    if (q.processing || q.queue.length === 0) return;
    q.processing = true;
    try {
      while (q.queue.length > 0) {
        const owner = pinned ?? (q.db.isInTransaction() ? q.lastHandlerId : null);
        const index = owner === null ? 0 : q.queue.findIndex((m) => m.handlerId === owner);
        if (index === -1) break; // wait for the owner's next message (its enqueue runs this again)
        const item = q.queue.splice(index, 1)[0];
        const type = item.message[0];
        if (BATCH.has(type)) pinned = item.handlerId;
        else if (END.has(type)) pinned = null;
        let bytes = 0;
        try {
          await q.db.runExclusive(() => q.db.execProtocolRawStream(item.message, { onRawData: (d) => ((bytes += d.length), item.onData(d)) }));
        } catch (error) {
          item.reject(error);
          continue;
        }
        q.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      q.processing = false;
    }
  };
}

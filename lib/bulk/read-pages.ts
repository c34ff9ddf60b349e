// Reads every page of a newest-first paginated list (CSV export, analytics): bounded parallel fetches,
// handed out in page order, each item once, in constant memory. Why: docs/design-notes.md.

export type PageResult<T> = { items: readonly T[]; total: number; lastPage: number };

export type PageFetcher<T> = (page: number, signal: AbortSignal) => Promise<PageResult<T>>;

export type PageBatch<T> = {
  /** 1-based page number. */
  page: number;
  /** The page's items not handed out before (duplicates after a shift removed). */
  items: T[];
  /** Items handed out so far, this batch included. */
  delivered: number;
  /** The list's total as the latest page reported it. */
  total: number;
  /** The last page as currently known. */
  lastPage: number;
  /** Ids remembered for de-duplication after this batch (never more than `dedupeWindow`). */
  remembered: number;
  /**
   * The list grew by more than `dedupeWindow` between two pages at this batch or before it: from
   * there on, items may be handed out twice (it stays true for the rest of the read).
   */
  repeatsPossible: boolean;
};

export type WaitEvent = { page: number; ms: number; error: unknown };

export type ReadPagesOptions<T> = {
  fetchPage: PageFetcher<T>;
  /** Page requests in flight at most (≥ 1). */
  concurrency: number;
  /** Pages fetched at most beyond the last one handed out (default 2 × concurrency). */
  lookahead?: number;
  /** How long to wait before asking again after `error`, or null to give up. */
  retryDelayMs: (error: unknown) => number | null;
  /** Longest total wait for one page (default 3 minutes). */
  maxWaitMs?: number;
  /** The same for page 1 (default maxWaitMs): a caller that answers only after page 1 may prefer to fail fast. */
  firstPageMaxWaitMs?: number;
  /** Called before each wait. */
  onWait?: (event: WaitEvent) => void;
  /** Stops everything (the consumer went away). */
  signal?: AbortSignal;
  /** Hard limit on pages read, against lists that keep growing (default: 2 × first last page + 10). */
  maxPages?: number;
  /** Re-reads of one page whose total went down before giving up and taking it as it is (default 3). */
  maxRereads?: number;
  /** Ids of the most recently handed-out items kept to drop repeats after a shift (default 10,000; see the header). */
  dedupeWindow?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
};

export type PageReader<T> = {
  /** Page 1 as fetched (before any de-duplication: it is the first page). */
  first: PageResult<T>;
  /** Every page in order, page 1 included. Stop early with `return()` (or break): in-flight requests are aborted. */
  pages: AsyncGenerator<PageBatch<T>, void, undefined>;
};

export function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export const DEFAULT_DEDUPE_WINDOW = 10_000;

/** The ids of the last `capacity` items added: a set to look them up, a ring to forget the oldest. */
export class RecentIds {
  private readonly ring: number[] = [];
  private readonly set = new Set<number>();
  private next = 0;
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be a positive integer");
  }
  get size(): number {
    return this.set.size;
  }
  has(id: number): boolean {
    return this.set.has(id);
  }
  /** Remembers an id not remembered yet, forgetting the oldest when full. */
  add(id: number): void {
    if (this.set.has(id)) return;
    if (this.ring.length < this.capacity) this.ring.push(id);
    else {
      this.set.delete(this.ring[this.next]);
      this.ring[this.next] = id;
      this.next = (this.next + 1) % this.capacity;
    }
    this.set.add(id);
  }
}

/** `fetchPage` that waits out budget errors (up to `limitMs` in all for one page), stopping at `signal`. */
function waitingFetcher<T extends { id: number }>(o: ReadPagesOptions<T>, signal: AbortSignal, maxWaitMs: number) {
  const sleep = o.sleep ?? defaultSleep;
  return async (page: number, limitMs = maxWaitMs): Promise<PageResult<T>> => {
    let waited = 0;
    for (;;) {
      signal.throwIfAborted();
      try {
        return await o.fetchPage(page, signal);
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        const delay = o.retryDelayMs(error);
        if (delay === null || waited + delay > limitMs) throw error;
        o.onWait?.({ page, ms: delay, error });
        await sleep(delay, signal);
        waited += delay;
      }
    }
  };
}

/** Fetches page 1 (waiting out budget errors like every page) and returns it with the reader of all pages. */
export async function openPageReader<T extends { id: number }>(o: ReadPagesOptions<T>): Promise<PageReader<T>> {
  const internal = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, internal.signal]) : internal.signal;
  const maxWaitMs = o.maxWaitMs ?? 180_000;
  const concurrency = Math.max(1, Math.floor(o.concurrency));
  const fetchWithWaits = waitingFetcher(o, signal, maxWaitMs);

  let first: PageResult<T>;
  try {
    first = await fetchWithWaits(1, o.firstPageMaxWaitMs ?? maxWaitMs);
  } catch (error) {
    internal.abort();
    throw error;
  }
  return {
    first,
    pages: readPages(first, {
      fetchWithWaits,
      signal,
      internal,
      concurrency,
      maxRereads: o.maxRereads ?? 3,
      lookahead: Math.max(concurrency, o.lookahead ?? concurrency * 2),
      dedupeWindow: Math.max(1, Math.floor(o.dedupeWindow ?? DEFAULT_DEDUPE_WINDOW)),
      maxPages: o.maxPages ?? first.lastPage * 2 + 10,
    }),
  };
}

type ReaderSettings<T> = {
  fetchWithWaits: (page: number) => Promise<PageResult<T>>;
  signal: AbortSignal;
  /** Aborted when the reader ends (in-flight requests stop). */
  internal: AbortController;
  concurrency: number;
  maxRereads: number;
  lookahead: number;
  dedupeWindow: number;
  maxPages: number;
};

/** Every page in order after `first`, de-duplicated, with up to `concurrency` requests ahead. */
async function* readPages<T extends { id: number }>(first: PageResult<T>, c: ReaderSettings<T>): AsyncGenerator<PageBatch<T>, void, undefined> {
  const { fetchWithWaits, signal, internal, concurrency, maxRereads, lookahead, dedupeWindow, maxPages } = c;
  const seen = new RecentIds(dedupeWindow);
  /** The list's total when the page that last handed out items was served. */
  let totalAtLastDelivery = first.total;
  let repeatsPossible = false;
  /** Pages started and not yet handed out. */
  const started = new Map<number, Promise<PageResult<T>>>();
  let running = 0;
  let lastPage = Math.min(maxPages, Math.max(1, first.lastPage));
  let nextToStart = 2;
  let handedOut = 1;
  let delivered = 0;
  let previousTotal = first.total;

  const take = (page: number, result: PageResult<T>): PageBatch<T> => {
    if (result.total - totalAtLastDelivery > dedupeWindow) repeatsPossible = true;
    const items: T[] = [];
    for (const item of result.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      items.push(item);
    }
    if (items.length) totalAtLastDelivery = result.total;
    delivered += items.length;
    return { page, items, delivered, total: result.total, lastPage, remembered: seen.size, repeatsPossible };
  };
  /** A request counted against `concurrency`; a finished one makes room for the next page at once. */
  const tracked = (page: number): Promise<PageResult<T>> => {
    running++;
    const p = fetchWithWaits(page);
    const done = () => {
      running--;
      fill();
    };
    p.then(done, done); // also: never an unhandled rejection while the page waits its turn
    return p;
  };
  // Keep `concurrency` requests busy (a slow page does not idle the others), but never start
  // more than `lookahead` pages beyond the last page handed out.
  const fill = () => {
    while (!signal.aborted && running < concurrency && nextToStart <= lastPage && nextToStart <= handedOut + lookahead) {
      started.set(nextToStart, tracked(nextToStart));
      nextToStart++;
    }
  };

  try {
    yield take(1, first);
    for (let page = 2; page <= lastPage; page++) {
      fill();
      if (!started.has(page)) started.set(page, tracked(page));
      let result = await started.get(page)!;
      started.delete(page);
      for (let n = 0; result.total < previousTotal && n < maxRereads; n++) result = await tracked(page);
      previousTotal = result.total;
      if (result.lastPage > lastPage) lastPage = Math.min(maxPages, result.lastPage);
      handedOut = page;
      const batch = take(page, result);
      // A page past the end (the list shrank): nothing more to read.
      if (result.items.length === 0 && page >= result.lastPage) {
        if (batch.items.length) yield batch;
        return;
      }
      yield batch;
    }
  } finally {
    internal.abort();
  }
}

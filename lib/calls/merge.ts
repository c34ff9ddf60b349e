// Merging several newest-first call lists (one per assigned assistant) into the page of one merged
// list, exactly as a single WhatTalk query over all of them would page it. Pure: the page fetcher
// is injected, so the algorithm is tested against brute force without HTTP.

export type Chunk<T> = { items: T[]; total: number };
/** Fetches chunk `index` (0-based, CHUNK items each) of stream `stream`. */
export type ChunkFetcher<T> = (stream: number, index: number) => Promise<Chunk<T>>;

export const CHUNK = 100;

/** Newest first: created_at ("YYYY-MM-DD HH:MM:SS", same zone) descending, then id descending. */
export function compareNewestFirst(a: { created_at: string | null; id: number }, b: { created_at: string | null; id: number }): number {
  const ca = a.created_at ?? "";
  const cb = b.created_at ?? "";
  if (ca !== cb) return ca < cb ? 1 : -1;
  return b.id - a.id;
}

export type MergedPage<T> = { items: T[]; total: number; requests: number };

/** The page would need more than `limit` chunk requests (thrown before the estimate is fetched, or when reached). */
export class FanoutLimitError extends Error {
  constructor(readonly limit: number) {
    super(`merging this page needs more than ${limit} requests`);
    this.name = "FanoutLimitError";
  }
}

/**
 * The items at [offset, offset + limit) of the merge of `streams` sorted lists.
 * Round 1 fetches every stream's first chunk (which also gives its total). Round 2 prefetches, in
 * parallel, the chunks each stream probably needs (its share of the merged prefix, with a margin).
 * The merge then fetches any further chunk it reaches, so the answer is exact whatever the estimate.
 * At most `maxRequests` chunks are fetched: more streams than that, or an estimate above it, throw
 * FanoutLimitError before fetching; so does reaching it during the merge.
 */
export async function mergePage<T extends { created_at: string | null; id: number }>(
  streams: number,
  offset: number,
  limit: number,
  fetchChunk: ChunkFetcher<T>,
  maxRequests = Number.POSITIVE_INFINITY,
): Promise<MergedPage<T>> {
  if (streams > maxRequests) throw new FanoutLimitError(maxRequests);
  let requests = 0;
  const chunks: Map<number, Promise<Chunk<T>>>[] = Array.from({ length: streams }, () => new Map());
  const get = (s: number, i: number) => {
    let p = chunks[s].get(i);
    if (!p) {
      if (requests >= maxRequests) throw new FanoutLimitError(maxRequests);
      requests++;
      p = fetchChunk(s, i);
      chunks[s].set(i, p);
    }
    return p;
  };

  const firsts = await Promise.all(Array.from({ length: streams }, (_, s) => get(s, 0)));
  const totals = firsts.map((c) => c.total);
  const total = totals.reduce((a, b) => a + b, 0);
  if (offset >= total || limit <= 0) return { items: [], total, requests };

  const need = Math.min(total, offset + limit);
  const planned: [number, number][] = [];
  for (let s = 0; s < streams; s++) {
    if (totals[s] === 0) continue;
    const share = Math.min(totals[s], Math.ceil((need * totals[s]) / total * 1.15) + 10);
    const lastChunk = Math.ceil(share / CHUNK) - 1;
    for (let i = 1; i <= lastChunk; i++) planned.push([s, i]);
  }
  if (requests + planned.length > maxRequests) throw new FanoutLimitError(maxRequests);
  await Promise.all(planned.map(([s, i]) => get(s, i)));

  // k-way merge over the streams (k is small: a heap is not worth it).
  const pos = new Array<number>(streams).fill(0);
  const out: T[] = [];
  const heads: (T | undefined)[] = new Array(streams);
  const headOf = async (s: number): Promise<T | undefined> => {
    if (pos[s] >= totals[s]) return undefined;
    const chunk = await get(s, Math.floor(pos[s] / CHUNK));
    return chunk.items[pos[s] % CHUNK];
  };
  for (let s = 0; s < streams; s++) heads[s] = await headOf(s);
  for (let rank = 0; rank < need; rank++) {
    let best = -1;
    for (let s = 0; s < streams; s++) {
      const h = heads[s];
      if (h && (best < 0 || compareNewestFirst(h, heads[best]!) < 0)) best = s;
    }
    if (best < 0) break; // a stream shrank between requests
    if (rank >= offset) out.push(heads[best]!);
    pos[best]++;
    heads[best] = await headOf(best);
  }
  return { items: out, total, requests };
}

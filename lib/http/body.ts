// The one way the portal reads a request body: with a size limit, refused from Content-Length
// before reading and again while streaming (chunked bodies, lying lengths), so an oversized body is
// never held in memory. Route handlers use readJson (lib/http/route.ts); ESLint forbids req.json() & co.
import "server-only";
import { AppError } from "@/lib/errors";

const kb = (bytes: number) => (bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} bytes`);

/** 413, with the limit; the answer also closes the connection (what is left of the body is never read). */
export function bodyTooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is too large: at most ${kb(maxBytes)} is accepted.`, { details: { limitBytes: maxBytes } });
}

/**
 * Past the limit, up to this much more is read and dropped before the 413 goes out: a client that
 * sends a moderately oversized body in full then reads the answer, instead of a reset connection
 * (closing a socket with unread data resets it). Nothing past the limit is kept.
 */
export const DRAIN_BYTES = 256 * 1024;

/** The body's bytes, at most `maxBytes` of them; more (declared or sent) throws 413, holding nothing of it. */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = req.headers.get("content-length")?.trim();
  if (declared && /^\d+$/.test(declared) && Number(declared) > maxBytes + DRAIN_BYTES) throw bodyTooLarge(maxBytes);
  if (!req.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = req.body.getReader();
  let chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size <= maxBytes) chunks.push(value);
      else if (size > maxBytes + DRAIN_BYTES) throw bodyTooLarge(maxBytes);
      else chunks = [];
    }
  } finally {
    reader.releaseLock();
  }
  if (size > maxBytes) throw bodyTooLarge(maxBytes);
  return Buffer.concat(chunks, size);
}

/** The body as UTF-8 text (a BOM dropped, invalid bytes replaced, as Request.text() does), within `maxBytes`. */
export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(req, maxBytes));
}

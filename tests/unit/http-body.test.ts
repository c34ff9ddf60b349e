// Request bodies are read with a size limit (lib/http/body.ts, readJson): refused from the declared
// length before anything is read, and while streaming as soon as the limit is passed.
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { DRAIN_BYTES, readBodyBytes, readBodyText } from "@/lib/http/body";
import { errorResponse, readJson } from "@/lib/http/route";

const CHUNK = 16 * 1024;

/** A body stream of `chunks` chunks of CHUNK bytes (endless when Infinity), counting what was pulled. */
function streamed(chunks: number, fill = 0x20) {
  const stats = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (stats.pulled >= chunks) return controller.close();
        stats.pulled++;
        controller.enqueue(new Uint8Array(CHUNK).fill(fill));
      },
    },
    { highWaterMark: 0 },
  );
  return { body, stats };
}

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://portal.test/api/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

afterEach(() => {
  delete process.env.BODY_MAX_JSON_BYTES;
  resetEnvCache();
});

describe("readBodyBytes", () => {
  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const { body, stats } = streamed(Infinity);
    const error = await refusal(readBodyBytes(post(body, { "content-length": String(10 * 1024 * 1024) }), 64 * 1024));
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(error.status).toBe(413);
    expect(error.message).toBe("The request body is too large: at most 64 KB is accepted.");
    expect(stats.pulled).toBe(0);
  });

  it("refuses a declared Content-Length a little over the limit after dropping the body (so the client reads the 413)", async () => {
    const { body, stats } = streamed(10);
    const error = await refusal(readBodyBytes(post(body, { "content-length": String(10 * CHUNK) }), 64 * 1024));
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(stats.pulled).toBe(10);
  });

  // 64 KB is 4 chunks; past it at most DRAIN_BYTES (16 chunks) more are read and dropped.
  const MAX_PULLS = (64 * 1024 + DRAIN_BYTES) / CHUNK + 2;

  it("stops an endless body without Content-Length (chunked) at most DRAIN_BYTES past the limit", async () => {
    expect(DRAIN_BYTES).toBe(256 * 1024);
    const { body, stats } = streamed(Infinity);
    const error = await refusal(readBodyBytes(post(body), 64 * 1024));
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(stats.pulled).toBeLessThanOrEqual(MAX_PULLS);
  });

  it("stops a body longer than its Content-Length says", async () => {
    const { body, stats } = streamed(1000);
    const error = await refusal(readBodyBytes(post(body, { "content-length": "10" }), 64 * 1024));
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(stats.pulled).toBeLessThanOrEqual(MAX_PULLS);
  });

  it("accepts a body of exactly the limit, byte for byte, and refuses one byte more", async () => {
    const exact = new Uint8Array(64 * 1024).map((_, i) => i % 251);
    const bytes = await readBodyBytes(post(exact), 64 * 1024);
    expect(Buffer.from(bytes).equals(Buffer.from(exact))).toBe(true);
    expect((await refusal(readBodyBytes(post(new Uint8Array(64 * 1024 + 1)), 64 * 1024))).code).toBe("PAYLOAD_TOO_LARGE");
    expect((await refusal(readBodyBytes(post(streamed(5).body), 64 * 1024))).code).toBe("PAYLOAD_TOO_LARGE");
    expect((await readBodyBytes(post(streamed(4).body), 64 * 1024)).byteLength).toBe(64 * 1024);
  });

  it("reads an absent body as empty and decodes text like Request.text()", async () => {
    expect((await readBodyBytes(new Request("http://portal.test/"), 10)).byteLength).toBe(0);
    const text = "\uFEFF{\"name\":\"Çağrı\"}";
    expect(await readBodyText(post(text), 1024)).toBe(await post(text).text());
  });
});

describe("readJson", () => {
  const schema = z.object({ name: z.string() });

  it("caps JSON bodies at BODY_MAX_JSON_BYTES (default 64 KB), before parsing", async () => {
    const padded = (size: number) => {
      const base = JSON.stringify({ name: "x" });
      return base + " ".repeat(size - base.length);
    };
    expect(await readJson(post(padded(64 * 1024)), schema)).toEqual({ name: "x" });
    expect((await refusal(readJson(post(padded(64 * 1024 + 1)), schema))).code).toBe("PAYLOAD_TOO_LARGE");
    process.env.BODY_MAX_JSON_BYTES = "2048";
    resetEnvCache();
    expect(await readJson(post(padded(2048)), schema)).toEqual({ name: "x" });
    const error = await refusal(readJson(post(padded(2049)), schema));
    expect(error.message).toBe("The request body is too large: at most 2 KB is accepted.");
    expect((await refusal(readJson(post("{nope"), schema))).code).toBe("BAD_REQUEST");
  });

  it("answers 413 with a JSON error and closes the connection (the rest of the body is never read)", async () => {
    const res = errorResponse(await refusal(readJson(post(streamed(Infinity).body), schema)));
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ error: { code: "PAYLOAD_TOO_LARGE", message: "The request body is too large: at most 64 KB is accepted.", limitBytes: 65536 } });
  });
});

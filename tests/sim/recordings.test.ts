// /recordings/calls/<id>.wav (public WAV with Range support) and /recordings/redirect.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "@/tools/whattalk-sim/server";
import { generateWav, parseRange } from "@/tools/whattalk-sim/audio";
import { account, api, startSim } from "./helpers";

let sim: Simulator;
let url: string;
let id: number;

beforeAll(async () => {
  sim = await startSim();
  const withRecording = account(sim, "alpha").calls.find((c) => c.recording_url !== null)!;
  id = withRecording.id;
  url = withRecording.recording_url!;
});
afterAll(async () => {
  await sim?.close();
});

function parseWav(buf: Buffer) {
  return {
    riff: buf.toString("ascii", 0, 4),
    riffSize: buf.readUInt32LE(4),
    wave: buf.toString("ascii", 8, 12),
    fmt: buf.toString("ascii", 12, 16),
    format: buf.readUInt16LE(20),
    channels: buf.readUInt16LE(22),
    sampleRate: buf.readUInt32LE(24),
    byteRate: buf.readUInt32LE(28),
    blockAlign: buf.readUInt16LE(32),
    bits: buf.readUInt16LE(34),
    data: buf.toString("ascii", 36, 40),
    dataSize: buf.readUInt32LE(40),
  };
}

const get = async (u: string, headers: Record<string, string> = {}, method = "GET") => {
  const res = await fetch(u, { headers, method, redirect: "manual" });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
};

describe("recordings", () => {
  it("uses the simulator's own address in recording_url", () => {
    expect(url).toBe(`${sim.url}/recordings/calls/${id}.wav`);
  });

  it("serves a valid 8 kHz mono 16-bit PCM WAV of 2–6 s without auth", async () => {
    const { res, body } = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/wav");
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(Number(res.headers.get("content-length"))).toBe(body.length);
    const h = parseWav(body);
    expect(h).toMatchObject({ riff: "RIFF", wave: "WAVE", fmt: "fmt ", format: 1, channels: 1, sampleRate: 8000, byteRate: 16000, blockAlign: 2, bits: 16, data: "data" });
    expect(h.riffSize).toBe(body.length - 8);
    expect(h.dataSize).toBe(body.length - 44);
    const seconds = h.dataSize / 16000;
    expect(seconds).toBeGreaterThanOrEqual(2);
    expect(seconds).toBeLessThanOrEqual(6);
    // Not silence, and deterministic.
    let peak = 0;
    for (let i = 44; i < body.length; i += 2) peak = Math.max(peak, Math.abs(body.readInt16LE(i)));
    expect(peak).toBeGreaterThan(1000);
    expect(body.equals(generateWav(id))).toBe(true);
    const other = account(sim, "alpha").calls.filter((c) => c.recording_url)[1];
    expect(generateWav(other.id).equals(body)).toBe(false);
  });

  it("answers each Range form with 206 and the right bytes", async () => {
    const full = generateWav(id);
    const size = full.length;
    const cases: Array<[string, number, number]> = [
      ["bytes=0-99", 0, 99],
      ["bytes=100-", 100, size - 1],
      ["bytes=-500", size - 500, size - 1],
      ["bytes=10-999999999", 10, size - 1],
      ["bytes=0-0", 0, 0],
      [`bytes=-${size + 10}`, 0, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const { res, body } = await get(url, { Range: range });
      expect(res.status, range).toBe(206);
      expect(res.headers.get("content-range")).toBe(`bytes ${start}-${end}/${size}`);
      expect(Number(res.headers.get("content-length"))).toBe(end - start + 1);
      expect(body.equals(full.subarray(start, end + 1))).toBe(true);
    }
  });

  it("answers 416 with Content-Range: bytes */size when unsatisfiable", async () => {
    const size = generateWav(id).length;
    for (const range of [`bytes=${size}-`, `bytes=${size + 5}-${size + 10}`, "bytes=-0"]) {
      const { res } = await get(url, { Range: range });
      expect(res.status, range).toBe(416);
      expect(res.headers.get("content-range")).toBe(`bytes */${size}`);
    }
  });

  it("ignores malformed or multiple ranges (full 200)", async () => {
    for (const range of ["bytes=abc", "items=0-5", "bytes=0-1,5-6", "bytes=9-3"]) {
      const { res } = await get(url, { Range: range });
      expect(res.status, range).toBe(200);
    }
    expect(parseRange(undefined, 10)).toEqual({ kind: "full" });
  });

  it("supports HEAD", async () => {
    const { res, body } = await get(url, {}, "HEAD");
    expect(res.status).toBe(200);
    expect(Number(res.headers.get("content-length"))).toBe(generateWav(id).length);
    expect(body.length).toBe(0);
    const ranged = await get(url, { Range: "bytes=0-9" }, "HEAD");
    expect(ranged.res.status).toBe(206);
    expect(ranged.res.headers.get("content-length")).toBe("10");
  });

  it("answers 404 for unknown calls and calls without a recording", async () => {
    expect((await get(`${sim.url}/recordings/calls/1.wav`)).res.status).toBe(404);
    expect((await get(`${sim.url}/recordings/calls/abc.wav`)).res.status).toBe(404);
    const none = account(sim, "alpha").calls.find((c) => c.recording_url === null)!;
    expect((await get(`${sim.url}/recordings/calls/${none.id}.wav`)).res.status).toBe(404);
  });

  it("recording_url from the API is fetchable", async () => {
    const r = await api(sim, "/user/calls?status=completed&per_page=30");
    const withUrl = r.json.data.find((c: { recording_url: string | null }) => c.recording_url);
    const { res } = await get(withUrl.recording_url, { Range: "bytes=0-43" });
    expect(res.status).toBe(206);
  });
});

describe("redirect endpoint", () => {
  it("answers 302 to the given URL", async () => {
    const target = "http://evil.example.invalid/x.wav";
    const { res } = await get(`${sim.url}/recordings/redirect?to=${encodeURIComponent(target)}`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(target);
    expect((await get(`${sim.url}/recordings/redirect`)).res.status).toBe(400);
  });
});

// Deterministic, short "call recordings": 8 kHz mono 16-bit PCM WAV files of 2–6 s in which two
// "speakers" (differently pitched, syllable-modulated tones) take turns. Same id, same bytes.

import { mulberry32 } from "./prng";

export const WAV_SAMPLE_RATE = 8000;
const HEADER_BYTES = 44;

/** Duration in seconds of the recording for a call id: 2.0–6.0 s, one decimal. */
export function recordingSeconds(id: number): number {
  return 2 + (Math.abs(Math.imul(id, 2654435761) >>> 0) % 41) / 10;
}

export function generateWav(id: number): Buffer {
  const rnd = mulberry32(id ^ 0x5eed);
  const seconds = recordingSeconds(id);
  const samples = Math.round(seconds * WAV_SAMPLE_RATE);
  const dataBytes = samples * 2;
  const buf = Buffer.alloc(HEADER_BYTES + dataBytes);

  buf.write("RIFF", 0, "ascii");
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write("WAVE", 8, "ascii");
  buf.write("fmt ", 12, "ascii");
  buf.writeUInt32LE(16, 16); // fmt chunk size
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(WAV_SAMPLE_RATE, 24);
  buf.writeUInt32LE(WAV_SAMPLE_RATE * 2, 28); // byte rate
  buf.writeUInt16LE(2, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write("data", 36, "ascii");
  buf.writeUInt32LE(dataBytes, 40);

  const aiPitch = 190 + rnd() * 60; // "assistant" voice
  const userPitch = 120 + rnd() * 50; // "customer" voice
  const sylRate = 3.5 + rnd() * 2; // syllables per second
  let speaker = 0;
  let turnLeft = Math.round((0.6 + rnd() * 0.8) * WAV_SAMPLE_RATE);
  let pause = 0;
  let phase = 0;
  for (let i = 0; i < samples; i++) {
    let v = 0;
    if (pause > 0) {
      pause--;
    } else {
      const f0 = speaker === 0 ? aiPitch : userPitch;
      const t = i / WAV_SAMPLE_RATE;
      const vibrato = 1 + 0.03 * Math.sin(2 * Math.PI * 5 * t);
      phase += (2 * Math.PI * f0 * vibrato) / WAV_SAMPLE_RATE;
      const envelope = Math.max(0, Math.sin(Math.PI * sylRate * t)) ** 0.6;
      v = (Math.sin(phase) * 0.6 + Math.sin(2 * phase) * 0.25 + Math.sin(3 * phase) * 0.1) * envelope;
      if (--turnLeft <= 0) {
        speaker = 1 - speaker;
        turnLeft = Math.round((0.5 + rnd() * 1.0) * WAV_SAMPLE_RATE);
        pause = Math.round((0.1 + rnd() * 0.25) * WAV_SAMPLE_RATE);
      }
    }
    // Fade in/out to avoid clicks.
    const edge = Math.min(i, samples - 1 - i) / (0.02 * WAV_SAMPLE_RATE);
    if (edge < 1) v *= edge;
    buf.writeInt16LE(Math.round(v * 0.5 * 32767), HEADER_BYTES + i * 2);
  }
  return buf;
}

/** A small LRU cache of generated recordings. */
export class WavCache {
  private map = new Map<number, Buffer>();
  constructor(private readonly max = 256) {}

  get(id: number): Buffer {
    let buf = this.map.get(id);
    if (buf) {
      this.map.delete(id);
    } else {
      buf = generateWav(id);
      if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as number);
    }
    this.map.set(id, buf);
    return buf;
  }
}

export type RangeResult =
  | { kind: "full" }
  | { kind: "partial"; start: number; end: number }
  | { kind: "unsatisfiable" };

/**
 * Interprets a Range header for a resource of `size` bytes (RFC 9110): `bytes=a-b`, `bytes=a-`,
 * `bytes=-n`. Syntactically invalid headers, other units and multiple ranges are ignored
 * (full response), as the RFC allows.
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return { kind: "full" };
  const m = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!m) return { kind: "full" };
  const specs = m[1].split(",").map((s) => s.trim()).filter(Boolean);
  if (specs.length !== 1) return { kind: "full" };
  const r = /^(\d*)\s*-\s*(\d*)$/.exec(specs[0]);
  if (!r || (r[1] === "" && r[2] === "")) return { kind: "full" };
  if (r[1] === "") {
    const n = Number(r[2]);
    if (n === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(r[1]);
  if (r[2] !== "" && Number(r[2]) < start) return { kind: "full" }; // invalid: last < first
  if (start >= size) return { kind: "unsatisfiable" };
  const end = r[2] === "" ? size - 1 : Math.min(Number(r[2]), size - 1);
  return { kind: "partial", start, end };
}

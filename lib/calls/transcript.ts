// Transcripts as a readable conversation. WhatTalk sends one string: speaker turns as lines that
// start with a label ("AI:", "Assistant:", "Bot:" for the assistant; "User:", "Customer:",
// "Human:" for the caller), or free prose. Pure; safe for client bundles.

export type Speaker = "assistant" | "customer" | "other";
export type TranscriptTurn = { speaker: Speaker; text: string };
export type ParsedTranscript =
  | { kind: "empty" }
  | { kind: "turns"; turns: TranscriptTurn[] }
  | { kind: "prose"; paragraphs: string[] };

const MARKER = /^[ \t]*(AI|Assistant|Bot|User|Customer|Human)[ \t]*:[ \t]?(.*)$/i;
const ASSISTANT_LABELS = new Set(["ai", "assistant", "bot"]);

export const SPEAKER_LABELS: Record<Speaker, string> = { assistant: "Assistant", customer: "Customer", other: "Note" };

function paragraphsOf(text: string): string[] {
  return text
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * Splits a transcript into speaker turns when it marks them (lines without a label continue the
 * previous turn; text before the first label is a neutral note), otherwise into paragraphs.
 * It counts as a conversation when its first line carries a label or at least two lines do.
 */
export function parseTranscript(text: string | null | undefined): ParsedTranscript {
  const normalised = (text ?? "").replace(/\r\n?/g, "\n");
  if (!normalised.trim()) return { kind: "empty" };
  const lines = normalised.split("\n");
  const markers = lines.filter((l) => MARKER.test(l)).length;
  const firstLine = lines.find((l) => l.trim() !== "") ?? "";
  if (markers === 0 || (markers < 2 && !MARKER.test(firstLine))) return { kind: "prose", paragraphs: paragraphsOf(normalised) };

  const turns: TranscriptTurn[] = [];
  let current: { speaker: Speaker; lines: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    const body = current.lines.join("\n").trim();
    if (body) turns.push({ speaker: current.speaker, text: body });
  };
  for (const line of lines) {
    const m = MARKER.exec(line);
    if (m) {
      flush();
      current = { speaker: ASSISTANT_LABELS.has(m[1].toLowerCase()) ? "assistant" : "customer", lines: [m[2]] };
    } else {
      current ??= { speaker: "other", lines: [] };
      current.lines.push(line);
    }
  }
  flush();
  return turns.length ? { kind: "turns", turns } : { kind: "empty" };
}

export type Segment = { text: string; match?: number };

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A case-insensitive matcher for a search query, or null for a blank query. */
export function queryPattern(query: string): RegExp | null {
  const q = query.trim();
  if (!q) return null;
  return new RegExp(escapeRegExp(q), "giu");
}

/**
 * Splits `text` around the matches of `pattern`, numbering matches from `start` (so numbers run
 * on across the turns of a transcript). Returns the segments and the next match number.
 */
export function splitMatches(text: string, pattern: RegExp | null, start = 0): { segments: Segment[]; next: number } {
  if (!pattern || !text) return { segments: text ? [{ text }] : [], next: start };
  const re = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  const segments: Segment[] = [];
  let last = 0;
  let n = start;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === "") {
      re.lastIndex++;
      continue;
    }
    if (m.index > last) segments.push({ text: text.slice(last, m.index) });
    segments.push({ text: m[0], match: n++ });
    last = m.index + m[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return { segments, next: n };
}

/** How many times `pattern` occurs in all the texts. */
export function countMatches(texts: readonly string[], pattern: RegExp | null): number {
  if (!pattern) return 0;
  return texts.reduce((sum, t) => sum + splitMatches(t, pattern).next, 0);
}

/** The texts of a parsed transcript, in display order (what the search runs over). */
export function transcriptTexts(t: ParsedTranscript): string[] {
  if (t.kind === "turns") return t.turns.map((x) => x.text);
  if (t.kind === "prose") return t.paragraphs;
  return [];
}

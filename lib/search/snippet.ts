// The part of a call's text around the first match of a search (about 160 characters, cut at word
// boundaries) and the ranges of it to highlight, found in normalised text and mapped back to the original.
import { normalizeWithMap } from "./normalize";
import type { SearchTerm } from "./parse-query";

/** A snippet of the original text and the [start, end) ranges of it to highlight. */
export type Snippet = { snippet: string; highlights: [number, number][] };

export const SNIPPET_LENGTH = 160;
/** How much of the window goes before the first match. */
const LEAD = 50;
const ELLIPSIS = "…";

type Mapped = { text: string; map: number[] };

/** Where `term` occurs in normalised text: at a word's start for words, anywhere for digits. */
function occurrences(n: Mapped, term: SearchTerm): [number, number][] {
  const out: [number, number][] = [];
  for (let i = n.text.indexOf(term.text); i !== -1; i = n.text.indexOf(term.text, i + 1)) {
    if (term.digits || i === 0 || n.text[i - 1] === " ") out.push([i, i + term.text.length]);
  }
  return out;
}

/** A normalised range as the original text's [start, end). */
function toOriginal(original: string, n: Mapped, [s, e]: [number, number]): [number, number] {
  const last = n.map[e - 1];
  const width = (original.codePointAt(last) ?? 0) > 0xffff ? 2 : 1;
  return [n.map[s], last + width];
}

/** Digits only, each mapped to its place in the original (a phone number as the index stores it). */
function digitsWithMap(text: string): Mapped {
  let out = "";
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (/\d/.test(text[i])) {
      out += text[i];
      map.push(i);
    }
  }
  return { text: out, map };
}

/** Cuts `text` to about SNIPPET_LENGTH characters around [from, to), at spaces where it can. */
function window(text: string, from: number, to: number): [number, number] {
  let start = Math.max(0, Math.min(from - LEAD, text.length - SNIPPET_LENGTH));
  let end = Math.min(text.length, Math.max(start + SNIPPET_LENGTH, to));
  if (start > 0) {
    const space = text.indexOf(" ", start);
    if (space !== -1 && space < from) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space >= to) end = space;
  }
  return [start, end];
}

/**
 * The snippet of the first source (in order: transcript, variables' values, phone number) where a
 * positive term matches, with every positive term's matches inside it highlighted; null when none does.
 */
export function buildSnippet(sources: { text: string; phone?: boolean }[], terms: readonly SearchTerm[]): Snippet | null {
  const positive = terms.filter((t) => !t.exclude);
  for (const source of sources) {
    if (!source.text) continue;
    const original = source.text.replace(/\s/g, " ");
    const n = source.phone ? digitsWithMap(original) : normalizeWithMap(original);
    const found = positive.flatMap((t) => (source.phone && !t.digits ? [] : occurrences(n, t))).map((r) => toOriginal(original, n, r));
    if (!found.length) continue;
    const first = found.reduce((a, b) => (b[0] < a[0] ? b : a));
    const [start, end] = window(original, first[0], first[1]);
    const prefix = start > 0 ? ELLIPSIS : "";
    const snippet = prefix + original.slice(start, end).trim() + (end < original.length ? ELLIPSIS : "");
    const shift = prefix.length - start - (original.slice(start, end).length - original.slice(start, end).trimStart().length);
    return { snippet, highlights: merge(found.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s + shift, e + shift])) };
  }
  return null;
}

/** Ranges sorted, overlapping ones joined. */
function merge(ranges: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

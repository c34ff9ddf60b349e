// Where a search's positive terms occur in an original text (a transcript), as [start, end) ranges of
// it, matched like the index matches (./normalize.ts, ./parse-query.ts); and text split at ranges.
import { normalizeWithMap } from "./normalize";
import { parseSearchQuery, type SearchTerm } from "./parse-query";

export type Range = [number, number];
export type MarkedPart = { text: string; mark: boolean };

/** The end (exclusive) in `text` of the character starting at `i`. */
const charEnd = (text: string, i: number) => i + (text.codePointAt(i)! > 0xffff ? 2 : 1);

/** Word and phrase terms: at the start of a word; the match runs to the end of the word it ends in. */
function wordRanges(norm: { text: string; map: number[] }, original: string, term: SearchTerm): Range[] {
  const out: Range[] = [];
  const n = norm.text;
  for (let i = n.indexOf(term.text); i !== -1; i = n.indexOf(term.text, i + 1)) {
    if (i > 0 && n[i - 1] !== " ") continue;
    let end = i + term.text.length;
    while (end < n.length && n[end] !== " ") end++;
    out.push([norm.map[i], charEnd(original, norm.map[end - 1])]);
  }
  return out;
}

/** Digit terms: anywhere in the text's digits, whatever separates them ("0532 123 45 67"). */
function digitRanges(original: string, term: SearchTerm): Range[] {
  let digits = "";
  const map: number[] = [];
  for (let i = 0; i < original.length; i++) {
    if (original[i] >= "0" && original[i] <= "9") {
      digits += original[i];
      map.push(i);
    }
  }
  const out: Range[] = [];
  for (let i = digits.indexOf(term.text); i !== -1; i = digits.indexOf(term.text, i + 1)) out.push([map[i], map[i + term.text.length - 1] + 1]);
  return out;
}

/** Sorted, overlapping and touching ranges merged. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Range[] = [];
  for (const [s, e] of sorted) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Every match of the terms (exclusions ignored) in `text`, merged and in order. */
export function matchRanges(text: string, terms: readonly SearchTerm[]): Range[] {
  const positive = terms.filter((t) => !t.exclude);
  if (!text || !positive.length) return [];
  const norm = normalizeWithMap(text);
  return mergeRanges(positive.flatMap((t) => (t.digits ? digitRanges(text, t) : wordRanges(norm, text, t))));
}

/** The matches of a search as typed in the search box (none when it does not parse). */
export function searchMatchRanges(text: string, q: string | null | undefined): Range[] {
  if (!q?.trim()) return [];
  const parsed = parseSearchQuery(q);
  return parsed.ok ? matchRanges(text, parsed.terms) : [];
}

/** `text` cut into marked and unmarked parts by ranges (out-of-bounds and empty ranges ignored). */
export function markParts(text: string, ranges: readonly Range[]): MarkedPart[] {
  const valid = ranges.filter(([s, e]) => Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e > s).map(([s, e]): Range => [s, Math.min(e, text.length)]);
  const parts: MarkedPart[] = [];
  let at = 0;
  for (const [s, e] of mergeRanges(valid)) {
    if (s >= text.length) break;
    if (s > at) parts.push({ text: text.slice(at, s), mark: false });
    parts.push({ text: text.slice(Math.max(s, at), e), mark: true });
    at = e;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}

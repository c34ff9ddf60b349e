// The search box's language: words match the start of words (`randevu` finds `randevunuzu`), "quotes"
// a phrase, a leading - excludes, digits match anywhere in a phone number. Zod-free, client-safe.
import { normalizeForSearch } from "./normalize";

export const MAX_SEARCH_LENGTH = 200;
export const MAX_SEARCH_TERMS = 12;
export const MIN_TERM_LENGTH = 2;

export type SearchTerm = {
  /** Normalised (./normalize.ts); a phrase (quoted, or a word with inner punctuation: "e-posta") keeps single spaces. */
  text: string;
  phrase: boolean;
  exclude: boolean;
  /** Only digits (and phone punctuation) were typed: matched anywhere, not only at a word's start. */
  digits: boolean;
};

export type ParsedSearch = { ok: true; terms: SearchTerm[] } | { ok: false; message: string };

const TOKEN = /(-?)"([^"]*)"?|(-?)([^\s"]+)/g;

/** Splits a search into terms, or says in one sentence what is wrong with it. */
export function parseSearchQuery(input: string): ParsedSearch {
  const q = input.trim();
  if (q.length > MAX_SEARCH_LENGTH) return { ok: false, message: `Search is too long: at most ${MAX_SEARCH_LENGTH} characters.` };
  const terms: SearchTerm[] = [];
  for (const m of q.matchAll(TOKEN)) {
    const phrase = m[2] !== undefined;
    const raw = phrase ? m[2] : m[4];
    const exclude = (phrase ? m[1] : m[3]) === "-";
    const digits = /^[+\d().\-/\s]*\d[\d().\-/\s]*$/.test(raw);
    // A national trunk prefix ("0532 ...") is left out: numbers are stored in international form.
    const text = digits ? raw.replace(/\D/g, "").replace(/^0+(?=\d{3})/, "") : normalizeForSearch(raw);
    if (!text) continue;
    if (text.length < MIN_TERM_LENGTH) return { ok: false, message: `Search words need at least ${MIN_TERM_LENGTH} letters or digits: “${raw}”.` };
    if (!terms.some((t) => t.text === text && t.exclude === exclude && t.phrase === phrase)) terms.push({ text, phrase: text.includes(" "), exclude, digits });
  }
  if (terms.length > MAX_SEARCH_TERMS) return { ok: false, message: `Search has too many words: at most ${MAX_SEARCH_TERMS}.` };
  if (!terms.some((t) => !t.exclude)) return { ok: false, message: terms.length ? "Add a word to search for: a search cannot only exclude." : "Type a word, a phrase or digits to search for." };
  return { ok: true, terms };
}

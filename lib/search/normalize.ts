// Text as the call index stores and searches it: Turkish lower case, diacritics folded (ş→s, ı→i),
// every run of other characters one space. The same function reads the index and the search box.

/** One code point as it is searched: "" when it separates words. */
function foldChar(ch: string): string {
  const lower = ch.toLocaleLowerCase("tr");
  let out = "";
  for (const c of lower.normalize("NFD")) {
    if (/\p{M}/u.test(c)) continue;
    if (c === "ı") out += "i";
    else if (/[\p{L}\p{N}]/u.test(c)) out += c;
  }
  return out;
}

const cache = new Map<string, string>();
function fold(ch: string): string {
  let v = cache.get(ch);
  if (v === undefined) {
    v = foldChar(ch);
    if (cache.size < 4096) cache.set(ch, v);
  }
  return v;
}

/**
 * The normalised text and, for each of its characters, the index in `text` it came from (so a
 * match in the normalised text can be highlighted in the original).
 */
export function normalizeWithMap(text: string): { text: string; map: number[] } {
  let out = "";
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const folded = fold(ch);
    if (folded) {
      // One map entry per UTF-16 unit of the output (a letter outside the BMP is two).
      for (let k = 0; k < folded.length; k++) map.push(i);
      out += folded;
    } else if (out.length > 0 && out[out.length - 1] !== " ") {
      out += " ";
      map.push(i);
    }
    i += ch.length;
  }
  if (out.endsWith(" ")) {
    out = out.slice(0, -1);
    map.pop();
  }
  return { text: out, map };
}

/** `text` as the index stores it (see the file header). */
export function normalizeForSearch(text: string): string {
  return normalizeWithMap(text).text;
}

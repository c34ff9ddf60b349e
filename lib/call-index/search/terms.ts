// One search term as SQL over "searchText": a substring (LIKE, served by the pg_trgm GIN index) and,
// for words and phrases, a word-start check (two more LIKEs: cheaper than a regex); digits match anywhere.
import { Prisma } from "@/lib/generated/prisma/client";
import type { SearchTerm } from "@/lib/search/parse-query";

/** `text` as a LIKE pattern's literal part: `\`, `%` and `_` escaped (the default escape is `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Whether the call's search text holds `term` (ignoring its `exclude`). */
function holds(term: SearchTerm): Prisma.Sql {
  const like = Prisma.sql`"searchText" LIKE ${`%${escapeLike(term.text)}%`}`;
  if (term.digits) return like;
  // The LIKE lets the trigram index find candidates; the others keep those where a word starts with the
  // term (the text starts with it, or it follows a space: normalised text has single spaces, none leading).
  const literal = escapeLike(term.text);
  return Prisma.sql`(${like} AND ("searchText" LIKE ${`${literal}%`} OR "searchText" LIKE ${`% ${literal}%`}))`;
}

/** The conditions for all terms (every positive term held, no excluded one). */
export function termsSql(terms: readonly SearchTerm[]): Prisma.Sql[] {
  return terms.map((t) => (t.exclude ? Prisma.sql`NOT ${holds(t)}` : holds(t)));
}

// One search term as SQL over "searchText": a substring (LIKE, served by the pg_trgm GIN index) and,
// for words and phrases, a word-start check (a regex over the same text); digits match anywhere.
import { Prisma } from "@/lib/generated/prisma/client";
import type { SearchTerm } from "@/lib/search/parse-query";

/** `text` as a LIKE pattern's literal part: `\`, `%` and `_` escaped (the default escape is `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `text` as a literal inside a PostgreSQL (ARE) regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
}

/** Whether the call's search text holds `term` (ignoring its `exclude`). */
function holds(term: SearchTerm): Prisma.Sql {
  const like = Prisma.sql`"searchText" LIKE ${`%${escapeLike(term.text)}%`}`;
  if (term.digits) return like;
  // The LIKE lets the trigram index find candidates; the regex keeps those where a word starts with the term.
  return Prisma.sql`(${like} AND "searchText" ~ ${`(^| )${escapeRegex(term.text)}`})`;
}

/** The conditions for all terms (every positive term held, no excluded one). */
export function termsSql(terms: readonly SearchTerm[]): Prisma.Sql[] {
  return terms.map((t) => (t.exclude ? Prisma.sql`NOT ${holds(t)}` : holds(t)));
}

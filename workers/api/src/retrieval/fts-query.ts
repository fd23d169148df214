/**
 * Turns user text into a safe FTS5 MATCH expression. User text never reaches FTS5 syntax: every term comes
 * from `queryTerms` and is written as an FTS5 string, so quotes, `*`, `-`, `:`, `^`, parentheses and the
 * AND/OR/NOT/NEAR keywords are plain words. Terms are OR-ed; bm25 ranks documents matching more of them first.
 */
import type { Language } from "./language";
import { queryTerms } from "./normalize";

export type FtsQueryOptions = {
  /** Match the last term as a prefix (search-as-you-type). */
  prefixLast?: boolean;
  /** Language whose stop words to drop; detected from the text when absent. */
  lang?: Language;
};

/** An FTS5 string literal: the term in double quotes, inner double quotes doubled. */
export function ftsString(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** `"a" OR "b" OR "c"*`, or null when the text has no usable term (then skip the keyword search). */
export function toFtsMatch(text: string, options: FtsQueryOptions = {}): string | null {
  const terms = queryTerms(text, options.lang);
  if (terms.length === 0) return null;
  const last = terms.length - 1;
  return terms.map((term, i) => ftsString(term) + (options.prefixLast && i === last ? "*" : "")).join(" OR ");
}

/**
 * The notebook's token in the keyword index (migrations/0010): `n` + the id's UTF-8 bytes in lower-case hex,
 * as the index's trigger writes it (`'n' || lower(hex(notebook_id))`). Letters and digits only, so the
 * tokenizer keeps it one token whatever the id is made of.
 */
export function notebookToken(notebookId: string): string {
  let hex = "n";
  for (const byte of new TextEncoder().encode(notebookId)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/**
 * `match` (from toFtsMatch) restricted to one notebook inside the index: FTS5 intersects the notebook's
 * doclist with the terms', so the cost follows the notebook, not the database. With `require` (index terms),
 * a row must also hold one of them.
 */
export function notebookMatch(notebookId: string, match: string, require: readonly string[] = []): string {
  const scoped = `notebook : ${notebookToken(notebookId)} AND terms : (${match})`;
  return require.length ? `${scoped} AND terms : (${require.map(ftsString).join(" OR ")})` : scoped;
}

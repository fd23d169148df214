/**
 * What a question names (its proper nouns, codes and years: `namedTerms`) decides where it is answered from.
 * Three searches after the first, each only when its case arises:
 *  - no passage of the best document holds all the names: its chunks that do (New York's row in the third piece of
 *    the table whose caption was found, while another document's sentence names New York; the Segurança Pública
 *    row of a budget whose passages say "Ministério" and "Pública" in other rows);
 *  - no passage holds any of them: the notebook's chunks that do (one state in a table of fifty);
 *  - only some documents found hold them all, the best passage's among them: those documents on their own. "What
 *    was the probable cause of the Piper PA-22-150 accident near Tallahassee?" names one report of ten; its cause
 *    section names neither aircraft nor place, so all ten cause sections rank alike and another's can be quoted.
 */

import { tokenSpans } from "../retrieval/normalize";
import { ownTopicCoverage } from "./rewrite";
import type { Passage } from "./types";

/** A search of the notebook: `require` any of these terms, `within` these documents only. */
export type Retrieve = (query: string, require?: readonly string[], within?: readonly string[]) => Promise<Passage[]>;

/** The passages to answer from, given the first search's `passages` and what the question names. */
export async function namedPassages(
  retrieve: Retrieve,
  query: string,
  named: readonly string[],
  first: readonly Passage[],
  limit: number,
): Promise<Passage[]> {
  let passages = [...first];
  if (!named.length) return passages;
  const top = passages[0]?.documentId;
  const holdsAll = (p: Passage) => ownTopicCoverage(named, passageWords(p)) === 1;
  if (top && !passages.some((p) => p.documentId === top && holdsAll(p))) {
    const inTop = await retrieve(query, named, [top]);
    if (inTop.some(holdsAll)) passages = putFirst(inTop, passages, limit);
  }
  if (!passages.some((p) => ownTopicCoverage(named, passageWords(p)) > 0)) {
    const naming = await retrieve(query, named);
    if (naming.length) passages = putFirst(naming, passages, limit);
  }
  const focus = documentsNamed(named, passages);
  if (focus) {
    const within = await retrieve(query, undefined, focus);
    if (within.length) passages = putFirst(within, passages, limit);
  }
  return passages;
}

/** A passage's words, with its document's title and its heading. */
export function passageWords(passage: Passage): string {
  return `${passage.documentTitle} ${passage.context ?? ""} ${passage.text}`;
}

/**
 * The documents whose passages together hold every one of `named` (the question's names and codes), when they
 * are some but not all of the documents retrieved: undefined when the question names nothing, when no document
 * holds it all (nothing to focus on), or when every retrieved document does (the names pick none of them).
 */
export function documentsNamed(named: readonly string[], passages: readonly Passage[]): string[] | undefined {
  if (!named.length) return undefined;
  const words = new Map<string, Set<string>>();
  for (const passage of passages) {
    const have = words.get(passage.documentId) ?? new Set<string>();
    for (const span of tokenSpans(passageWords(passage))) have.add(span.term);
    words.set(passage.documentId, have);
  }
  const holding = [...words].filter(([, have]) => named.every((t) => have.has(t))).map(([id]) => id);
  const top = passages[0]?.documentId;
  return top && holding.includes(top) && holding.length < words.size ? holding : undefined;
}

/** `first`, then the rest of `passages` not among them, at most `limit`. */
export function putFirst(first: readonly Passage[], passages: readonly Passage[], limit: number): Passage[] {
  const seen = new Set(first.map((p) => p.chunkId));
  return [...first, ...passages.filter((p) => !seen.has(p.chunkId))].slice(0, limit);
}

/**
 * The document a question is about. "What was the probable cause of the Piper PA-22-150 accident near
 * Tallahassee?" names one report of ten: its page that says who and where is found, but its "Probable Cause"
 * section repeats none of those names, so every report's cause section ranks alike and another accident's
 * cause can be quoted. When the passages show that only some of their documents hold everything the question
 * names, those documents are searched again on their own, and their passages come first.
 */
import { tokenSpans } from "../retrieval/normalize";
import type { Passage } from "./types";

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

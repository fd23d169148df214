/**
 * The verb a question puts after its auxiliary ("Quanto foi destinado à saúde?", "How many were injured?",
 * "¿Cuánto fue asignado a educación?") says what happened, not what it happened to: a budget line is about
 * health, and "destinado" is in many unrelated sentences ("Limite … destinado a provimentos de cargos"). Such
 * a participle weighs less than the question's other words when candidates are ranked (never when deciding
 * whether the material covers the question at all).
 */
import { tokenSpans } from "../retrieval/normalize";

/**
 * How much a participle after an auxiliary weighs against the question's other words. Half: it still
 * separates two rows that both name health, and it no longer outweighs the word that names the row. Chosen
 * by reasoning, then checked on both labelled sets of `npm run eval:answers` (docs/retrieval-eval.md).
 */
export const PREDICATE_WEIGHT = 0.5;

/** Forms of "be / have been" that put a participle after them, in English, Portuguese and Spanish. */
const AUXILIARIES = new Set([
  // en
  "is",
  "are",
  "was",
  "were",
  "been",
  "be",
  "being",
  "get",
  "got",
  // pt
  "foi",
  "foram",
  "sao",
  "era",
  "eram",
  "sera",
  "serao",
  "sido",
  "esta",
  "estao",
  "ficou",
  // es
  "fue",
  "fueron",
  "es",
  "son",
  "ha",
  "han",
  "estaba",
  "estan",
]);

/** Regular participles: -ed (en), -ado/-ido and their feminine and plural forms (pt, es). */
const PARTICIPLE = /^(?:\p{L}{3,}ed|\p{L}{2,}(?:ad|id)[oa]s?)$/u;

/** The index terms of the participles `question` puts right after an auxiliary. */
export function predicateTerms(question: string): Set<string> {
  const spans = tokenSpans(question);
  const terms = new Set<string>();
  spans.forEach((span, i) => {
    const next = spans[i + 1];
    if (next && AUXILIARIES.has(span.norm) && PARTICIPLE.test(next.norm)) terms.add(next.term);
  });
  return terms;
}

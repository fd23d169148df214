/**
 * The verb a question puts after its auxiliary ("Quanto foi destinado à saúde?", "How many were injured?",
 * "¿Cuánto fue asignado a educación?", "Quand la séance a-t-elle été levée ?") says what happened, not what it
 * happened to: a budget line is about health, and "destinado" is in many unrelated sentences ("Limite …
 * destinado a provimentos de cargos"). Such a participle weighs less than the question's other words when
 * candidates are ranked (never when deciding whether the material covers the question at all).
 */
import { detectLanguage } from "../retrieval/language";
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
/**
 * French forms of "be / have / have been" ("a été", "ont présidé", "est protégé"), in French questions only: "a" and
 * "est" are words of other languages too ("What is a taxi?").
 */
const AUXILIARIES_FR = new Set([
  "a",
  "ont",
  "avait",
  "avaient",
  "ete",
  "est",
  "sont",
  "etait",
  "etaient",
  "fut",
  "furent",
  "sera",
  "seront",
]);

/**
 * French participles as written (the accent tells "décidé" from "décide"): -é, -i, -u and -is, -it with their
 * feminine and plural forms ("levée", "choisis", "élu", "prise").
 */
const PARTICIPLE_FR = /^\p{L}{2,}(?:é|i|u|is|it)(?:e|s|es)?$/u;

/** The index terms of the participles `question` puts right after an auxiliary. */
export function predicateTerms(question: string): Set<string> {
  const spans = tokenSpans(question);
  const french = detectLanguage(question) === "fr";
  const written = (span: (typeof spans)[number]) => question.slice(span.start, span.end).toLowerCase();
  // "a été levée": "été" is the next auxiliary, "levée" the participle.
  const isFrenchParticiple = (span: (typeof spans)[number]) =>
    !AUXILIARIES_FR.has(span.norm) && PARTICIPLE_FR.test(written(span));
  const terms = new Set<string>();
  spans.forEach((span, i) => {
    const next = spans[i + 1];
    if (!next) return;
    if (AUXILIARIES.has(span.norm) && PARTICIPLE.test(next.norm)) terms.add(next.term);
    // "à" (to) folds to the auxiliary "a": "à l’unanimité" puts no participle after it.
    else if (french && AUXILIARIES_FR.has(span.norm) && written(span) !== "à" && isFrenchParticiple(next))
      terms.add(next.term);
  });
  return terms;
}

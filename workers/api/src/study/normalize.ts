/**
 * Comparable forms of short texts: flashcard fronts (duplicates) and short answers (grading without a
 * model). Case, diacritics, punctuation and spacing never matter; for answers, neither do articles.
 */
import { normalizeText } from "../retrieval/normalize";

/** Articles in English, Portuguese and Spanish (the languages the product serves first). */
const ARTICLES = new Set([
  "a",
  "an",
  "the",
  "o",
  "os",
  "as",
  "um",
  "uma",
  "uns",
  "umas",
  "el",
  "la",
  "los",
  "las",
  "un",
  "una",
  "unos",
  "unas",
]);

function words(text: string): string[] {
  return normalizeText(text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
}

/** A flashcard front as a duplicate key: "What is ATP?" and "what is  ATP" are the same card. */
export function frontKey(front: string): string {
  return words(front).join(" ");
}

/** A short answer reduced to what must match: "The Mitochondria." → "mitochondria", "Fotossíntese" → "fotossintese". */
export function answerKey(answer: string): string {
  const all = words(answer);
  const kept = all.filter((w) => !ARTICLES.has(w));
  // An answer made only of articles ("a") keeps them, or every such answer would match every other.
  return (kept.length ? kept : all).join(" ");
}

/** Whether `given` matches one of the accepted answers once both are normalised. */
export function matchesAccepted(given: string, accepted: readonly string[]): boolean {
  const key = answerKey(given);
  return key.length > 0 && accepted.some((a) => answerKey(a) === key);
}

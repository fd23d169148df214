/**
 * One concept under one key: a phrase's words normalised and stemmed exactly like the keyword index
 * (`tokenSpans`), with leading and trailing stop words dropped, so "the engines", "Engine" and "engine"
 * meet, and "informação"/"information" too. Acronyms are found from "Long Name (ACR)" definitions and
 * from initials, so "Federal Aviation Administration" and "FAA" become one concept.
 */
import { type Language, STOP_WORDS } from "../retrieval/language";
import { tokenSpans } from "../retrieval/normalize";

/** Words per phrase: longer runs are usually two phrases without a separator the tagger saw. */
export const MAX_PHRASE_WORDS = 5;

const ALL_STOP = new Set([...STOP_WORDS.en, ...STOP_WORDS.pt, ...STOP_WORDS.es]);

/** The concept key of `phrase`, or null when nothing but stop words, numbers or one-letter tokens is left. */
export function conceptKey(phrase: string, lang: Language = "other"): string | null {
  const stop = lang === "other" ? ALL_STOP : STOP_WORDS[lang];
  const spans = tokenSpans(phrase);
  let from = 0;
  let to = spans.length;
  while (from < to && stop.has(spans[from]?.norm ?? "")) from++;
  while (to > from && stop.has(spans[to - 1]?.norm ?? "")) to--;
  const kept = spans.slice(from, to);
  if (!kept.some((s) => /\p{L}{2,}/u.test(s.norm))) return null;
  return kept.map((s) => s.term).join(" ");
}

/** An acronym as written: 2 to 8 capitals (digits and & allowed after the first), optionally a plural s. */
export const ACRONYM = /^[A-Z][A-Z0-9&]{1,7}s?$/;

const CONNECTORS = new Set([
  "of",
  "and",
  "for",
  "the",
  "on",
  "in",
  "de",
  "da",
  "do",
  "das",
  "dos",
  "del",
  "la",
  "y",
  "e",
]);

/** The initials of a phrase's words, connectors skipped ("Federal Aviation Administration" -> "FAA"). */
export function initialsOf(phrase: string): string {
  return (phrase.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [])
    .filter((w) => !CONNECTORS.has(w.toLowerCase()))
    .map((w) => (w[0] ?? "").toUpperCase())
    .join("");
}

/** Whether `acronym` abbreviates `phrase`: its letters are the words' initials, with or without connectors. */
export function abbreviates(acronym: string, phrase: string): boolean {
  const letters = acronym.replace(/s$/, "").replace(/[^A-Z0-9]/g, "");
  if (letters.length < 2) return false;
  const words = phrase.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  const all = words.map((w) => (w[0] ?? "").toUpperCase()).join("");
  return initialsOf(phrase) === letters || all === letters;
}

export type AcronymDefinition = { acronym: string; longForm: string };

// "Federal Aviation Administration (FAA)": up to 8 words before the parenthesis, the acronym inside it.
const LONG_THEN_SHORT = /((?:[\p{L}][\p{L}'’-]*\s+){0,7}[\p{L}][\p{L}'’-]*)\s*\(\s*([A-Z][A-Z0-9&]{1,7}s?)\s*\)/gu;
// "FAA (Federal Aviation Administration)".
const SHORT_THEN_LONG = /\b([A-Z][A-Z0-9&]{1,7}s?)\s*\(\s*([\p{L}][\p{L}'’ -]{3,80})\)/gu;

/**
 * Acronym definitions in `text`: for "Long Name (ACR)" the shortest tail of the words before the
 * parenthesis whose initials spell the acronym; "ACR (Long Name)" when the long name's initials do.
 */
export function acronymDefinitions(text: string): AcronymDefinition[] {
  const found: AcronymDefinition[] = [];
  for (const match of text.matchAll(LONG_THEN_SHORT)) {
    const acronym = match[2] ?? "";
    const words = (match[1] ?? "").split(/\s+/);
    for (let start = words.length - 1; start >= 0; start--) {
      const longForm = words.slice(start).join(" ");
      if (CONNECTORS.has((words[start] ?? "").toLowerCase())) continue;
      if (abbreviates(acronym, longForm)) {
        found.push({ acronym: acronym.replace(/s$/, ""), longForm });
        break;
      }
    }
  }
  for (const match of text.matchAll(SHORT_THEN_LONG)) {
    const acronym = match[1] ?? "";
    const longForm = (match[2] ?? "").trim();
    if (abbreviates(acronym, longForm)) found.push({ acronym: acronym.replace(/s$/, ""), longForm });
  }
  return found;
}

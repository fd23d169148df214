/**
 * The notebook's concepts a question names, without a part-of-speech tagger: every run of 1 to
 * MAX_PHRASE_WORDS consecutive words of the question, keyed like the map's concepts (conceptKey, in the
 * question's language), looked up in the concept table (keyed by notebook and key) in one query. A question
 * is a few words, so that is a few dozen keys; every phrase the tagger would find is one of these runs, so
 * nothing it found is missed (question-concepts.unit.test.ts checks it over the evaluation's questions).
 * Why not the tagger: wink-nlp's English model is ~1 MB gzip, which the api Worker would load on the first
 * question of an isolate; pages are tagged by the ingest Worker (concepts/phrases.ts, concepts/extract.ts).
 */
import { detectLanguage } from "../retrieval/language";
import { tokenSpans } from "../retrieval/normalize";
import { conceptKey, MAX_PHRASE_WORDS } from "./concept-key";

/** A run of the question's words under its concept key; `from`/`to` are token indices (`to` exclusive). */
export type QuestionPhrase = { key: string; from: number; to: number };

// Punctuation a tagged phrase never spans (a comma, a bracket, a quote, a line break); "." is left out
// because it is inside words ("U.S. Navy"), "-" and "'" because they are.
const BREAK = /[,;:!?()[\]{}"“”«»\n]/;

type Token = { start: number; end: number; word: number; breakBefore: boolean };

/** The tokens of `text`, each with its word's index: tokens joined by a hyphen, slash or apostrophe are one word. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const span of tokenSpans(text)) {
    const last = out.at(-1);
    if (last && span.start < last.end) continue; // one raw token, several normalised ones (½ -> 1⁄2)
    const between = last ? text.slice(last.end, span.start) : "";
    const joined = !!last && /^[-‐–/'’]$/.test(between);
    out.push({
      start: span.start,
      end: span.end,
      word: last ? last.word + (joined ? 0 : 1) : 0,
      breakBefore: BREAK.test(between),
    });
  }
  return out;
}

/**
 * Every run of 1..MAX_PHRASE_WORDS words of `question` that has a concept key. A run may start or end inside
 * a hyphenated word ("fuel" of "fuel-related"), as a tagger's phrase may.
 */
export function questionPhrases(question: string): QuestionPhrase[] {
  const language = detectLanguage(question);
  const list = tokens(question);
  const found: QuestionPhrase[] = [];
  list.forEach((first, from) => {
    for (let to = from + 1; to <= list.length; to++) {
      const last = list[to - 1] as Token;
      if (last.word - first.word >= MAX_PHRASE_WORDS || (to > from + 1 && last.breakBefore)) break;
      const key = conceptKey(question.slice(first.start, last.end), language);
      if (key) found.push({ key, from, to });
    }
  });
  return found;
}

/** The distinct concept keys of `question`'s word runs. */
export function questionConceptKeys(question: string): string[] {
  return [...new Set(questionPhrases(question).map((p) => p.key))];
}

export type NamedConcept = { id: string; key: string; mentionCount: number };

/** The notebook's concepts whose keys are among `keys` (one query). */
export async function conceptsByKey(db: D1Database, notebookId: string, keys: readonly string[]) {
  if (!keys.length) return [];
  const { results } = await db
    .prepare(
      `SELECT id, key, mention_count AS mentionCount FROM concept
       WHERE notebook_id = ?1 AND key IN (SELECT value FROM json_each(?2))`,
    )
    .bind(notebookId, JSON.stringify(keys))
    .all<NamedConcept>();
  return results;
}

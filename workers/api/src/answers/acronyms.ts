/**
 * A question's abbreviations spelled out as the notebook defines them. "What was the CHD death rate in Minnesota?"
 * names the column "Coronary heart disease Rate" of the CDC report's Table 6, but in letters the table never uses;
 * the report defines the letters once, in prose: "Deaths from coronary heart disease (CHD) …". Without the spelling
 * the question matched only the prose that says "CHD" (none of it Minnesota's rate), and "CHD" counted as a name
 * the table had to hold. The question is asked as "the coronary heart disease (CHD) death rate…": both forms are
 * searched and scored, and the gloss in brackets is not a name (extractive.ts `namedTerms`).
 *
 * A definition is read from the notebook's own text, one query for all of a question's abbreviations: the chunks
 * that hold one of them (the keyword index) and write it as "words (ABBR)" or "ABBR (words)", the words' initials
 * spelling its letters in order (function words such as "of", "de", "la" may come between). An abbreviation the
 * notebook does not define stays as it is; so does one defined in two ways (which one the question means is not
 * known).
 */
import { notebookMatch, toFtsMatch } from "../retrieval/fts-query";
import { tokenSpans } from "../retrieval/normalize";

/**
 * Letters only, 2 to 8 of them, all capitals: "CHD", "NTSB", "OMS". Not part of a code ("PA-22-150", "N1458U");
 * Roman numerals are not abbreviations either.
 */
const ABBREVIATION = /(?<![\p{L}\p{N}]|\p{N}-)\p{Lu}{2,8}(?![\p{L}\p{N}]|-\p{N})/gu;
const ROMAN = /^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

/**
 * Chunks read for the definitions: the first this many that write an abbreviation beside a bracket. A document
 * defines an abbreviation once, near its first use, and repeats the same words when it does again; eight leaves
 * room for a notebook of several documents, each defining it. Not tuned: one statement's worth of rows.
 */
const DEFINING_CHUNKS = 8;
/** Words looked at before "(ABBR)": an abbreviation of 8 letters with a function word between each pair. */
const WORDS_BEFORE = 16;

/** Words that may stand between the initials ("Ministério da Saúde (MS)", "Department of Transportation (DOT)"). */
const BETWEEN = new Set(
  "of and the for in on to at by with de da do das dos del la las los el y e et des du d en a à für der und".split(" "),
);

const plain = (word: string) => word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** The abbreviations of `question` worth spelling: not when the question is written in capitals throughout. */
export function abbreviationsOf(question: string): string[] {
  const words = question.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const capitals = words.filter((w) => !/\p{Ll}/u.test(w));
  if (words.length === 0 || capitals.length * 2 > words.length) return [];
  const found = [...question.matchAll(ABBREVIATION)].map((m) => m[0]).filter((a) => !ROMAN.test(a));
  return [...new Set(found)];
}

/**
 * The words of `words` (in order) whose initials spell `abbreviation`, or undefined. `fromEnd`: the words are
 * those just before the bracket, so the spelling ends at the last of them; else those inside it, so it must use
 * them all.
 */
export function spelledBy(abbreviation: string, words: readonly string[], fromEnd: boolean): string | undefined {
  const letters = [...plain(abbreviation)];
  const parts = words.map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")).filter(Boolean);
  // Read from the side the bracket is on: backwards from the last word before "(ABBR)", forwards inside "(words)".
  const order = fromEnd ? [...parts].reverse() : parts;
  const wanted = fromEnd ? [...letters].reverse() : letters;
  let j = 0;
  let used = 0;
  for (const word of order) {
    if (j === wanted.length) break;
    const initial = plain(word)[0];
    // A function word may stand between two initials, not at either end of the spelling.
    if (initial === wanted[j]) j += 1;
    else if (!(BETWEEN.has(plain(word)) && j > 0)) return undefined;
    used += 1;
  }
  if (j < wanted.length || (!fromEnd && used < parts.length)) return undefined;
  const spelling = order.slice(0, used);
  return (fromEnd ? spelling.reverse() : spelling).join(" ");
}

/** Each abbreviation's spelling in `text`, as "words (ABBR)" or "ABBR (words)" write it. */
export function definitionsIn(text: string, abbreviations: readonly string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const flat = text.replace(/\s+/g, " ");
  for (const abbreviation of abbreviations) {
    const spellings: string[] = [];
    let at = flat.indexOf(`(${abbreviation})`);
    while (at >= 0) {
      const before =
        flat
          .slice(0, at)
          .split(/[.;:!?()]/)
          .at(-1) ?? "";
      const words = before.trim().split(" ").slice(-WORDS_BEFORE);
      const spelled = spelledBy(abbreviation, words, true);
      if (spelled) spellings.push(spelled);
      at = flat.indexOf(`(${abbreviation})`, at + 1);
    }
    for (const m of flat.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${abbreviation} \\(([^()]{3,120})\\)`, "gu"))) {
      const spelled = spelledBy(abbreviation, (m[1] ?? "").trim().split(" "), false);
      if (spelled) spellings.push(spelled);
    }
    if (spellings.length) found.set(abbreviation, spellings);
  }
  return found;
}

/**
 * The notebook's one spelling of each abbreviation of `question` (none when it has none, or two different ones),
 * read in one query of `db` (the notebook's content database), within `documentIds` when given.
 */
export async function abbreviationSpellings(
  db: D1Database,
  notebookId: string,
  question: string,
  documentIds?: readonly string[],
): Promise<Map<string, string>> {
  const abbreviations = abbreviationsOf(question);
  const match = abbreviations.length ? toFtsMatch(abbreviations.join(" ")) : null;
  if (!match) return new Map();
  const near = abbreviations.flatMap((a) => [`%(${a})%`, `%${a} (%`]);
  const filtered = documentIds?.length ? " AND chunk.document_id IN (SELECT value FROM json_each(?4))" : "";
  // LIKE ignores case: it only narrows the rows; definitionsIn looks for the capitals themselves.
  const { results } = await db
    .prepare(
      `SELECT chunk.text AS text FROM chunk_terms JOIN chunk ON chunk.seq = chunk_terms.rowid
        WHERE chunk_terms MATCH ?1 AND chunk.notebook_id = ?2${filtered}
          AND EXISTS (SELECT 1 FROM json_each(?3) WHERE chunk.text LIKE json_each.value)
        LIMIT ${DEFINING_CHUNKS}`,
    )
    .bind(
      notebookMatch(notebookId, match),
      notebookId,
      JSON.stringify(near),
      ...(filtered ? [JSON.stringify(documentIds)] : []),
    )
    .all<{ text: string }>();
  // Each abbreviation's spellings (compared without case or accents) and the first as written.
  const forms = new Map<string, { first: string; seen: Set<string> }>();
  for (const { text } of results) {
    for (const [abbreviation, spellings] of definitionsIn(text, abbreviations)) {
      const form = forms.get(abbreviation) ?? { first: spellings[0] ?? "", seen: new Set<string>() };
      for (const s of spellings) form.seen.add(plain(s));
      forms.set(abbreviation, form);
    }
  }
  return new Map([...forms].filter(([, form]) => form.seen.size === 1).map(([a, form]) => [a, form.first]));
}

/**
 * `question` with each abbreviation of `spellings` written as "words (ABBR)" (`gloss`), or as its words alone,
 * unless the question spells it already.
 */
export function withSpellings(question: string, spellings: ReadonlyMap<string, string>, gloss = true): string {
  let out = question;
  for (const [abbreviation, words] of spellings) {
    if (plain(out).includes(plain(words))) continue;
    out = out.replace(
      new RegExp(`(?<![\\p{L}\\p{N}(])${abbreviation}(?![\\p{L}\\p{N})])`, "gu"),
      gloss ? `${words} (${abbreviation})` : words,
    );
  }
  return out;
}

/** `named` (a question's names) without the abbreviations `spellings` spells: their words say what they name. */
export function namesBesides(named: readonly string[], spellings: ReadonlyMap<string, string>): string[] {
  const spelled = new Set([...spellings.keys()].flatMap((a) => tokenSpans(a).map((s) => s.term)));
  return named.filter((t) => !spelled.has(t));
}

/** A gloss in brackets ("coronary heart disease (CHD)"): the words before it already say what is asked. */
const GLOSS = /\(\p{Lu}{2,8}\)/gu;

/** `question` without its glosses: what a table must hold to answer it (superlative.ts). */
export function withoutGlosses(question: string): string {
  return question.replace(GLOSS, " ");
}

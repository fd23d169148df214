/**
 * The running text of a document, as opposed to its headings, form fields, table rows and chart labels:
 * what a suggested question should be about, and what its extractive answer should quote. Used to find the
 * topics a document defines ("La disentería es una enfermedad…") or discusses (phrases of its prose), and to
 * tell a sentence that answers from a label that merely matches (docs/retrieval-eval.md, "Suggested questions").
 */

import { splitSentences } from "../answers/sentences";
import { blocksOf } from "../ingest/text-blocks";
import type { Language } from "../retrieval/language";
import { ANY_STOP_WORD } from "../retrieval/language";
import { tokenSpans } from "../retrieval/normalize";

/** Fewer words than a short clause with its determiners ("The pilot lost control of it.") is a label. */
export const PROSE_WORDS = 6;
/**
 * Running text of en/pt/es/fr is held together by function words (about 40% of its words); labels, form lines,
 * titles and runs of figures have almost none. Half that share separates the two.
 */
export const PROSE_STOP_SHARE = 0.2;

const fold = (word: string) =>
  word
    .normalize("NFD")
    .replace(/\p{Mn}+/gu, "")
    .toLowerCase();
export const isStopWord = (word: string) => ANY_STOP_WORD.has(fold(word));
const WORDS = /\p{L}[\p{L}'’-]*/gu;

/** A sentence of running text: not a table row, enough words, a sentence's end, and function words. */
export function isProseSentence(sentence: string): boolean {
  const t = sentence.trim();
  if (!t || t.startsWith("|") || (t.match(/\|/g)?.length ?? 0) >= 2) return false;
  const words = t.replace(/…$/u, "").match(WORDS) ?? [];
  if (words.length < PROSE_WORDS || !/[.!?…]["'”’»)\]]*$/u.test(t)) return false;
  return words.filter(isStopWord).length / words.length >= PROSE_STOP_SHARE;
}

/**
 * The prose sentences of a text (its paragraphs and list items, never its headings or tables), and for
 * each paragraph that follows a heading, the heading it follows (`after`) on its first sentence.
 */
export function proseSentences(text: string): { text: string; after?: string }[] {
  const out: { text: string; after?: string }[] = [];
  let heading: string | undefined;
  for (const block of blocksOf(text)) {
    const body = text.slice(block.start, block.end);
    if (block.kind === "heading") heading = body.replace(/^#{1,6}\s+/, "").trim();
    if (block.kind !== "paragraph" && block.kind !== "list") continue;
    splitSentences(body).forEach((s, i) => {
      if (isProseSentence(s.text)) out.push(i === 0 && heading ? { text: s.text, after: heading } : { text: s.text });
    });
    heading = undefined;
  }
  return out;
}

/** `phrase` as the prose writes it ("disentería" for the heading "Disentería"), else as it is. */
export function proseForm(phrase: string, prose: string): string {
  const at = prose.toLowerCase().indexOf(phrase.toLowerCase());
  return at < 0 ? phrase : prose.slice(at, at + phrase.length);
}

/** The stemmed terms of `text` that are not stop words, as search and the extractive answer see them. */
export function contentTerms(text: string): string[] {
  return [...new Set(tokenSpans(text).flatMap((s) => (ANY_STOP_WORD.has(s.norm) ? [] : [s.term])))];
}

/** The quote an answer opens with is a prose sentence that holds every content word of the question. */
export function answersInProse(question: string, firstQuote: string | undefined): boolean {
  if (!firstQuote || !isProseSentence(firstQuote)) return false;
  const said = new Set(contentTerms(firstQuote));
  const asked = contentTerms(question);
  return asked.length > 0 && asked.every((t) => said.has(t));
}

/** Words that point within the text ("año anterior", "following section", "mesmo período"): no topic. */
export const DEICTIC =
  /^(?:anterior|anteriores|posterior|siguiente|siguientes|seguinte|seguintes|previous|following|next|last|[uú]ltim[oa]s?|mism[oa]s?|mesm[oa]s?|same|other|otr[oa]s?|outr[oa]s?|dicho|dicha|referid[oa]|above|below)$/u;

/** A topic to ask about: the phrase, the article the text puts before it, and whether it is plural. */
export type Topic = { phrase: string; article: string | null; plural: boolean };

const ARTICLE: Record<Language, RegExp> = {
  en: /^(?:the|a|an)$/i,
  pt: /^(?:o|a|os|as|um|uma|uns|umas)$/i,
  es: /^(?:el|la|los|las|un|una|unos|unas)$/i,
  fr: /^(?:le|la|les|un|une|des)$/i,
  other: /^(?:the|a|an)$/i,
};
const PLURAL_ARTICLE = /^(?:os|as|uns|umas|los|las|unos|unas|les|des)$/i;
const ARTICLES = "the|a|an|o|os|as|um|uma|uns|umas|el|la|los|las|un|una|unos|unas|le|les|une|des";
const COPULA = "is|are|was|were|é|são|foi|foram|es|son|fue|fueron|era|eran|est|sont|était|étaient";
const PLURAL_COPULA = /^(?:are|were|são|foram|son|fueron|eran|sont|étaient)$/i;
/** What follows a copula in a definition: an article or a participle of naming, never a superlative. */
const DEFINING = `(?:(?:${ARTICLES})\\s+(?!(?:most|more|m[aá]s|mais|menos|less|least|mayor|maior|only|[uú]nic[oa]|first|primer[oa]?|principal)\\b|(?:plus|moins|seule?|premi[eè]re?|premier)(?!\\p{L}))|(?:considerad[oa]s?|definid[oa]s?|conhecid[oa]s?|conocid[oa]s?|chamad[oa]s?|llamad[oa]s?|defined as|known as|called)\\b|(?:appel[ée]e?s?|d[ée]fini[e]?s?|connu[e]?s?|consid[ée]r[ée]e?s?)(?!\\p{L}))`;
/** "[article] Noun phrase [(ABBR)] copula article|participle …": 1–5 words, joined by of/de/do/da/del/du/la. */
const DEFINITION = new RegExp(
  `^(?:(${ARTICLES})\\s+)?(\\p{L}[\\p{L}\\p{N}'’-]*(?:\\s+(?:(?:of|de|do|da|dos|das|del|du|des|de la|de los|de las)\\s+)?\\p{L}[\\p{L}\\p{N}'’-]*){0,4}?)(?:\\s*\\([^)]{1,30}\\))?,?\\s+(${COPULA})\\s+${DEFINING}`,
  "iu",
);

/** A sentence that defines what the heading above it names: "Es una infección aguda…", "Is a …". */
const HEADED_DEFINITION = new RegExp(`^(${COPULA})\\s+${DEFINING}`, "iu");

/**
 * Topics the prose defines: the subject of a sentence "X is a/the …", "X é um/o …", "X es una/el …" (or
 * "… is defined as/known as/called …"), with the article it was written with, or the heading a paragraph
 * opening "Es una …" follows ("3. Disentería" / "Es una infección aguda…"); a subject that opens with a
 * function word ("Estas enfermedades", "Su trasmisión", "It") is a reference, not a topic.
 */
export function definedTopics(
  sentences: readonly { text: string; after?: string }[],
  prose: string,
  lang: Language,
  max: number,
): Topic[] {
  const seen = new Set<string>();
  const out: Topic[] = [];
  const lowerProse = ` ${prose.toLowerCase()}`;
  for (const { text: sentence, after } of sentences) {
    let topic: Topic | undefined;
    const headed = after ? HEADED_DEFINITION.exec(sentence) : null;
    const named = after?.replace(/^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]+\.|[a-z]\))\s+/u, "").trim();
    if (headed && named && /^\p{L}/u.test(named) && named.split(/\s+/).length <= 5 && !/[:\d]/u.test(named)) {
      const phrase = proseForm(named === named.toUpperCase() ? named.toLowerCase() : named, prose);
      topic = { ...topicOf(phrase, prose, lang), plural: PLURAL_COPULA.test(headed[1] ?? "") };
    } else {
      const m = DEFINITION.exec(sentence);
      const subject = m?.[2];
      if (!m || !subject) continue;
      const words = subject.split(/\s+/);
      const first = words[0] ?? "";
      // "The following is a list …", "O seguinte é um …": a pointer within the text, no topic.
      if (isStopWord(first) || words.length > 5 || words.every((w) => DEICTIC.test(w.toLowerCase()))) continue;
      // Capitalised only because it opens the sentence: written as the rest of the text writes it.
      const lowered = first.charAt(0).toLowerCase() + first.slice(1);
      const phrase =
        !m[1] && lowered !== first && lowerProse.includes(` ${[lowered, ...words.slice(1)].join(" ")}`)
          ? [lowered, ...words.slice(1)].join(" ")
          : subject;
      topic = { phrase, article: m[1]?.toLowerCase() ?? null, plural: PLURAL_COPULA.test(m[3] ?? "") };
    }
    const key = fold(topic.phrase);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(topic);
    if (out.length >= max) break;
  }
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** How `text` first writes `word` as a whole word (any case), if it does. */
export const writtenForm = (text: string, word: string): string | undefined =>
  new RegExp(`(?<!\\p{L})${escapeRegExp(word)}(?!\\p{L})`, "iu").exec(text)?.[0];

/** Whether `text` holds `word` as a whole word (any case). */
const writes = (text: string, word: string) => writtenForm(text, word) !== undefined;

/**
 * An English topic written without an article, as a plural when the prose writes both numbers: "What are AOA
 * sensors?", not "What is AOA sensor?" (a count noun needs an article in the singular, none in the plural; a
 * mass noun, "directional control", has no plural to find). Its last word ends in -s and the prose also writes
 * it without (`sensors`/`sensor`), or the prose also writes the phrase with an -s.
 */
function englishPlural(phrase: string, prose: string): string | undefined {
  const last = phrase.split(/\s+/).at(-1) ?? "";
  if (/[^sui]s$/iu.test(last) && writes(prose, last.slice(0, -1))) return phrase;
  return writes(prose, `${phrase}s`) ? `${phrase}s` : undefined;
}

/**
 * The article the prose writes before `phrase` most often, when it writes one at least half the time; an
 * English phrase without one is asked as a plural when it is one or the prose writes its plural too.
 */
export function topicOf(phrase: string, prose: string, lang: Language): Topic {
  const topic = articleOf(phrase, prose, lang);
  const plural = lang === "en" && !topic.article ? englishPlural(phrase, prose) : undefined;
  return plural ? { phrase: plural, article: null, plural: true } : topic;
}

function articleOf(phrase: string, prose: string, lang: Language): Topic {
  const before = new Map<string, number>();
  let total = 0;
  for (const m of prose.matchAll(new RegExp(`(?<!\\p{L})${escapeRegExp(phrase)}(?!\\p{L})`, "giu"))) {
    total++;
    // The word just before it (an article is at most five letters and a space away).
    const word = /(\p{L}+)\s+$/u.exec(prose.slice(Math.max(0, m.index - 12), m.index))?.[1]?.toLowerCase();
    if (word && ARTICLE[lang].test(word)) before.set(word, (before.get(word) ?? 0) + 1);
  }
  const [article, n] = [...before.entries()].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
  const chosen = article && n * 2 >= total ? article : null;
  return { phrase, article: chosen, plural: chosen ? PLURAL_ARTICLE.test(chosen) : false };
}

/**
 * What a document's suggested questions may be about, best first: the topics its prose defines, its
 * headings that name a topic its prose discusses, the phrases of its prose; then the other headings that
 * are not labels, and its key phrases. A heading that labels a form section ("Pilot Information"), a table
 * column or a chart axis ("No. Casos", repeated on every chart) is never a topic.
 */

import { VERB_FORM } from "../concepts/verb-forms";
import { isTableRow, rowCells } from "../ingest/markdown-table";
import type { Language } from "../retrieval/language";
import {
  contentTerms,
  DEICTIC,
  definedTopics,
  isStopWord,
  proseForm,
  proseSentences,
  type Topic,
  topicOf,
  writtenForm,
} from "./prose";

/** Topics of each kind per document: as many as the other lists (MAX_PHRASES). */
const MAX_PER_KIND = 6;

/**
 * Key phrases of the prose read before keeping those of several words: single words rank high by
 * frequency, so the first MAX_PER_KIND would hold few phrases; a pool of this size is a fraction of a
 * long document's distinct phrases and costs nothing to score.
 */
const PHRASE_POOL = 40;

/** Forms of "to be" and "to have" that the retrieval stop lists (folded, for queries) let through. */
const AUXILIARY = /^(?:is|are|was|were|has|have|had|es|está|están|estão|são|é|está|tem|têm|tiene|tienen|hay|há)$/u;

/**
 * A phrase that names a common thing: no word a verb form, an auxiliary, an adverb ("-mente", "-ly"), an
 * abbreviation ("nº"), a stop word or a pointer within the text ("anterior"); not a proper name (every
 * word capitalised: "San Marcos" is answered by the list that mentions it, not by what it is — a defined
 * name is asked as defined).
 */
function isNounPhrase(phrase: string, lang: Language): boolean {
  const written = phrase.split(/\s+/);
  if (written.every((w) => /^\p{Lu}/u.test(w))) return false;
  const words = written.map((w) => w.toLowerCase());
  const verb = lang === "pt" || lang === "es" ? VERB_FORM[lang] : undefined;
  return (
    !words.some(
      (w) =>
        /(?:mente|ly)$/u.test(w) ||
        ABBREVIATION.test(w) ||
        AUXILIARY.test(w) ||
        DEICTIC.test(w) ||
        isStopWord(w) ||
        verb?.test(w),
    ) &&
    // An English participle closing the phrase is its verb ("Dockets released"); opening it, a modifier.
    !(lang === "en" && /(?:ed|ing)$/u.test(words.at(-1) ?? ""))
  );
}

/**
 * The last word of a form's section label: "Pilot Information", "Wreckage and Impact Information", "Datos",
 * "Detalhes" (not "data" or "form": "Big Data", "Normal form" are topics).
 */
const SECTION_NOUN =
  /^(?:information|informa[cç][aã]o|informaci[oó]n|dados|datos|details|detalhes|detalles|findings|summary|particulars|remarks|notes|narrative)$/iu;
const AND_SECTION = new RegExp(`\\s+(?:and|e|y|&)\\s+${SECTION_NOUN.source.slice(1)}`, "iu");
/** A section's noun joined to more: "Meteorological Information and Flight Plan", "Datos y Resultados". */
const SECTION_AND = new RegExp(`\\s${SECTION_NOUN.source.slice(1, -1)}\\s+(?:and|e|y|&)\\s`, "iu");
/** A part of the document by its number: "ANEXO III", "Appendix B", "Cuadro 7". */
const NUMBERED_PART =
  /^(?:anexo|annex|appendix|ap[eê]ndice|cuadro|quadro|gr[aá]fico|graph|chart|figure|figura|table|tabla|tabela)\s+[\p{L}\p{N}]{1,5}\b/iu;
const LEADING_ARTICLE = /^(?:the|an?|os?|as?|el|las?|los|um|uma|una?)$/iu;
/** An abbreviation ("No.", "Nº", "Tel.", "Dra.") marks a column header or a form field. */
const ABBREVIATION = /^(?:\p{L}{1,4}\.|n[º°]|n\.[º°o])$/iu;

/** A date line: "Thursday, August 6, 2020", "20 de junio de 2023", "11/27/2007". */
const DATE_LINE =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janeiro|fevereiro|março|marco|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|janvier|février|avril|juin|juillet|août|septembre|octobre|novembre|décembre)\b\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:de\s+)?\p{L}+\s+(?:de\s+)?\d{4}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/iu;

/** A section's number before its name: "2.", "3.1", "IV.". */
const NUMBERING_PREFIX = /^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]+\.)\s+/u;
/** An author's initials after the surname, in a reference: "Heron M,", "Hoyert DL,". */
const INITIALS = /^\p{Lu}{1,3},$/u;

/**
 * A line that is no section's name: a footnote mark ("(*) Exclusive …"), a form field ("Date & Time:
 * 11/27/2007") or a label ending in a colon ("SUPPLEMENTARY INFORMATION:"), a date ("Thursday, August 6,
 * 2020"), one holding an abbreviation ("Vol. 85, No. 152", "M. Gaëtan Gagné, conseiller municipal"), or a
 * code, half its words figures or short capitals ("RIN 2120–AA64", "14 CFR Part 39"), a reference's authors
 * ("1. Heron M, Hoyert DL, Murphy SL, …"), a line cut mid-phrase or a sentence.
 */
export function namesNoSection(heading: string): boolean {
  const t = heading.replace(NUMBERING_PREFIX, "").trim();
  if (!/^\p{L}/u.test(t) || /:(?:\s|$)/u.test(t) || DATE_LINE.test(t)) return true;
  const words = t.split(/\s+/);
  if (words.some((w) => ABBREVIATION.test(w.replace(/,$/, "")))) return true;
  // A reference's list of authors ("1. Heron M, Hoyert DL, Murphy SL, Xu JQ, …"): two sets of initials or more.
  if (words.filter((w) => INITIALS.test(w)).length >= 2) return true;
  // A line cut mid-phrase ("3 An airplane's nose-up or nose-down attitude is", a footnote) or a sentence ("MCAS
  // is a function of the Speed Trim System"): a section is named by a phrase.
  const last = (words.at(-1) ?? "").toLowerCase();
  if (words.length > 1 && isStopWord(last)) return true;
  if (words.length >= 4 && words.some((w) => AUXILIARY.test(w.toLowerCase()))) return true;
  // Figures and short capitals ("CFR", "RIN") make at least half its words, a figure among them.
  const codes = words.filter((w) => /\d/u.test(w) || /^\p{Lu}{2,4}$/u.test(w));
  return words.length > 1 && codes.some((w) => /\d/u.test(w)) && codes.length * 2 >= words.length;
}

/**
 * A heading that labels rather than names a topic: a section of a form (its last word "Information"…), a
 * numbered part, a title line cut mid-phrase (ends or starts with a function word: "ANÁLISIS … DE",
 * "POR CATEGORIA ECONÔMICA E ORIGEM"), a footnote mark, one that holds an abbreviation, a run of four or
 * more capitalised words without a function word (a chart legend: "Exito Seguridad Alerta Brote Casos
 * Nuevos"), one repeated in the document (a running header, a chart axis) or that is a table's cell.
 */
export function isLabelHeading(heading: string, repeated: ReadonlySet<string>, cells: ReadonlySet<string>): boolean {
  const t = heading.replace(NUMBERING_PREFIX, "").trim();
  const key = t.toLowerCase();
  if (!t) return true;
  if (repeated.has(heading.toLowerCase()) || cells.has(key) || NUMBERED_PART.test(t)) return true;
  if (namesNoSection(t)) return true;
  const words = t.split(/\s+/);
  const last = words.at(-1) ?? "";
  if (SECTION_NOUN.test(last.replace(/[.:]$/, "")) || SECTION_AND.test(t) || words.some((w) => ABBREVIATION.test(w)))
    return true;
  // An article may open a heading ("The nucleus", "La célula"); another function word opens a title's
  // second line ("POR CATEGORIA ECONÔMICA E ORIGEM").
  const first = words[0] ?? "";
  if (words.length > 1 && (isStopWord(last) || (isStopWord(first) && !LEADING_ARTICLE.test(first)))) return true;
  return words.length >= 4 && words.every((w) => /^\p{Lu}/u.test(w) && !isStopWord(w));
}

/** The headings seen more than once (lower case): running headers, a chart's axis on every page. */
export function repeatedOf(occurrences: readonly string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const h of occurrences) counts.set(h.toLowerCase(), (counts.get(h.toLowerCase()) ?? 0) + 1);
  return new Set([...counts].flatMap(([h, n]) => (n > 1 ? [h] : [])));
}

/** A sentence compared with its copies: lower case, every number the same. */
const figuresAside = (text: string) => text.replace(/\d+/gu, "0").toLowerCase();

/**
 * Running lines the page cleaner kept because their page number changes ("Página 14 de 3400 Parte integrante
 * do Avulso do PLN nº 27 de 2018.", then "Página 15 …"): sentences written more than once, each time with other
 * figures. A sentence repeated word for word (a summary restated) is prose, and stays.
 */
function runningLines(sentences: readonly { text: string }[]): Set<string> {
  const copies = new Map<string, Set<string>>();
  for (const { text } of sentences) {
    const key = figuresAside(text);
    copies.set(key, (copies.get(key) ?? new Set()).add(text));
  }
  return new Set([...copies].flatMap(([key, texts]) => (texts.size > 1 ? [key] : [])));
}

export type DocumentTopics = {
  defined: Topic[];
  headings: Topic[];
  phrases: Topic[];
  rest: string[];
  named: Topic[];
  /** Single frequent words to ask about only to reach three questions (`reserveQuestions`). */
  words: string[];
};

/**
 * The reserve words of a document: its single-word key phrases that its text writes, as the text writes
 * them; none for a document that holds a table, whose frequent words are its cells' ("compounds", "total"
 * from a list of pollutants: the table, not a short note, is what the document is).
 */
function reserveWords(keyPhrases: readonly string[], text: string, hasTable: boolean): string[] {
  if (hasTable) return [];
  return keyPhrases.flatMap((p) => (p.includes(" ") ? [] : (writtenForm(text, p) ?? [])));
}

/**
 * The topics of one document from its sampled text and its headings (`occurrences`: every heading a chunk
 * opens with or that a read text holds, with repeats); `phrasesOf` gives a text's key phrases, best first;
 * `keyPhrases` are the whole sample's (its outline's), of which those of several words that name a thing
 * are its last topics (`named`).
 */
export function documentTopics(
  sample: string,
  headings: readonly string[],
  occurrences: readonly string[],
  lang: Language,
  phrasesOf: (text: string, max: number) => string[],
  keyPhrases: readonly string[] = [],
): DocumentTopics {
  const all = proseSentences(sample);
  const running = runningLines(all);
  const read = all.filter((s) => !running.has(figuresAside(s.text)));
  const sentences = read.map((s) => s.text);
  const prose = sentences.join("\n");
  const repeated = repeatedOf(occurrences);
  const cells = new Set(
    sample
      .split("\n")
      .filter(isTableRow)
      .flatMap((line) => rowCells(line).map((c) => c.trim().toLowerCase())),
  );
  const sentenceTerms = sentences.map((s) => new Set(contentTerms(s)));
  /** Every content word of `phrase` in one prose sentence: the prose discusses it. */
  const discussed = (phrase: string) => {
    const terms = contentTerms(phrase);
    return terms.length > 0 && sentenceTerms.some((s) => terms.every((t) => s.has(t)));
  };
  // "Probable Cause and Findings": the topic is what comes before the section's noun.
  const topical = headings
    .filter((h) => !repeated.has(h.toLowerCase()))
    .map((h) => h.replace(AND_SECTION, ""))
    .filter((h) => !isLabelHeading(h, repeated, cells));
  const defined = definedTopics(read, prose, lang, MAX_PER_KIND);
  // Phrases of several words from the prose alone (not the form's field names, nor a table's headers), that
  // name a thing: no verb or adverb in them ("Dockets released", "diminui acentuadamente"), no abbreviation.
  // A phrase of a running line ("Parte integrante", also where the line is glued to a sentence) is its label;
  // one of capitals only ("SUPREME COURT") is a title's or a name.
  const names = (p: string) =>
    p.includes(" ") && isNounPhrase(p, lang) && ![...running].some((line) => line.includes(figuresAside(p)));
  const phrases = phrasesOf(prose, PHRASE_POOL)
    .filter(names)
    .slice(0, MAX_PER_KIND)
    .map((p) => topicOf(p, prose, lang));
  // Each topic once, in the first kind that holds it ("Fiebre Tifoidea" defined, then a phrase again).
  const seen = new Set<string>();
  const once = (phrase: string) => !seen.has(phrase.toLowerCase()) && Boolean(seen.add(phrase.toLowerCase()));
  return {
    defined: defined.filter((t) => once(t.phrase)),
    headings: topical
      .filter(discussed)
      .map((h) => topicOf(proseForm(h, prose), prose, lang))
      .filter((t) => once(t.phrase)),
    phrases: phrases.filter((t) => once(t.phrase)),
    rest: topical.filter((h) => !discussed(h) && once(h)),
    named: keyPhrases
      .filter(names)
      .map((p) => topicOf(p, prose, lang))
      .filter((t) => once(t.phrase)),
    // Written forms from the whole text: `prose` keeps only the sentences read as prose, which can leave a short
    // note's first and last sentences out ("Photosynthesis converts light energy into chemical energy.").
    words: reserveWords(keyPhrases, sample, sample.split("\n").some(isTableRow)),
  };
}

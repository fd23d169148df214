/**
 * What a document's suggested questions may be about, best first: the topics its prose defines, its
 * headings that name a topic its prose discusses, the phrases of its prose; then the other headings that
 * are not labels, and its key phrases. A heading that labels a form section ("Pilot Information"), a table
 * column or a chart axis ("No. Casos", repeated on every chart) is never a topic.
 */

import { VERB_FORM } from "../concepts/verb-forms";
import { isTableRow, rowCells } from "../ingest/markdown-table";
import type { Language } from "../retrieval/language";
import { contentTerms, definedTopics, isStopWord, proseForm, proseSentences, type Topic, topicOf } from "./prose";

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

/** Words that point within the text ("año anterior", "following section", "mesmo período"): no topic. */
const DEICTIC =
  /^(?:anterior|anteriores|posterior|siguiente|siguientes|seguinte|seguintes|previous|following|next|last|[uú]ltim[oa]s?|mism[oa]s?|mesm[oa]s?|same|other|otr[oa]s?|outr[oa]s?|dicho|dicha|referid[oa]|above|below)$/u;

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
/** A part of the document by its number: "ANEXO III", "Appendix B", "Cuadro 7". */
const NUMBERED_PART =
  /^(?:anexo|annex|appendix|ap[eê]ndice|cuadro|quadro|gr[aá]fico|graph|chart|figure|figura|table|tabla|tabela)\s+[\p{L}\p{N}]{1,5}\b/iu;
const LEADING_ARTICLE = /^(?:the|an?|os?|as?|el|las?|los|um|uma|una?)$/iu;
/** An abbreviation ("No.", "Nº", "Tel.", "Dra.") marks a column header or a form field. */
const ABBREVIATION = /^(?:\p{L}{1,4}\.|n[º°]|n\.[º°o])$/iu;

/** A footnote mark ("(*) Exclusive …") or a form field ("Date & Time: 11/27/2007"): never a section's name. */
export function isFieldOrNote(heading: string): boolean {
  const t = heading.replace(/^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]+\.)\s+/u, "").trim();
  return !/^\p{L}/u.test(t) || /:\s/u.test(t);
}

/**
 * A heading that labels rather than names a topic: a section of a form (its last word "Information"…), a
 * numbered part, a title line cut mid-phrase (ends or starts with a function word: "ANÁLISIS … DE",
 * "POR CATEGORIA ECONÔMICA E ORIGEM"), a footnote mark, one that holds an abbreviation, a run of four or
 * more capitalised words without a function word (a chart legend: "Exito Seguridad Alerta Brote Casos
 * Nuevos"), one repeated in the document (a running header, a chart axis) or that is a table's cell.
 */
export function isLabelHeading(heading: string, repeated: ReadonlySet<string>, cells: ReadonlySet<string>): boolean {
  const t = heading.replace(/^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]+\.)\s+/u, "").trim();
  const key = t.toLowerCase();
  if (!t) return true;
  if (repeated.has(heading.toLowerCase()) || cells.has(key) || NUMBERED_PART.test(t)) return true;
  if (isFieldOrNote(t)) return true;
  const words = t.split(/\s+/);
  const last = words.at(-1) ?? "";
  if (SECTION_NOUN.test(last.replace(/[.:]$/, "")) || words.some((w) => ABBREVIATION.test(w))) return true;
  // An article may open a heading ("The nucleus", "La célula"); another function word opens a title's
  // second line ("POR CATEGORIA ECONÔMICA E ORIGEM").
  const first = words[0] ?? "";
  if (words.length > 1 && (isStopWord(last) || (isStopWord(first) && !LEADING_ARTICLE.test(first)))) return true;
  return words.length >= 4 && words.every((w) => /^\p{Lu}/u.test(w) && !isStopWord(w));
}

export type DocumentTopics = { defined: Topic[]; headings: Topic[]; phrases: Topic[]; rest: string[] };

/**
 * The topics of one document from its sampled text and its headings (`occurrences`: every heading a chunk
 * opens with or that a read text holds, with repeats); `phrasesOf` gives a text's key phrases, best first.
 */
export function documentTopics(
  sample: string,
  headings: readonly string[],
  occurrences: readonly string[],
  lang: Language,
  phrasesOf: (text: string, max: number) => string[],
): DocumentTopics {
  const read = proseSentences(sample);
  const sentences = read.map((s) => s.text);
  const prose = sentences.join("\n");
  const counts = new Map<string, number>();
  for (const h of occurrences) counts.set(h.toLowerCase(), (counts.get(h.toLowerCase()) ?? 0) + 1);
  const repeated = new Set([...counts].flatMap(([h, n]) => (n > 1 ? [h] : [])));
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
  const phrases = phrasesOf(prose, PHRASE_POOL)
    .filter((p) => p.includes(" ") && isNounPhrase(p, lang))
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
  };
}

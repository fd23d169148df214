/**
 * The answer studyAI gives when no language model is configured: the complete sentences and table rows of
 * the retrieved passages that best answer the question — weighed by the question's rare terms, the kind of
 * answer it asks for (an amount, a cause, a definition, a date) and any document it names — best first, at
 * most four, each cited to the page it is on; table rows under their column headers. When the passages do
 * not contain enough of the question's terms, an honest "not covered" in the question's language. Never
 * invents text: every sentence and row is quoted from a passage.
 */
import { formatMarkdownTable } from "../ingest/markdown-table";
import { ANY_STOP_WORD, detectLanguage, type Language } from "../retrieval/language";
import { queryTerms, tokenSpans } from "../retrieval/normalize";
import { type AnswerUnit, answerUnits } from "./answer-units";
import { FIELD_LABEL } from "./form-fields";
import { questionPhrases } from "./phrases";
import { hasAnswerShape, questionType } from "./question-type";
import { PREDICATE_WEIGHT, predicateTerms } from "./question-verbs";
import { superlativeAnswer } from "./superlative";
import { type Citation, citationOf, type ExtractiveAnswer, type Passage } from "./types";

export type ExtractiveOptions = {
  maxSentences?: number;
  maxChars?: number;
  lang?: Language;
  /** The rest of the retrieved tables (`tablePieces`): read by a superlative question's answer only. */
  tablePassages?: readonly Passage[];
  /** What the question names, when the caller knows better than `namedTerms` (acronyms.ts: a spelling is no name). */
  named?: readonly string[];
};

const NOT_COVERED: Record<Language, string> = {
  en: "The material does not seem to cover this question.",
  pt: "O material não parece abordar esta pergunta.",
  es: "El material no parece cubrir esta pregunta.",
  fr: "Les documents ne semblent pas traiter cette question.",
  other: "The material does not seem to cover this question.",
};

const TABLE_LEAD: Record<Language, (page: number) => string> = {
  en: (page) => `From the table on page ${page}`,
  pt: (page) => `Da tabela na página ${page}`,
  es: (page) => `De la tabla en la página ${page}`,
  fr: (page) => `D’après le tableau de la page ${page}`,
  other: (page) => `From the table on page ${page}`,
};

/** The honest answer for a question the passages do not cover, in the question's language. */
export function notCovered(question: string, lang: Language = detectLanguage(question)): ExtractiveAnswer {
  return { mode: "extractive", text: NOT_COVERED[lang], citations: [] };
}

/**
 * Relevance thresholds (docs/retrieval-eval.md, "Answers evaluation", says how they were chosen on both
 * labelled sets): the share of the question's idf weight that the passages contain at all, and that the
 * best candidate contains. Below either, the material does not cover the question. A question that names
 * something (Australia, Apple, RV-8) is not covered when none of what it names is in the passages, however
 * many common words ("capital", "total") they share.
 */
export const MIN_CONTEXT_COVERAGE = 0.2;
/** A question that names nothing has only its words to go on ("How does photosynthesis work?"): more must match. */
export const MIN_CONTEXT_COVERAGE_UNNAMED = 0.4;
export const MIN_BEST_COVERAGE = 0.12;

/**
 * What a question names: capitalised words after its first (proper nouns, acronyms) and codes mixing letters
 * and digits ("N1458U", "PA-22-150"), as index terms. An abbreviation in brackets after its spelling ("coronary
 * heart disease (CHD)", acronyms.ts) is a gloss: the words before it say what it names.
 */
export function namedTerms(question: string): string[] {
  const raw = question.split(/\s+/);
  const words = raw.map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""));
  const sentenceStart = (i: number) => i === 0 || /[.?!:]$/.test(raw[i - 1] ?? "");
  const stop = (w: string) => tokenSpans(w).every((s) => ANY_STOP_WORD.has(s.norm));
  const gloss = (i: number) => /^\(\p{Lu}{2,8}\)[^\p{L}\p{N}]*$/u.test(raw[i] ?? "");
  const named = words.filter(
    (w, i) =>
      (!sentenceStart(i) && /^\p{Lu}/u.test(w) && !/^\p{Lu}\p{Ll}{0,2}$/u.test(w) && !stop(w) && !gloss(i)) ||
      (/\p{L}/u.test(w) && /\d/.test(w)) ||
      YEAR.test(w),
  );
  return [...new Set(named.flatMap((w) => tokenSpans(w.replace(/['’]s$/u, "")).map((s) => s.term)))];
}

/** A year ("em 2015", "in 2006") says which report or table, as a name does. */
const YEAR = /^(?:1[89]|20)\d{2}$/;

const RANK_BONUS = 0.1;
const SHAPE_BONUS = 0.15;
/** Full bonus when the unit's document holds everything the question names. */
const NAMED_BONUS = 0.2;
/** Besides, when the unit itself names it: "California" picks the California row of a table. */
const NAMED_IN_UNIT_BONUS = 0.15;
/** Besides, when a table row's label names it: the row the question names, not the TOTAL row or a footnote. */
const ROW_LABEL_BONUS = 0.15;
/** A named term on more than this share of the candidates picks no row. */
const SELECTIVE_SHARE = 0.1;
const LENGTH_PENALTY = 0.05;
const NEAR_DUPLICATE = 0.8;
/** After the best, candidates must score this share of its score to be shown at all. */
const NEARLY_AS_GOOD = 0.6;
/**
 * A later prose sentence that restates (`restates`) what is said already ("The NTSB … determine[s] the probable
 * causes of the accidents" under the probable cause) is shown only when it scores this share of the best, nearly
 * a tie.
 */
const NOVELTY_EXEMPT = 0.9;
/** A sentence longer than this is not quoted whole, so it is not quoted at all (unless nothing else is). */
const MAX_UNIT_CHARS = 900;

type Scored = AnswerUnit & {
  matched: string[];
  coverage: number;
  score: number;
  shape: boolean;
  /** The selective names of the question this unit says itself: in a row's label, in a sentence's words. */
  names: number;
  /** Its document holds everything the question names (the question names something). */
  namedDocument: boolean;
};

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

type Weights = { weight: Map<string, number>; total: number };

/** Rarer terms weigh more (idf over the candidates): "pilot" is everywhere in an accident report. */
function weightsOf(terms: string[], units: readonly AnswerUnit[]): Weights {
  const weight = new Map(
    terms.map((term) => {
      const df = units.filter((u) => u.terms.has(term)).length;
      return [term, Math.log(1 + units.length / Math.max(1, df))];
    }),
  );
  return { weight, total: [...weight.values()].reduce((sum, w) => sum + w, 0) };
}

/** `w` with each of `terms` weighing `factor` of its idf. */
function discounted(w: Weights, terms: Set<string>, factor: number): Weights {
  if (![...terms].some((t) => w.weight.has(t))) return w;
  const weight = new Map([...w.weight].map(([t, v]) => [t, terms.has(t) ? v * factor : v]));
  return { weight, total: [...weight.values()].reduce((sum, v) => sum + v, 0) };
}

function coverageOf(present: (term: string) => boolean, terms: string[], w: Weights): number {
  if (w.total === 0) return 0;
  return terms.filter(present).reduce((sum, term) => sum + (w.weight.get(term) ?? 0), 0) / w.total;
}

/**
 * The question's two-word phrases that some row's label holds, each weighing its idf over the candidates as
 * a term does; a phrase no row holds weighs nothing (so a question without one is scored as before).
 */
function phraseWeightsOf(question: string, terms: string[], units: readonly AnswerUnit[]): Weights {
  const weight = new Map<string, number>();
  for (const phrase of questionPhrases(question, terms)) {
    const df = units.filter((u) => u.cellPhrases?.has(phrase)).length;
    if (df > 0) weight.set(phrase, Math.log(1 + units.length / df));
  }
  return { weight, total: [...weight.values()].reduce((sum, w) => sum + w, 0) };
}

/** Terms of each passage's document title: a question naming the document ("Apple's") is about its text. */
function titleTermsOf(passages: readonly Passage[]): Set<string>[] {
  return passages.map((p) => new Set(tokenSpans(p.documentTitle).map((s) => s.term)));
}

/**
 * Ranks the candidates. What the question names (a registration, a place, a company) picks the document,
 * not the sentence: a unit "has" a named term when its document's retrieved text or title does, and its
 * own words are scored on the rest of the question ("who was the registered owner of N5921D" is answered by
 * "Registered Owner: …", not by the line that repeats "N5921D").
 */
type Evidence = { terms: string[]; named: string[]; titles: Set<string>[]; units: AnswerUnit[]; weights: Weights };

function score(question: string, passages: readonly Passage[], evidence: Evidence) {
  const { terms, titles, units, weights: w } = evidence;
  const type = questionType(question);
  const named = new Set(evidence.named.filter((t) => terms.includes(t)));
  const content = terms.filter((t) => !named.has(t));
  const ownTerms = content.length ? content : terms;
  const ownWeights = discounted(weightsOf(ownTerms, units), predicateTerms(question), PREDICATE_WEIGHT);
  // A row whose label holds two of the question's words side by side is the row the question names
  // ("1. RECEITAS CORRENTES" for "o total da receita corrente"): each such phrase counts as one more term.
  const phrases = phraseWeightsOf(question, ownTerms, units);
  const total = ownWeights.total + phrases.total;
  const relevanceOf = (present: (t: string) => boolean, held?: Set<string>) => {
    if (total === 0) return 0;
    const words = ownTerms.filter(present).reduce((sum, t) => sum + (ownWeights.weight.get(t) ?? 0), 0);
    const pairs = [...phrases.weight].reduce((sum, [p, w]) => sum + (held?.has(p) ? w : 0), 0);
    return (words + pairs) / total;
  };
  // The share of a row's label that the question says: all of "RECEITAS CORRENTES", a third of "APROVAÇÃO
  // LEGISLATIVA PREVISTA NO" (which shares only "prevista"). The row's own cells count by that share.
  const labelShare = (u: AnswerUnit) =>
    u.labelTerms?.size ? [...u.labelTerms].filter((t) => terms.includes(t)).length / u.labelTerms.size : 1;
  const inDocument = new Map<string, Set<string>>();
  units.forEach((u) => {
    const doc = (passages[u.passage] as Passage).documentId;
    const found = inDocument.get(doc) ?? new Set<string>();
    for (const t of named) if (u.terms.has(t) || titles[u.passage]?.has(t)) found.add(t);
    inDocument.set(doc, found);
  });
  // A name on most lines ("Intel" in Intel's filing) is the document's subject, not a row selector.
  const selective = new Set(
    [...named].filter((t) => units.filter((u) => u.terms.has(t)).length <= Math.max(2, units.length * SELECTIVE_SHARE)),
  );
  // What can pick a unit: the names, and a year only where it labels a row (else it picks the report or table).
  const selectors = [...named].filter((t) => !YEAR.test(t) || units.some((u) => u.labelTerms?.has(t))).length;
  const namesOf = (u: AnswerUnit) => inDocument.get((passages[u.passage] as Passage).documentId) ?? new Set<string>();
  // The selective names a row's label holds ("MINISTÉRIO DA EDUCAÇÃO"), in a document that holds every name the
  // question has ("Estados" labels a Brazilian budget row too, in a question about the United States).
  const labelNames = (u: AnswerUnit) =>
    namesOf(u).size < named.size
      ? 0
      : [...named].filter((t) => !YEAR.test(t) && selective.has(t) && u.labelTerms?.has(t)).length;
  // When some row's label names what the question names, a row whose label names none of it ("TOTAL", a
  // subtotal) matches through its headers only: "a despesa total do Ministério da Educação" is that ministry's.
  const inLabels = units.map(labelNames);
  const someRowNamed = inLabels.some((n) => n > 0);
  return units
    .map((u, i): Scored => {
      const docNames = namesOf(u);
      const inLabel = inLabels[i] ?? 0;
      const ownLabel = someRowNamed && inLabel === 0 ? 0 : labelShare(u);
      const has = (t: string) => u.terms.has(t) || titles[u.passage]?.has(t) || docNames.has(t);
      // A unit sharing only names with the question (a question in another language than the material) stays a
      // candidate: it points to the right document, and scores below any unit that shares the question's words.
      // A term only an empty field's side of the line holds ("Flight Review" in "Occupational Pilot: Last Flight
      // Review or Equivalent:") is no match: the line gives no value for it.
      const holds = (t: string) => u.terms.has(t) && !u.valueless?.has(t);
      const own = ownTerms.filter(holds);
      const matched = own.length ? own : terms.filter(holds);
      const coverage = coverageOf(has, terms, w);
      // A row matches through its headers and caption, and through its own cells: "Total net revenue" is the
      // row about net revenue, whichever row of that table shares the header "Net revenue".
      // A row whose label names what the question names is read whole: the label says which thing, the headers
      // what its figures are; its own cells need not repeat the question's words ("MINISTÉRIO DA SAÚDE | 277.028.371"
      // under "DESPESA DO ORÇAMENTO DE INVESTIMENTO" for "a despesa do Ministério da Saúde").
      const whole = relevanceOf((t) => u.terms.has(t), u.cellPhrases);
      const relevance = u.cellTerms
        ? inLabel > 0
          ? whole
          : (whole + relevanceOf((t) => u.cellTerms?.has(t) ?? false, u.cellPhrases) * ownLabel) / 2
        : relevanceOf(holds);
      const rank = RANK_BONUS * (1 - u.passage / passages.length);
      const shape = matched.length && hasAnswerShape(u.kind === "row" ? (u.cells ?? []).join(" ") : u.text, type);
      // A year a row is labelled with ("2008 | 3,219 | …") is that row's own, however many rows name years.
      const inUnit = [...named].filter(
        (t) => (u.terms.has(t) && selective.has(t)) || (YEAR.test(t) && u.labelTerms?.has(t)),
      ).length;
      // The document holds what the question names; a table row or line that names it itself is the one, and a
      // row whose label names it ("MINISTÉRIO DA EDUCAÇÃO | … | 121.963.197.328") the more so.
      const naming = named.size
        ? (NAMED_BONUS * docNames.size) / named.size +
          (NAMED_IN_UNIT_BONUS * inUnit + ROW_LABEL_BONUS * inLabel) / Math.max(1, selectors)
        : 0;
      const length = LENGTH_PENALTY * Math.min(1, u.text.length / 500);
      const total = relevance + rank + (shape ? SHAPE_BONUS : 0) + naming - length;
      const says =
        u.kind === "row"
          ? inLabel
          : [...named].filter((t) => !YEAR.test(t) && selective.has(t) && u.terms.has(t)).length;
      const namedDocument = named.size > 0 && docNames.size === named.size;
      return { ...u, matched, coverage, score: total, shape: Boolean(shape), names: says, namedDocument };
    })
    .filter((u) => u.matched.length > 0 && saysMore(u, terms))
    .sort((a, b) => b.score - a.score || a.passage - b.passage || a.order - b.order);
}

/**
 * A prose sentence without the answer's shape that matches none of the question's terms the chosen units
 * miss. Rows and form fields ("Runway Length/Width: 3260 ft / 75 ft") are values, never restatements.
 */
function restates(u: Scored, chosen: readonly Scored[]): boolean {
  if (u.kind !== "sentence" || u.shape || FIELD_LABEL.test(u.text)) return false;
  return u.matched.every((t) => chosen.some((c) => c.matched.includes(t)));
}

/**
 * Whether a unit says anything besides the question's own words: a row "| 5 | Petitioner | : |" (a line number and
 * the word asked about) answers nothing. A row is judged by its own cells, not its headers; a lone digit is a line
 * or list number.
 */
function saysMore(u: AnswerUnit, questionTerms: readonly string[]): boolean {
  return [...(u.cellTerms ?? u.terms)].some((t) => !questionTerms.includes(t) && !/^\d$/.test(t));
}

function select(ranked: Scored[], maxUnits: number, maxChars: number): Scored[] {
  const chosen: Scored[] = [];
  let chars = 0;
  const best = ranked.find((u) => u.text.length <= MAX_UNIT_CHARS) ?? ranked[0];
  if (!best) return chosen;
  chosen.push(best);
  chars += best.text.length;
  for (const u of ranked) {
    if (chosen.length >= maxUnits) break;
    if (u === best || u.text.length > MAX_UNIT_CHARS) continue;
    // After the best, only candidates nearly as good: 1–4 sentences or rows, not filler.
    if (u.score < best.score * NEARLY_AS_GOOD) break;
    // The row the question names answers it ("Minnesota | 4,430 | 79.7 | …"): other states' rows and sentences
    // that name none of it are no more of the answer.
    if (best.kind === "row" && best.names > 0 && u.names === 0) continue;
    // Nor, after a best from the document the question names ("the Piper accident near Tallahassee"), anything
    // from a document that does not hold all of it: another accident's probable cause is not this one's.
    if (best.namedDocument && !u.namedDocument) continue;
    const duplicate = (c: Scored) =>
      c.quote === u.quote ||
      (c.kind === "sentence" && u.kind === "sentence" && jaccard(c.terms, u.terms) >= NEAR_DUPLICATE);
    if (chosen.some(duplicate)) continue;
    if (restates(u, chosen) && u.score < best.score * NOVELTY_EXEMPT) continue;
    if (chars + u.text.length > maxChars) continue;
    chosen.push(u);
    chars += u.text.length + 5;
  }
  return chosen;
}

/**
 * How relevant the passages are to the question: the share of its idf weight they contain at all
 * (`context`), and that their best candidate contains (`best`), with the ranked candidates.
 */
type Names = readonly string[];
export function answerRelevance(question: string, passages: readonly Passage[], lang?: Language, names?: Names) {
  lang ??= detectLanguage(question);
  const terms = queryTerms(question, lang);
  const units = answerUnits(passages);
  const weights = weightsOf(terms, units);
  const titles = titleTermsOf(passages);
  const named = [...(names ?? namedTerms(question))];
  const present = (t: string) => units.some((u) => u.terms.has(t) || titles[u.passage]?.has(t));
  const context = coverageOf(present, terms, weights);
  const ranked = score(question, passages, { terms, named, titles, units, weights });
  const namesFound = named.filter(present);
  return { terms, context, best: ranked[0]?.coverage ?? 0, ranked, named, namesFound, units };
}

/** Builds the extractive answer from the top passages (best first). */
export function extractiveAnswer(
  question: string,
  passages: readonly Passage[],
  options: ExtractiveOptions = {},
): ExtractiveAnswer {
  const lang = options.lang ?? detectLanguage(question);
  if (passages.length === 0) return notCovered(question, lang);
  const relevance = answerRelevance(question, passages, lang, options.named);
  const { terms, context, best, ranked, named, namesFound, units } = relevance;
  const namesMissing = named.length > 0 && namesFound.length === 0;
  const minContext = named.length > 0 ? MIN_CONTEXT_COVERAGE : MIN_CONTEXT_COVERAGE_UNNAMED;
  if (terms.length === 0 || namesMissing || context < minContext || best < MIN_BEST_COVERAGE) {
    return notCovered(question, lang);
  }
  // "Which state had the lowest …?": the row with the extreme figure of the table column the question names.
  const place = new Map(ranked.map((u, i) => [`${u.passage}:${u.order}`, i]));
  const rank = (u: AnswerUnit) => place.get(`${u.passage}:${u.order}`) ?? ranked.length + u.order;
  const all = [...passages, ...(options.tablePassages ?? [])];
  const more = answerUnits(options.tablePassages ?? []).map((u) => ({ ...u, passage: u.passage + passages.length }));
  const superlative = superlativeAnswer(question, all, [...units, ...more], rank, lang);
  if (superlative) return superlative;
  const chosen = select(ranked, options.maxSentences ?? 4, options.maxChars ?? 700);
  if (chosen.length === 0) return notCovered(question, lang);
  return compose(chosen, passages, lang);
}

/** The answer text (best first; rows of one table shown as one small table) and its citations. */
function compose(chosen: Scored[], passages: readonly Passage[], lang: Language): ExtractiveAnswer {
  const citations: Citation[] = [];
  const cite = (u: Scored) => {
    const n = citations.length + 1;
    citations.push(citationOf(n, passages[u.passage] as Passage, u.page, u.quote));
    return n;
  };
  const parts: string[] = [];
  const shownTables = new Set<string>();
  for (const u of chosen) {
    if (u.kind === "sentence") {
      parts.push(`${u.text} [${cite(u)}]`);
      continue;
    }
    const key = `${u.passage}:${u.table}`;
    if (shownTables.has(key)) continue;
    shownTables.add(key);
    // Best first here too: citation 1 is the row that answers, not the table's first chosen row.
    const rows = chosen.filter((r) => r.kind === "row" && r.passage === u.passage && r.table === u.table);
    const markers = rows.map(cite).join(", ");
    const cells = rows.map((r) => r.cells ?? []);
    const width = Math.max(u.header?.length ?? 0, ...cells.map((c) => c.length));
    const table = formatMarkdownTable({ header: u.header ?? Array(width).fill(""), rows: cells });
    parts.push(`\n\n${TABLE_LEAD[lang](u.page)} [${markers}]:\n\n${table}\n\n`);
  }
  const text = parts
    .join(" ")
    .replace(/ ?\n\n ?/g, "\n\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { mode: "extractive", text, citations };
}

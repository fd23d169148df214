/**
 * The answer studyAI gives when no language model is configured: the passages' sentences that best cover the
 * question, each followed by a numbered citation, or an honest "not covered" when no sentence shares a term
 * with the question. Never invents text: every sentence is quoted from a passage.
 */
import { detectLanguage, type Language } from "../retrieval/language";
import { queryTerms, tokenSpans } from "../retrieval/normalize";
import { splitSentences } from "./sentences";
import { type Citation, citationOf, type ExtractiveAnswer, type Passage } from "./types";

export type ExtractiveOptions = { maxSentences?: number; maxChars?: number; lang?: Language };

const NOT_COVERED: Record<Language, string> = {
  en: "The material does not seem to cover this question.",
  pt: "O material não parece abordar esta pergunta.",
  es: "El material no parece cubrir esta pregunta.",
  other: "The material does not seem to cover this question.",
};

/** The honest answer for a question the passages do not cover, in the question's language. */
export function notCovered(question: string, lang: Language = detectLanguage(question)): ExtractiveAnswer {
  return { mode: "extractive", text: NOT_COVERED[lang], citations: [] };
}

type Candidate = {
  passage: number;
  start: number;
  text: string;
  terms: Set<string>;
  matched: string[];
  coverage: number;
  score: number;
};

const RANK_BONUS = 0.1;
const LENGTH_PENALTY = 0.05;
const NEAR_DUPLICATE = 0.8;

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** "Probable Cause and Findings": a heading names a topic but answers nothing. */
function isHeading(sentence: string, tokenCount: number): boolean {
  return tokenCount <= 6 && !/[.!?…:\d]/.test(sentence);
}

function candidates(terms: string[], passages: readonly Passage[]): Candidate[] {
  const all = passages.flatMap((passage, pi) =>
    splitSentences(passage.text).flatMap((sentence) => {
      const spans = tokenSpans(sentence.text);
      if (isHeading(sentence.text, spans.length)) return [];
      const sentenceTerms = new Set(spans.map((span) => span.term));
      return [{ passage: pi, start: sentence.start, text: sentence.text, terms: sentenceTerms }];
    }),
  );
  // Rarer terms weigh more (idf over the candidate sentences): "pilot" is everywhere in an accident report.
  const weight = new Map(
    terms.map((term) => {
      const df = all.filter((c) => c.terms.has(term)).length;
      return [term, Math.log(1 + all.length / Math.max(1, df))];
    }),
  );
  const total = [...weight.values()].reduce((sum, w) => sum + w, 0);
  return all
    .map((c) => {
      const matched = terms.filter((term) => c.terms.has(term));
      const coverage = matched.reduce((sum, term) => sum + (weight.get(term) ?? 0), 0) / total;
      const rank = RANK_BONUS * (1 - c.passage / passages.length);
      const length = LENGTH_PENALTY * Math.min(1, c.text.length / 500);
      return { ...c, matched, score: coverage + rank - length, coverage };
    })
    .filter((c) => c.matched.length > 0 && c.coverage > 0)
    .sort((a, b) => b.score - a.score || a.passage - b.passage || a.start - b.start);
}

function select(ranked: Candidate[], maxSentences: number, maxChars: number): Candidate[] {
  const chosen: Candidate[] = [];
  let chars = 0;
  const best = ranked[0]?.score ?? 0;
  for (const c of ranked) {
    if (chosen.length >= maxSentences) break;
    // After two sentences, only add ones nearly as good as the best: 2–4 sentences, not filler.
    if (chosen.length >= 2 && c.score < best * 0.6) break;
    if (chosen.some((s) => s.text === c.text || jaccard(s.terms, c.terms) >= NEAR_DUPLICATE)) continue;
    const room = maxChars - chars;
    if (chosen.length === 0 && c.text.length > maxChars) {
      chosen.push({ ...c, text: truncateAtWord(c.text, maxChars) });
      break;
    }
    if (c.text.length > room) continue;
    chosen.push(c);
    chars += c.text.length + 5;
  }
  return chosen;
}

/** Builds the extractive answer from the top passages (best first). */
export function extractiveAnswer(
  question: string,
  passages: readonly Passage[],
  options: ExtractiveOptions = {},
): ExtractiveAnswer {
  const lang = options.lang ?? detectLanguage(question);
  const terms = queryTerms(question, lang);
  if (terms.length === 0 || passages.length === 0) return notCovered(question, lang);
  const chosen = select(candidates(terms, passages), options.maxSentences ?? 4, options.maxChars ?? 700);
  if (chosen.length === 0) return notCovered(question, lang);

  chosen.sort((a, b) => a.passage - b.passage || a.start - b.start);
  const numberOf = new Map<number, number>();
  const quotes = new Map<number, string[]>();
  const parts: string[] = [];
  for (const c of chosen) {
    if (!numberOf.has(c.passage)) numberOf.set(c.passage, numberOf.size + 1);
    parts.push(`${c.text} [${numberOf.get(c.passage)}]`);
    quotes.set(c.passage, [...(quotes.get(c.passage) ?? []), c.text]);
  }
  const citations: Citation[] = [...numberOf].map(([pi, n]) =>
    citationOf(n, passages[pi] as Passage, (quotes.get(pi) ?? []).join(" ")),
  );
  return { mode: "extractive", text: parts.join(" "), citations };
}

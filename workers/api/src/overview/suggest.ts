/**
 * Suggested questions that the notebook can answer. Candidates come from what the documents' prose defines
 * or discusses, their headings and key phrases (or from the model); each one is then run through the
 * notebook's real search, exactly as a question would be, and kept only when it retrieves passages: without
 * a model, only when the extractive answer built from them cites something (so clicking it never ends in
 * "not covered"), and preferably when what it cites first is a prose sentence naming what the question asks
 * about (not a table row or a label that merely shares a word); with a model, when keyword search finds at
 * least one passage (a model's paraphrase may share few words with its answer).
 */

import type { CitationDto } from "../../../../schemas/study";
import { ANSWER_PASSAGES } from "../answers/ask";
import { extractiveAnswer } from "../answers/extractive";
import { passagesOf } from "../answers/passages";
import { contentDb } from "../content/content-db";
import type { Language } from "../retrieval/language";
import { type SearchScope, searchNotebook } from "../retrieval/search";
import type { SourceOutline } from "./outline";
import { answersInProse, type Topic } from "./prose";

export const MIN_QUESTIONS = 3;
export const MAX_QUESTIONS = 5;
/** Searches one overview may run: every candidate costs one (and a paid query embedding in production). */
export const MAX_VERIFICATIONS = 12;

export type Suggestion = { question: string; citations: CitationDto[] };

/** Headings that name a part of a document, not a topic (in en, pt and es). */
const GENERIC_HEADING =
  /^(?:(?:chapter|cap[ií]tulo|part[e]?|section|se[cç][aã]o|secci[oó]n|unit|unidade|unidad|lesson|li[cç][aã]o|lecci[oó]n|module|m[oó]dulo)\b.*|introduc(?:tion|ci[oó]n)|introdu[cç][aã]o|summary|resumo|resumen|conclusions?|conclus[aã]o|conclusiones?|references|refer[eê]ncias|referencias|bibliograph(?:y|ie)|bibliografia|bibliograf[ií]a|contents|table of contents|sum[aá]rio|[ií]ndice|abstract|appendix|ap[eê]ndice|anexo|acknowledg(?:e)?ments|agradecimentos|agradecimientos|exercises|exerc[ií]cios|ejercicios|notes|notas|preface|pref[aá]cio|prefacio|glossary|gloss[aá]rio|glosario|background|results|resultados|discussion|discuss[aã]o|discusi[oó]n|methods?|m[eé]todos?|methodology|metodologia|metodolog[ií]a|analysis|an[aá]lise|an[aá]lisis|overview|information|informa[cç][aã]o|informaci[oó]n|details|data|dados|datos|findings|recommendations|objectives|objetivos|review|revis[aã]o|examples?|exemplos?|ejemplos?|(?:figure|figura|table|tabela|tabla)\b.*)$/iu;
const QUESTION_WORD =
  /^(?:how|why|what|when|where|which|who|como|por que|porque|o que|quando|onde|qual|quais|quem|c[oó]mo|por qu[eé]|qu[eé]|cu[aá]ndo|d[oó]nde|cu[aá]l|qui[eé]n)\b/iu;

const whatIs: Record<Language, (topic: string, plural?: boolean) => string> = {
  en: (t, plural) => `What ${plural ? "are" : "is"} ${t}?`,
  other: (t, plural) => `What ${plural ? "are" : "is"} ${t}?`,
  pt: (t, plural) => `O que ${plural ? "são" : "é"} ${t}?`,
  es: (t, plural) => `¿Qué ${plural ? "son" : "es"} ${t}?`,
  // "Qu’est-ce que la mitose ?" reads well for one or many; "que" elides before a vowel (qu’Ouverture…), and a
  // sentence's elided article is lower case inside the question (L’ADN est… → que l’ADN).
  fr: (t) => `Qu’est-ce ${/^[aeiouyàâéèêîôû]/iu.test(t) ? "qu’" : "que "}${t.replace(/^L(?=[’'])/u, "l")} ?`,
};

/** A French noun phrase opens with its article ("la séance", "l’ADN"): "Qu’est-ce que levée de la séance ?" is no question. */
const FRENCH_ARTICLE = /^(?:(?:le|la|les|un|une|des)\s|l[’'])/iu;

/** "What is `t`?" in `lang`; none in French for a phrase without an article (French writes one before a noun). */
function askWhat(lang: Language, t: string, plural?: boolean): string | undefined {
  return lang === "fr" && !FRENCH_ARTICLE.test(t) ? undefined : whatIs[lang](t, plural);
}

/** "¿Qué es la disentería?", "What are mitochondria?": the topic with the article its text writes. */
const topicQuestion = (topic: Topic, lang: Language) =>
  askWhat(lang, topic.article ? `${topic.article} ${topic.phrase}` : topic.phrase, topic.plural);

/**
 * A heading as a question: already one, a "how/why…" phrase, or a short topic (with the article its prose
 * writes, when `written` says); undefined when generic.
 */
function headingQuestion(heading: string, lang: Language, written?: Topic): string | undefined {
  const topic = heading.replace(/^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]+\.)\s+/u, "").trim();
  if (!topic || GENERIC_HEADING.test(topic) || !/\p{L}{3}/u.test(topic)) return undefined;
  // A form field ("Location: Chevroux") or an address ("93350 Le Bourget") is not a topic.
  if (/:\s|\d/u.test(topic)) return undefined;
  if (topic.endsWith("?")) return topic;
  if (QUESTION_WORD.test(topic)) return `${topic.replace(/[.:]$/, "")}?`;
  if (topic.split(/\s+/).length > 6) return undefined;
  const lower = topic === topic.toUpperCase() ? topic.toLowerCase() : topic;
  return written ? topicQuestion({ ...written, phrase: lower }, lang) : askWhat(lang, lower);
}

/** The questions of each list in turn (each document's first, then each one's second…), each once. */
function inTurn(lists: readonly string[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (let round = 0; lists.some((l) => round < l.length); round++) {
    for (const list of lists) {
      const q = list[round];
      if (!q || seen.has(q.toLowerCase())) continue;
      seen.add(q.toLowerCase());
      out.push(q);
    }
  }
  return out;
}

/**
 * Candidates in the order worth asking, the documents taken in turn: what a document's prose defines, its
 * headings that its prose discusses, the phrases of its prose, its other headings (labels never), then its
 * key phrases of several words that name a common thing (not "SUPREME COURT", "UNITED STATES": a title's
 * capitals, a name).
 */
export function candidateQuestions(outlines: readonly SourceOutline[]): string[] {
  return inTurn(
    outlines.map(({ topics, language: lang }) => [
      ...topics.defined.flatMap((t) => topicQuestion(t, lang) ?? []),
      ...topics.headings.flatMap((t) => headingQuestion(t.phrase, lang, t) ?? []),
      ...topics.phrases.flatMap((t) => topicQuestion(t, lang) ?? []),
      ...topics.rest.flatMap((h) => headingQuestion(h, lang) ?? []),
      ...topics.named.flatMap((t) => topicQuestion(t, lang) ?? []),
    ]),
  );
}

/**
 * Questions asked only to reach MIN_QUESTIONS when the candidates fall short, for short notes without
 * headings or tables: a document's frequent single words that its prose writes, as it writes them ("What is
 * energy?"). A single frequent word ("casos", "behalf", "ATTENDU") names a topic less surely than anything
 * above; a document with headings has its topics there, one with tables its subjects in their rows, and when
 * none of them is answered in prose, no question beats its form's or table's words ("What is RELEASES?").
 */
export function reserveQuestions(outlines: readonly SourceOutline[]): string[] {
  return inTurn(
    outlines.map(({ language: lang, topics, headings }) =>
      headings.length ? [] : topics.words.flatMap((p) => askWhat(lang, p) ?? []),
    ),
  );
}

const toStudyCitation = (c: { chunkId: string; documentId: string; documentTitle: string; page: number }) => ({
  chunkId: c.chunkId,
  documentId: c.documentId,
  documentTitle: c.documentTitle,
  pageStart: c.page,
  pageEnd: c.page,
});

/**
 * What the notebook's search gives `question`: the extractive answer's citations (`answerable`), or the
 * keyword hits (`retrievable`); empty when it retrieves nothing. `inProse`: the answer opens with a prose
 * sentence about what the question asks (always true for `retrievable`: a model writes that answer).
 */
export async function retrieveFor(
  env: Env,
  scope: SearchScope,
  question: string,
  rule: "answerable" | "retrievable",
): Promise<{ citations: CitationDto[]; inProse: boolean }> {
  if (rule === "retrievable") {
    const { results } = await searchNotebook(env, scope, question, { limit: 3, mode: "keyword" });
    const citations = results.map((r) => ({ ...toStudyCitation({ ...r, page: r.pageStart }), pageEnd: r.pageEnd }));
    return { citations, inProse: true };
  }
  const search = await searchNotebook(env, scope, question, { limit: ANSWER_PASSAGES, mode: "hybrid" });
  const passages = await passagesOf(await contentDb(env, scope.notebookId), search.results);
  if (!passages.length) return { citations: [], inProse: false };
  const seen = new Set<string>();
  const answer = extractiveAnswer(question, passages);
  const citations = answer.citations
    .filter((c) => !seen.has(c.chunkId) && seen.add(c.chunkId))
    .slice(0, 3)
    .map(toStudyCitation);
  return { citations, inProse: answersInProse(question, answer.citations[0]?.quote) };
}

/**
 * Up to `want` candidates answered in prose, trying at most MAX_VERIFICATIONS questions in all, in candidate
 * order; `reserves` only to reach MIN_QUESTIONS. A candidate answered by a table row or a form line, or by a
 * sentence that does not name its topic, is not kept: no suggestion is better than one whose answer is not
 * about it (the chat box then shows its generic example).
 */
export async function keepRetrievable(
  env: Env,
  scope: SearchScope,
  candidates: readonly string[],
  rule: "answerable" | "retrievable",
  want = MAX_QUESTIONS,
  reserves: readonly string[] = [],
): Promise<Suggestion[]> {
  const kept: Suggestion[] = [];
  const enough = Math.min(want, MIN_QUESTIONS);
  let tried = 0;
  for (const question of candidates) {
    if (tried >= MAX_VERIFICATIONS || kept.length >= want) break;
    tried++;
    const { citations, inProse } = await retrieveFor(env, scope, question, rule);
    if (citations.length && inProse) kept.push({ question, citations });
  }
  for (const question of reserves) {
    if (tried >= MAX_VERIFICATIONS || kept.length >= enough) break;
    tried++;
    const { citations } = await retrieveFor(env, scope, question, rule);
    if (citations.length) kept.push({ question, citations });
  }
  return kept.slice(0, want);
}

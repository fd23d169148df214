/**
 * Asking a notebook: thread → standalone query → answer cache → hybrid retrieval → generated answer (model
 * chain) or extractive answer → thread messages, cache and usage. The student never gets an error from the
 * model side: no model, a failing chain or a budget stop all end in the extractive answer.
 */
import type { AnswerDto, AnswerStartMetadata, AskRequestDto } from "../../../../schemas/answers";
import type { AnswerMode } from "../../../../schemas/db";
import { contentDb } from "../content/content-db";
import { type Db, getDb } from "../db";
import { recordModelCall } from "../models/calls";
import { chatModels } from "../models/chat-model";
import { getOwnedNotebookForSearch, type NotebookRow } from "../notebooks/notebooks.store";
import { getConfig } from "../platform/config";
import type { Logger } from "../platform/logger";
import { notFound } from "../platform/problem";
import { detectLanguage } from "../retrieval/language";
import { searchNotebook } from "../retrieval/search";
import { planOf } from "../usage/plans";
import { consumeQuota } from "../usage/quotas";
import { abbreviationSpellings, namesBesides, withSpellings } from "./acronyms";
import { cachedAnswer, questionKey, storeAnswer } from "./answer-cache";
import { fuseExpanded, neighbourLabels } from "./concept-expansion";
import { extractiveAnswer, namedTerms, notCovered } from "./extractive";
import { namedPassages, passageWords } from "./focus";
import { generateAnswer, standaloneQuery } from "./generate";
import { graphAnswer } from "./graph-answers";
import { languageHint, sourceLanguages } from "./language-hint";
import { passagesOf } from "./passages";
import { buildAnswerPrompt } from "./prompt";
import { ownTopicCoverage, ownTopicTerms } from "./rewrite";
import { superlativeOf } from "./superlative";
import { tablePieces } from "./table-pieces";
import { appendExchange, createThread, getOwnedThread, threadHistory } from "./threads.store";
import type { Citation, Passage } from "./types";

/** Passages given to the model (and the extractive answer): the top fused, merged search results. */
export const ANSWER_PASSAGES = 6;
/**
 * Below this share of a follow-up's own words in the best passage, the follow-up is retrieved alone too. A
 * half: a follow-up that stays on the subject names one or two new words ("and its position?") which the
 * subject's passage contains; a subject change names several the carried subject's passage has none of. Set by
 * reasoning, not tuned: the threads tests and the trial's Portuguese case sit at 1.0 and 0.0.
 */
export const SUBJECT_CHANGE_COVERAGE = 0.5;
/** What usage events and the cache record for answers that called no model. */
const EXTRACTIVE = { provider: "local", model: "extractive" } as const;

export type PreparedAsk = {
  env: Env;
  db: Db;
  userId: string;
  notebook: NotebookRow;
  /** The notebook's ready documents (among the question's documentIds), id → title, read with the notebook. */
  ready: ReadonlyMap<string, string>;
  threadId: string;
  input: AskRequestDto;
  /** The request's logger (its request id on every line). */
  log: Logger;
};

export type AnswerHandlers = {
  /** Called once, before the first text. */
  start(meta: AnswerStartMetadata): void;
  text(delta: string): void;
};

/**
 * Everything that can refuse the request, before any answer starts: the notebook (404), the thread (404, also
 * when it belongs to another notebook), the daily questions quota (429; a cached answer still counts).
 */
export async function beginAsk(
  env: Env,
  log: Logger,
  userId: string,
  notebookOrId: string | { notebook: NotebookRow; ready: ReadonlyMap<string, string> },
  input: AskRequestDto,
) {
  const db = getDb(env.DB);
  // By id (the channels), the notebook and its ready documents in one batch; from the web and the API, as
  // read with the credential (notebooks/owned-notebook.ts ownedNotebookForSearch).
  const { notebook, ready } =
    typeof notebookOrId === "string"
      ? await getOwnedNotebookForSearch(db, userId, notebookOrId, input.documentIds)
      : notebookOrId;
  const existing = input.threadId ? await getOwnedThread(db, userId, input.threadId) : undefined;
  if (existing && existing.notebookId !== notebook.id) throw notFound(`Thread ${input.threadId}`);
  const plan = await planOf(env.DB, userId);
  await consumeQuota(env.DB, { userId, metric: "questions", period: "day", limit: plan.limits.questionsPerDay });
  const thread =
    existing ?? (await createThread(db, { notebookId: notebook.id, ownerId: userId, question: input.question }));
  return { env, db, userId, notebook, ready, threadId: thread.id, input, log } satisfies PreparedAsk;
}

type Outcome = {
  mode: AnswerMode;
  text: string;
  citations: Citation[];
  provider: string | null;
  model: string | null;
  modelMs: number;
  partial: boolean;
};

/** Answers the prepared question, streaming through `handlers`, and returns the whole answer. */
export async function answerQuestion(
  p: PreparedAsk,
  handlers: AnswerHandlers,
  signal: AbortSignal,
): Promise<AnswerDto> {
  const { env, db, userId, notebook, ready, threadId, input, log } = p;
  const question = input.question;
  const ctx = { env, log, userId, notebookId: notebook.id, signal };
  let started = false;
  const start = (mode: AnswerMode, cached: boolean) => {
    if (!started) handlers.start({ threadId, mode, cached });
    started = true;
  };

  const history = await threadHistory(db, threadId);
  const content = await contentDb(env, notebook.id, notebook.contentLayout);
  const { chain } = await chatModels(env, { userId });
  const standalone = await standaloneQuery(ctx, chain, history, question);
  const key = await questionKey(standalone, input.documentIds);

  const hit = await cachedAnswer(db, notebook.id, notebook.contentVersion, key);
  if (hit) {
    start(hit.mode, true);
    handlers.text(hit.answer);
    await recordModelCall(env, log, {
      userId,
      notebookId: notebook.id,
      kind: "answer",
      provider: hit.provider,
      model: hit.model,
      cacheHit: true,
    });
    const dto = {
      threadId,
      mode: hit.mode,
      cached: true,
      answer: hit.answer,
      citations: hit.citations,
      provider: hit.provider === EXTRACTIVE.provider ? null : hit.provider,
      model: hit.provider === EXTRACTIVE.provider ? null : hit.model,
      retrievalMs: 0,
      modelMs: 0,
    };
    await appendExchange(db, threadId, { ...dto, question, standalone: nullIfSame(standalone, question) });
    return dto;
  }

  const retrievalStarted = Date.now();
  const retrieve = async (query: string, require?: readonly string[], within?: readonly string[]) => {
    const search = await searchNotebook(
      env,
      {
        notebookId: notebook.id,
        embeddingModel: notebook.embeddingModel,
        vectorGeneration: notebook.vectorGeneration,
        vectorIndex: notebook.vectorIndex,
        documentIds: within ?? input.documentIds,
        userId: notebook.ownerId,
        contentVersion: notebook.contentVersion,
        log,
        content,
        ready: within ? new Map([...ready].filter(([id]) => within.includes(id))) : ready,
      },
      query,
      { limit: ANSWER_PASSAGES, mode: require ? "keyword" : "hybrid", require },
    );
    return passagesOf(content, search.results);
  };
  // Abbreviations the notebook spells out ("CHD": "coronary heart disease") are asked in both forms (acronyms.ts).
  const spellings = await abbreviationSpellings(content, notebook.id, `${standalone} ${question}`, input.documentIds);
  const spell = (text: string) => withSpellings(text, spellings);
  const spelledOut = (text: string) => withSpellings(text, spellings, false);
  // The spelled words are no names the answer must hold ("Investigator In Charge"): the question's own names are.
  const named = namesBesides(namedTerms(question), spellings);
  // The query answered: the standalone one, unless the follow-up turns out to change the subject.
  let query = standalone;
  let passages = await retrieve(spelledOut(standalone));
  if (standalone !== question) {
    // A connector ("E quanto…", "And what about…") makes a follow-up, but the carried words can outweigh the
    // follow-up's own: when the best passage misses most of them, retrieve with the question alone, and keep
    // whichever best passage covers more of what the student asked.
    const own = ownTopicTerms(question);
    const covered = ownTopicCoverage(own, topText(passages));
    if (covered < SUBJECT_CHANGE_COVERAGE) {
      const alone = await retrieve(spelledOut(question));
      if (ownTopicCoverage(own, topText(alone)) > covered) {
        query = question;
        passages = alone;
      }
    }
  }
  // Off by default: the map's neighbours of what the question names widen retrieval (docs/retrieval-eval.md).
  if (getConfig(env).ops.switches.conceptExpansion) {
    const neighbours = await neighbourLabels(content, notebook.id, question);
    if (neighbours.length) {
      passages = fuseExpanded(
        passages,
        await retrieve(`${spelledOut(query)} ${neighbours.join(" ")}`),
        ANSWER_PASSAGES,
      );
    }
  }
  // What the question names decides which documents and chunks the answer is read from (focus.ts).
  passages = await namedPassages(retrieve, spelledOut(query), named, passages, ANSWER_PASSAGES);
  const retrievalMs = Date.now() - retrievalStarted;

  const lang = detectLanguage(question);
  let outcome: Outcome | undefined;
  if (passages.length > 0 && chain.length > 0) {
    const prompt = buildAnswerPrompt({ question, passages, history, lang });
    const generated = await generateAnswer(ctx, chain, prompt, (delta) => {
      start("generated", false);
      handlers.text(delta);
    });
    if (generated) outcome = { mode: "generated", ...generated };
  }
  // Without a model, a question about the whole notebook is answered from its concept map (themes: on by
  // default; paths between two concepts: off), when it covers the whole notebook.
  if (!outcome && !input.documentIds?.length) {
    const graph = await graphAnswer(content, env.DB, notebook.id, question, getConfig(env).ops.switches);
    if (graph) {
      outcome = { mode: "extractive", ...graph, provider: null, model: null, modelMs: 0, partial: false };
      start("extractive", false);
      handlers.text(graph.text);
    }
  }
  if (!outcome) {
    // The query carries a follow-up's topic; the answer's language stays the question's.
    // A superlative question compares a table's rows: the chunks of its retrieved tables not retrieved are read.
    const asked = spell(query);
    const tablePassages = superlativeOf(asked, lang) ? await tablePieces(content, notebook.id, passages) : [];
    const extractive = passages.length
      ? extractiveAnswer(asked, passages, { lang, tablePassages, named: namesBesides(namedTerms(query), spellings) })
      : notCovered(question, lang);
    const mode = extractive.citations.length ? "extractive" : "not-covered";
    if (mode === "not-covered" && chain.length === 0) {
      // Without a model, words cannot cross languages: say so when every source in scope is in another one.
      const hint = languageHint(lang, await sourceLanguages(env.DB, getDb(content), notebook.id, input.documentIds));
      if (hint) extractive.text = `${extractive.text} ${hint}`;
    }
    outcome = {
      mode,
      text: extractive.text,
      citations: extractive.citations,
      provider: null,
      model: null,
      modelMs: 0,
      partial: false,
    };
    start(mode, false);
    handlers.text(extractive.text);
  }

  const dto: AnswerDto = {
    threadId,
    mode: outcome.mode,
    cached: false,
    answer: outcome.text,
    citations: outcome.citations,
    provider: outcome.provider,
    model: outcome.model,
    retrievalMs,
    modelMs: outcome.modelMs,
  };
  await appendExchange(db, threadId, { ...dto, question, standalone: nullIfSame(query, question) });
  if (!outcome.partial && !signal.aborted) {
    await storeAnswer(db, notebook.id, notebook.contentVersion, key, {
      mode: outcome.mode,
      answer: outcome.text,
      citations: outcome.citations,
      provider: outcome.provider ?? EXTRACTIVE.provider,
      model: outcome.model ?? EXTRACTIVE.model,
    });
  }
  return dto;
}

/** The best passage's words: what decides whether a follow-up's own subject was found. */
function topText(passages: readonly Passage[]): string {
  const top = passages[0];
  return top ? passageWords(top) : "";
}

function nullIfSame(standalone: string, question: string) {
  return standalone === question ? null : standalone;
}

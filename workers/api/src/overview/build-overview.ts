/**
 * Building a notebook's first look. With a model: its cited summary and questions (the questions checked
 * against the notebook's search, topped up from the headings when fewer than three survive). Without one,
 * or when the model fails: the documents' headings and key phrases, and the questions they suggest that the
 * search can answer — with `reason`/`notice` saying why there is no generated summary. Never an error for a
 * missing model: the first look degrades, it does not fail.
 */

import type { NotebookRow } from "../../../../schemas/db";
import { contentDb } from "../content/content-db";
import { chatModels } from "../models/chat-model";
import type { Logger } from "../platform/logger";
import { Problem } from "../platform/problem";
import { generateOverview } from "./generate-overview";
import { outlineNotebook } from "./outline";
import type { StoredOverview } from "./overview.store";
import { candidateQuestions, keepRetrievable, MAX_QUESTIONS, MIN_QUESTIONS, reserveQuestions } from "./suggest";

/** The problem type's last segment: `no-language-model`, `model-unavailable`, … */
const reasonOf = (problem: Problem) => problem.type.split("/").at(-1) ?? problem.type;

export async function buildOverview(input: {
  env: Env;
  log: Logger;
  userId: string;
  notebook: NotebookRow;
}): Promise<StoredOverview> {
  const { env, log, userId, notebook } = input;
  const outlines = await outlineNotebook(env.DB, await contentDb(env, notebook.id), notebook.id);
  const sources = outlines.map(({ language: _language, topics: _topics, ...source }) => source);
  if (!outlines.length) {
    return {
      mode: "extractive",
      summary: [],
      sources,
      questions: [],
      model: null,
      reason: "no-ready-documents",
      notice: "This notebook has no ready sources yet: add one and its first look appears here.",
    };
  }
  const scope = {
    notebookId: notebook.id,
    embeddingModel: notebook.embeddingModel,
    vectorGeneration: notebook.vectorGeneration,
    vectorIndex: notebook.vectorIndex,
    userId: notebook.ownerId,
    contentVersion: notebook.contentVersion,
    log,
  };
  const fromOutline = () =>
    keepRetrievable(env, scope, candidateQuestions(outlines), "answerable", MAX_QUESTIONS, reserveQuestions(outlines));

  const { chain, reason } = await chatModels(env, { userId });
  let failure = reason;
  if (chain.length) {
    try {
      const { value, model } = await generateOverview({ env, chain, log, userId, notebookId: notebook.id });
      const checked = await keepRetrievable(
        env,
        scope,
        value.questions.map((q) => q.question),
        "retrievable",
      );
      // The model's own citations for the questions the search confirmed.
      const questions = checked.map((q) => value.questions.find((v) => v.question === q.question) ?? q);
      if (questions.length < MIN_QUESTIONS) {
        const asked = new Set(questions.map((q) => q.question.toLowerCase()));
        for (const extra of await fromOutline()) {
          if (questions.length >= MAX_QUESTIONS) break;
          if (!asked.has(extra.question.toLowerCase())) questions.push(extra);
        }
      }
      return {
        mode: "generated",
        summary: value.summary,
        sources,
        questions,
        model: { provider: model.provider, model: model.modelId },
        reason: null,
        notice: null,
      };
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      log.warn("overview generation failed; built from headings instead", { reason: err.type });
      failure = err;
    }
  }
  const why = failure ? reasonOf(failure) : "no-language-model";
  const cause =
    why === "no-language-model"
      ? "No language model is configured (set OPENAI_API_KEY or OPENAI_BASE_URL, or bind Workers AI)."
      : (failure?.detail ?? "The language model could not write it.");
  return {
    mode: "extractive",
    summary: [],
    sources,
    questions: await fromOutline(),
    model: null,
    reason: why,
    notice: `${cause} This first look is built from the documents' headings and key phrases, without a summary.`,
  };
}

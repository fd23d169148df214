/**
 * Quizzes generated from the notebook's material: multiple-choice and short-answer questions, each with
 * its answer, an explanation and the source it came from. Questions that cite no given source or are
 * malformed (one choice, an out-of-range answer, no accepted answer) are dropped; the quiz and its
 * questions are stored together or not at all.
 */
import { z } from "zod";
import type { QuestionKind } from "../../../../../schemas/study";
import type { Db } from "../../db";
import type { Logger } from "../../platform/logger";
import { generateStructured, requireChatModels, withGenerationQuota } from "../generate";
import { answerKey } from "../normalize";
import { citationOf, fenceSources, SOURCE_RULES, type SourceChunk, selectSources } from "../sources";
import { insertQuiz, type NewQuestion } from "./quizzes.store";

export const GeneratedQuizOutput = z.object({
  title: z.string().min(1).max(200).describe("A short title for the quiz"),
  questions: z.array(
    z.object({
      kind: z.enum(["multiple_choice", "short_answer"]),
      question: z.string().min(1).max(1000),
      choices: z.array(z.string()).describe("multiple_choice: 3 to 5 options; short_answer: []"),
      correctChoice: z.number().int().nullable().describe("multiple_choice: 0-based index of the right option"),
      acceptedAnswers: z
        .array(z.string())
        .describe("short_answer: the right answer and its acceptable variants (each a few words); multiple_choice: []"),
      explanation: z.string().min(1).max(2000).describe("Why the answer is right, from the source"),
      source: z.number().int().describe('The number n of the source (its id="n") the question comes from'),
      page: z.number().int().nullable().describe("The page within that source's pages, or null"),
    }),
  ),
});

type OutputQuestion = z.infer<typeof GeneratedQuizOutput>["questions"][number];

const INSTRUCTIONS = `You write a quiz for a student from the numbered sources in the message.
${SOURCE_RULES}
Questions test understanding of what matters for an exam, not trivia about the documents. Multiple-choice questions have one right option and plausible wrong ones. Short-answer questions have an answer of a few words. Each explanation says why the answer is right.`;

const TOKEN_BUDGET = 6_000;

/** A stored question from the model's, or undefined when it is unusable. */
export function questionOf(
  q: OutputQuestion,
  sources: readonly SourceChunk[],
  kinds: readonly QuestionKind[],
): NewQuestion | undefined {
  const citation = citationOf(sources, q.source, q.page);
  const prompt = q.question.trim();
  const explanation = q.explanation.trim();
  if (!citation || !prompt || !explanation || !kinds.includes(q.kind)) return undefined;
  if (q.kind === "multiple_choice") {
    const choices = q.choices.map((c) => c.trim());
    const distinct = new Set(choices.map(answerKey)).size === choices.length;
    const valid = choices.length >= 2 && choices.length <= 10 && distinct && choices.every(Boolean);
    if (!valid || q.correctChoice === null || !(q.correctChoice >= 0 && q.correctChoice < choices.length))
      return undefined;
    return {
      kind: q.kind,
      prompt,
      choices,
      correctChoice: q.correctChoice,
      acceptedAnswers: null,
      explanation,
      citation,
    };
  }
  const accepted = q.acceptedAnswers.map((a) => a.trim()).filter((a) => answerKey(a));
  if (!accepted.length) return undefined;
  return { kind: q.kind, prompt, choices: null, correctChoice: null, acceptedAnswers: accepted, explanation, citation };
}

export async function generateQuiz(input: {
  env: Env;
  db: Db;
  log: Logger;
  userId: string;
  notebookId: string;
  documentIds?: string[];
  count: number;
  kinds: readonly QuestionKind[];
}) {
  const { env, db } = input;
  const chain = await requireChatModels(env, input.userId);
  const sources = await selectSources(env, {
    notebookId: input.notebookId,
    documentIds: input.documentIds,
    tokenBudget: TOKEN_BUDGET,
  });
  const kindsText = input.kinds.map((k) => k.replace("_", "-")).join(" and ");

  return withGenerationQuota(env, input.userId, async () => {
    const { value } = await generateStructured({
      env,
      chain,
      log: input.log,
      usage: { userId: input.userId, notebookId: input.notebookId },
      schema: GeneratedQuizOutput,
      name: "quiz",
      instructions: INSTRUCTIONS,
      prompt: `${fenceSources(sources)}\n\nWrite ${input.count} ${kindsText} questions.`,
      accept: (output) => {
        const questions = output.questions.flatMap((q) => questionOf(q, sources, input.kinds) ?? []);
        const title = output.title.trim();
        // A quiz needs questions: none usable is a failed answer (retried, then refused).
        return questions.length && title ? { title, questions: questions.slice(0, input.count) } : undefined;
      },
    });
    return insertQuiz(db, { ownerId: input.userId, notebookId: input.notebookId, ...value });
  });
}

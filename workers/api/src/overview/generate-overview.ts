/**
 * The overview a language model writes: a few cited sentences on what the sources cover, and questions
 * worth asking, each citing the sources it rests on. Items citing nothing given are dropped, and so are
 * questions the notebook's search cannot retrieve anything for (./suggest.ts).
 */
import { z } from "zod";
import type { OverviewPointDto } from "../../../../schemas/overview";
import type { CitationDto } from "../../../../schemas/study";
import type { ChatModel } from "../models/chat-model";
import type { Logger } from "../platform/logger";
import { generateStructured } from "../study/generate";
import { citationOf, fenceSources, SOURCE_RULES, type SourceChunk, selectSources } from "../study/sources";

const sources = z.array(z.number().int()).describe('The numbers n of the sources (their id="n") this rests on');

export const GeneratedOverviewOutput = z.object({
  summary: z
    .array(z.object({ sentence: z.string().min(1).max(600), sources }))
    .describe("Two to four sentences: what the material covers, together"),
  questions: z
    .array(z.object({ question: z.string().min(1).max(300), sources }))
    .describe("Five questions a student would ask first, answerable from the sources"),
});

const INSTRUCTIONS = `You give a student a first look at their study material from the numbered sources in the message.
${SOURCE_RULES}
Write two to four sentences saying what the material covers as a whole, and five short questions a student would want to ask first, each answerable from the sources. Every sentence and question lists the source numbers it rests on.`;

/** ~12 pages of text: enough to see what a notebook is about, small enough for a fast first look. */
const TOKEN_BUDGET = 6_000;

export type GeneratedOverview = {
  summary: OverviewPointDto[];
  questions: { question: string; citations: CitationDto[] }[];
};

export function acceptOverview(
  output: z.infer<typeof GeneratedOverviewOutput>,
  given: readonly SourceChunk[],
): GeneratedOverview | undefined {
  const cite = (numbers: number[]) => [...new Set(numbers)].flatMap((n) => citationOf(given, n) ?? []);
  const summary = output.summary.flatMap((s) => {
    const citations = cite(s.sources);
    return citations.length ? [{ text: s.sentence.trim(), citations }] : [];
  });
  const questions = output.questions.flatMap((q) => {
    const citations = cite(q.sources);
    return citations.length ? [{ question: q.question.trim(), citations }] : [];
  });
  return summary.length ? { summary, questions } : undefined;
}

export async function generateOverview(input: {
  env: Env;
  chain: ChatModel[];
  log: Logger;
  userId: string;
  notebookId: string;
}) {
  const given = await selectSources(input.env, { notebookId: input.notebookId, tokenBudget: TOKEN_BUDGET });
  return generateStructured({
    env: input.env,
    chain: input.chain,
    log: input.log,
    usage: { userId: input.userId, notebookId: input.notebookId },
    schema: GeneratedOverviewOutput,
    name: "notebook_overview",
    instructions: INSTRUCTIONS,
    prompt: `${fenceSources(given)}\n\nWrite the first look.`,
    accept: (output) => acceptOverview(output, given),
  });
}

/**
 * A notebook's study guide: key concepts, definitions and likely exam questions, every item citing the
 * sources it rests on. Items citing nothing given are dropped; a guide with nothing left is refused.
 */
import { z } from "zod";
import type { CitationDto, StudyGuideDto } from "../../../../../schemas/study";
import type { Logger } from "../../platform/logger";
import { generateStructured, requireChatModels, withGenerationQuota } from "../generate";
import { citationOf, fenceSources, SOURCE_RULES, type SourceChunk, selectSources } from "../sources";

const sources = z.array(z.number().int()).describe('The numbers n of the source (its id="n") this item rests on');

export const GeneratedGuideOutput = z.object({
  title: z.string().min(1).max(200),
  overview: z.string().min(1).max(3000).describe("What the material covers, in a short paragraph"),
  keyConcepts: z.array(z.object({ name: z.string().min(1), explanation: z.string().min(1), sources })),
  definitions: z.array(z.object({ term: z.string().min(1), definition: z.string().min(1), sources })),
  likelyQuestions: z.array(
    z.object({ question: z.string().min(1), answer: z.string().min(1).describe("A model answer, briefly"), sources }),
  ),
});

const INSTRUCTIONS = `You write a study guide for a student from the numbered sources in the message.
${SOURCE_RULES}
The guide has a title, a short overview, the key concepts (each explained in a few sentences), the definitions of the important terms, and the questions most likely to come up in an exam with a brief model answer. Every concept, definition and question lists the source numbers it rests on.`;

const TOKEN_BUDGET = 12_000;

export type GuideContent = Pick<
  StudyGuideDto,
  "title" | "overview" | "keyConcepts" | "definitions" | "likelyQuestions"
>;

function citationsOf(given: readonly SourceChunk[], numbers: number[]): CitationDto[] {
  const unique = [...new Set(numbers)];
  return unique.flatMap((n) => citationOf(given, n) ?? []);
}

/** The guide with citations resolved, items citing nothing given dropped; undefined when nothing is left. */
export function acceptGuide(
  output: z.infer<typeof GeneratedGuideOutput>,
  given: readonly SourceChunk[],
): GuideContent | undefined {
  const cite = <T extends { sources: number[] }>(items: T[]) =>
    items.flatMap(({ sources: numbers, ...item }) => {
      const citations = citationsOf(given, numbers);
      return citations.length ? [{ ...item, citations }] : [];
    });
  const guide = {
    title: output.title.trim(),
    overview: output.overview.trim(),
    keyConcepts: cite(output.keyConcepts),
    definitions: cite(output.definitions),
    likelyQuestions: cite(output.likelyQuestions),
  };
  const items = guide.keyConcepts.length + guide.definitions.length + guide.likelyQuestions.length;
  return items && guide.title ? guide : undefined;
}

export async function generateGuide(input: {
  env: Env;
  log: Logger;
  userId: string;
  notebookId: string;
  documentIds?: string[];
}) {
  const { env } = input;
  const chain = await requireChatModels(env, input.userId);
  const given = await selectSources(env, {
    notebookId: input.notebookId,
    documentIds: input.documentIds,
    tokenBudget: TOKEN_BUDGET,
  });
  return withGenerationQuota(env, input.userId, () =>
    generateStructured({
      env,
      chain,
      log: input.log,
      usage: { userId: input.userId, notebookId: input.notebookId },
      schema: GeneratedGuideOutput,
      name: "study_guide",
      instructions: INSTRUCTIONS,
      prompt: `${fenceSources(given)}\n\nWrite the study guide.`,
      accept: (output) => acceptGuide(output, given),
    }),
  );
}

/**
 * Flashcards generated from the notebook's material: the model writes front, back, source number and
 * page; cards citing a source it was not given are dropped, duplicates (of each other and of the
 * notebook's cards, by normalised front) are skipped, and the rest are stored in one batch.
 */
import { z } from "zod";
import type { Db } from "../../db";
import type { Logger } from "../../platform/logger";
import { generateStructured, requireChatModels, withGenerationQuota } from "../generate";
import { frontKey } from "../normalize";
import { citationOf, fenceSources, SOURCE_RULES, selectSources } from "../sources";
import { citedChunkIds, existingFrontKeys, insertGeneratedCards, type NewCard } from "./flashcards.store";

/** What the model must return. Optional fields are nullable instead, for providers' strict JSON modes. */
export const GeneratedCardsOutput = z.object({
  cards: z.array(
    z.object({
      front: z.string().min(1).max(1000).describe("A question or prompt the student answers from memory"),
      back: z.string().min(1).max(4000).describe("The answer, short and complete"),
      source: z.number().int().describe('The number n of the source (its id="n") the card comes from'),
      page: z.number().int().nullable().describe("The page within that source's pages, or null"),
    }),
  ),
});

const INSTRUCTIONS = `You write flashcards for a student from the numbered sources in the message.
${SOURCE_RULES}
Each card tests one fact, definition or idea that matters for an exam. The front asks; the back answers in at most a few sentences. No two cards ask the same thing, and none repeats a card listed as already existing.`;

const TOKEN_BUDGET = 6_000;
/** Existing fronts quoted to the model so it avoids them (the store skips duplicates regardless). */
const EXISTING_SHOWN = 50;

export async function generateFlashcards(input: {
  env: Env;
  db: Db;
  log: Logger;
  userId: string;
  notebookId: string;
  documentIds?: string[];
  count: number;
}) {
  const { env, db } = input;
  const chain = await requireChatModels(env, input.userId);
  const sources = await selectSources(env, {
    notebookId: input.notebookId,
    documentIds: input.documentIds,
    tokenBudget: TOKEN_BUDGET,
    covered: await citedChunkIds(db, input.notebookId),
  });
  const existing = await existingFrontKeys(db, input.notebookId);

  return withGenerationQuota(env, input.userId, async () => {
    let invalidCitations = 0;
    const known = [...existing].slice(0, EXISTING_SHOWN);
    const prompt = [
      fenceSources(sources),
      known.length ? `Cards that already exist (do not repeat them):\n${known.map((k) => `- ${k}`).join("\n")}` : "",
      `Write ${input.count} flashcards.`,
    ]
      .filter(Boolean)
      .join("\n\n");

    const { value: cards, model } = await generateStructured({
      env,
      chain,
      log: input.log,
      usage: { userId: input.userId, notebookId: input.notebookId },
      schema: GeneratedCardsOutput,
      name: "flashcards",
      instructions: INSTRUCTIONS,
      prompt,
      accept: (output) => {
        const cited: NewCard[] = [];
        let dropped = 0;
        for (const card of output.cards) {
          const citation = citationOf(sources, card.source, card.page);
          const front = card.front.trim();
          const back = card.back.trim();
          if (!citation || !front || !back) dropped += 1;
          else cited.push({ front, back, citation });
        }
        invalidCitations = dropped;
        // Nothing citable in a non-empty answer is a failed answer: retried, then refused.
        return cited.length || !output.cards.length ? cited : undefined;
      },
    });

    const seen = new Set(existing);
    const fresh: NewCard[] = [];
    for (const card of cards) {
      const key = frontKey(card.front);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      fresh.push(card);
    }
    const chosen = fresh.slice(0, input.count);
    const stored = await insertGeneratedCards(env.DB, db, input.userId, input.notebookId, chosen);
    return {
      cards: stored,
      skipped: { duplicates: cards.length - stored.length - (fresh.length - chosen.length), invalidCitations },
      model: { provider: model.provider, model: model.modelId },
    };
  });
}

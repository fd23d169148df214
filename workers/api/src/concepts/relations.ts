/**
 * Typed relations, with a chat model: the strongest co-occurrence edges of the map that no model was asked
 * about are sent with a passage where both concepts stand in one sentence; the model answers, per pair, a
 * relation from a closed list (or none) and the words of the passage that state it. A relation is stored
 * only when those words are in the chunk the passage came from and name both concepts' words; otherwise the
 * pair stays a plain co-occurrence. Every pair sent is marked asked, so it is not sent again.
 */
import { z } from "zod";
import type { Db } from "../db";
import type { ChatModel } from "../models/chat-model";
import { announcedSources, createFence } from "../models/fence";
import type { Logger } from "../platform/logger";
import { tokenSpans } from "../retrieval/normalize";
import { generateStructured } from "../study/generate";
import { SOURCE_RULES } from "../study/sources";

export const RELATION_TYPES = [
  "causes",
  "is part of",
  "regulates",
  "is a kind of",
  "uses",
  "produces",
  "prevents",
  "precedes",
  "is located in",
] as const;

/** Pairs sent per enrichment: two prompts of RELATION_BATCH, so one document's ingestion costs at most two calls. */
export const RELATION_PAIRS = 24;
const RELATION_BATCH = 12;
/** Characters of the chunk around the two mentions given as the pair's passage. */
const PASSAGE_CHARACTERS = 600;

export const RelationsOutput = z.object({
  relations: z.array(
    z.object({
      pair: z.number().int().describe('The number n of the pair (its id="n")'),
      relation: z
        .enum(RELATION_TYPES)
        .nullable()
        .describe("How the subject relates to the other concept, as the passage states it; null when it states none"),
      subject: z.enum(["first", "second"]).describe("Which concept of the pair is the relation's subject"),
      quote: z.string().max(400).describe("The words of the passage that state the relation, copied exactly"),
    }),
  ),
});

const INSTRUCTIONS = `You type the relations between pairs of concepts of a student's material.
${SOURCE_RULES}
Each source is one pair: its attributes name the first and the second concept, its text is a passage where both appear. For every pair say which relation from the list the passage states between them (or null when it states none of them: being mentioned together is not a relation), which concept is the subject, and quote the exact words of the passage that state it. Never use outside knowledge.`;

type Pair = {
  source: string;
  target: string;
  sourceLabel: string;
  targetLabel: string;
  chunkId: string;
  page: number;
  chunkText: string;
};

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/** The words of a phrase as the keyword index stems them ("engines" and "engine" alike). */
const terms = (text: string) => new Set(tokenSpans(text).map((t) => t.term));

/** Whether `quote` is text of `chunk` (spacing aside) and names some word of each concept. */
export function quoteHolds(quote: string, chunk: string, first: string, second: string): boolean {
  const q = squash(quote);
  if (q.length < 3 || !squash(chunk).includes(q)) return false;
  const said = terms(q);
  const names = (label: string) => [...terms(label.replace(/\(.*\)/, ""))].some((t) => said.has(t));
  return names(first) && names(second);
}

/** The passage of a chunk around the first place both labels' words are near each other. */
function passageOf(chunk: string, first: string, second: string): string {
  const at = (label: string) => chunk.toLowerCase().indexOf((label.split(" (")[0] ?? label).toLowerCase());
  const a = at(first);
  const b = at(second);
  const centre = a >= 0 && b >= 0 ? Math.floor((a + b) / 2) : Math.max(a, b, 0);
  const from = Math.max(0, centre - PASSAGE_CHARACTERS / 2);
  return chunk.slice(from, from + PASSAGE_CHARACTERS);
}

/** The strongest unasked edges among the map's concepts, each with the chunk of one sentence naming both. */
async function pairsToType(db: Db, notebookId: string): Promise<Pair[]> {
  const { results } = await db.$client
    .prepare(
      `SELECT e.source_id AS source, e.target_id AS target, a.label AS sourceLabel, b.label AS targetLabel,
         (SELECT x.chunk_id || ' ' || x.page FROM concept_mention x
          JOIN concept_mention y ON y.document_id = x.document_id AND y.sentence = x.sentence AND y.concept_id = e.target_id
          WHERE x.concept_id = e.source_id LIMIT 1) AS place
       FROM concept_edge e JOIN concept a ON a.id = e.source_id JOIN concept b ON b.id = e.target_id
       WHERE e.notebook_id = ?1 AND e.relation_checked = 0
       ORDER BY e.weight * e.cooccurrences DESC, e.source_id, e.target_id LIMIT ?2`,
    )
    .bind(notebookId, RELATION_PAIRS)
    .all<{ source: string; target: string; sourceLabel: string; targetLabel: string; place: string | null }>();
  const placed = results.filter((r) => r.place);
  const chunkIds = [...new Set(placed.map((r) => (r.place as string).split(" ")[0] as string))];
  const { results: chunks } = await db.$client
    .prepare("SELECT id, text FROM chunk WHERE id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(chunkIds))
    .all<{ id: string; text: string }>();
  const texts = new Map(chunks.map((c) => [c.id, c.text]));
  return placed.flatMap((r) => {
    const [chunkId = "", page = "0"] = (r.place as string).split(" ");
    const chunkText = texts.get(chunkId);
    return chunkText ? [{ ...r, chunkId, page: Number(page), chunkText }] : [];
  });
}

export type RelationCounts = { asked: number; typed: number; dropped: number };

/** Types up to RELATION_PAIRS edges of the notebook's map with `chain`; usage is recorded at the model seam. */
export async function typeRelations(
  env: Env,
  db: Db,
  log: Logger,
  input: { chain: ChatModel[]; userId: string; notebookId: string },
): Promise<RelationCounts> {
  const pairs = await pairsToType(db, input.notebookId);
  const counts: RelationCounts = { asked: 0, typed: 0, dropped: 0 };
  for (let i = 0; i < pairs.length; i += RELATION_BATCH) {
    const batch = pairs.slice(i, i + RELATION_BATCH);
    const passages = batch.map((p) => passageOf(p.chunkText, p.sourceLabel, p.targetLabel));
    const prompt = announcedSources(
      batch.map((p, n) => ({
        attributes: { first: p.sourceLabel, second: p.targetLabel, page: String(p.page) },
        text: passages[n] as string,
      })),
      createFence(),
    );
    const { value } = await generateStructured({
      env,
      chain: input.chain,
      log,
      usage: { userId: input.userId, notebookId: input.notebookId },
      schema: RelationsOutput,
      name: "concept-relations",
      instructions: INSTRUCTIONS,
      prompt: `${prompt}\n\nType the relation of each of the ${batch.length} pairs.`,
      accept: (output) => output,
    });
    const statements = [];
    for (const [n, pair] of batch.entries()) {
      const answer = value.relations.find((r) => r.pair === n + 1);
      const holds =
        answer?.relation &&
        quoteHolds(answer.quote, passages[n] as string, pair.sourceLabel, pair.targetLabel) &&
        squash(pair.chunkText).includes(squash(answer.quote));
      if (answer?.relation && !holds) counts.dropped++;
      if (holds) counts.typed++;
      counts.asked++;
      statements.push(
        db.$client
          .prepare(
            `UPDATE concept_edge SET relation_checked = 1, relation = ?4, relation_source_id = ?5,
               relation_chunk_id = ?6, relation_quote = ?7
             WHERE notebook_id = ?1 AND source_id = ?2 AND target_id = ?3`,
          )
          .bind(
            input.notebookId,
            pair.source,
            pair.target,
            holds ? answer.relation : null,
            holds ? (answer.subject === "first" ? pair.source : pair.target) : null,
            holds ? pair.chunkId : null,
            holds ? squash(answer.quote) : null,
          ),
      );
    }
    if (statements.length) await db.$client.batch(statements);
  }
  return counts;
}

/**
 * Cited community summaries, with a chat model: the largest communities without a summary are sent with
 * their top concepts and a few passages that mention them; the model writes one or two sentences per
 * community citing the passages by number. A summary is stored only when every number it cites is one of
 * that community's passages (and it cites at least one); its citations are the pages of those passages.
 */
import { z } from "zod";
import type { Db } from "../db";
import type { ChatModel } from "../models/chat-model";
import { announcedSources, createFence } from "../models/fence";
import type { Logger } from "../platform/logger";
import { generateStructured } from "../study/generate";
import { SOURCE_RULES } from "../study/sources";

/** Communities summarised per enrichment (the largest first): one prompt. */
export const SUMMARY_COMMUNITIES = 6;
/** Concepts named per community, and passages given per community. */
const COMMUNITY_CONCEPTS = 6;
const COMMUNITY_PASSAGES = 3;
const PASSAGE_CHARACTERS = 700;

export const SummariesOutput = z.object({
  summaries: z.array(
    z.object({
      community: z.number().int().describe("The community's number, as listed"),
      summary: z
        .string()
        .min(1)
        .max(400)
        .describe("One or two sentences on what ties the community's concepts together"),
      sources: z.array(z.number().int()).describe('The numbers n of the sources (id="n") the summary is drawn from'),
    }),
  ),
});

const INSTRUCTIONS = `You summarise groups of related concepts from a student's material.
${SOURCE_RULES}
For each numbered community, write one or two sentences saying what ties its concepts together, drawn only from the sources given for that community, and list the numbers of the sources you used.`;

export type Citation = { documentId: string; page: number; chunkId: string };
type Passage = Citation & { community: number; text: string };

async function communitiesToSummarise(db: Db, notebookId: string) {
  const { results } = await db.$client
    .prepare(
      `SELECT id, label FROM concept_community WHERE notebook_id = ?1 AND summary IS NULL
       ORDER BY size DESC, id LIMIT ?2`,
    )
    .bind(notebookId, SUMMARY_COMMUNITIES)
    .all<{ id: string; label: string }>();
  return results;
}

/** A community's top concepts and the pages where the heaviest of them are mentioned most. */
async function material(db: Db, communityId: string) {
  const { results: concepts } = await db.$client
    .prepare("SELECT id, label FROM concept WHERE community_id = ?1 ORDER BY mention_count DESC, id LIMIT ?2")
    .bind(communityId, COMMUNITY_CONCEPTS)
    .all<{ id: string; label: string }>();
  const { results: pages } = await db.$client
    .prepare(
      `SELECT p.document_id, p.page, p.chunk_id, c.text FROM concept_page p JOIN chunk c ON c.id = p.chunk_id
       WHERE p.concept_id IN (SELECT value FROM json_each(?1))
       GROUP BY p.chunk_id ORDER BY sum(p.mentions) DESC, p.chunk_id LIMIT ?2`,
    )
    .bind(JSON.stringify(concepts.map((c) => c.id)), COMMUNITY_PASSAGES)
    .all<{ document_id: string; page: number; chunk_id: string; text: string }>();
  return { concepts, pages };
}

export type SummaryCounts = { asked: number; summarised: number; dropped: number };

/** Summarises up to SUMMARY_COMMUNITIES communities with `chain`; usage is recorded at the model seam. */
export async function summariseCommunities(
  env: Env,
  db: Db,
  log: Logger,
  input: { chain: ChatModel[]; userId: string; notebookId: string },
): Promise<SummaryCounts> {
  const communities = await communitiesToSummarise(db, input.notebookId);
  const counts: SummaryCounts = { asked: communities.length, summarised: 0, dropped: 0 };
  if (!communities.length) return counts;
  const passages: Passage[] = [];
  const listing: string[] = [];
  for (const [i, community] of communities.entries()) {
    const { concepts, pages } = await material(db, community.id);
    const numbers: number[] = [];
    for (const p of pages) {
      passages.push({
        community: i + 1,
        documentId: p.document_id,
        page: p.page,
        chunkId: p.chunk_id,
        text: p.text.slice(0, PASSAGE_CHARACTERS),
      });
      numbers.push(passages.length);
    }
    listing.push(`${i + 1}. ${concepts.map((c) => c.label).join("; ")} — sources ${numbers.join(", ")}`);
  }
  const prompt = [
    announcedSources(
      passages.map((p) => ({ attributes: { page: String(p.page), community: String(p.community) }, text: p.text })),
      createFence(),
    ),
    `Communities:\n${listing.join("\n")}`,
    `Summarise each of the ${communities.length} communities.`,
  ].join("\n\n");
  const { value } = await generateStructured({
    env,
    chain: input.chain,
    log,
    usage: { userId: input.userId, notebookId: input.notebookId },
    schema: SummariesOutput,
    name: "concept-summaries",
    instructions: INSTRUCTIONS,
    prompt,
    accept: (output) => output,
  });
  const statements = [];
  for (const [i, community] of communities.entries()) {
    const answer = value.summaries.find((s) => s.community === i + 1);
    if (!answer) continue;
    const cited = [...new Set(answer.sources)].map((n) => passages[n - 1]);
    const own = cited.every((p) => p?.community === i + 1);
    if (!cited.length || !own || !answer.summary.trim()) {
      counts.dropped++;
      continue;
    }
    counts.summarised++;
    const citations: Citation[] = (cited as Passage[]).map(({ documentId, page, chunkId }) => ({
      documentId,
      page,
      chunkId,
    }));
    statements.push(
      db.$client
        .prepare("UPDATE concept_community SET summary = ?2, summary_citations = ?3 WHERE id = ?1")
        .bind(community.id, answer.summary.trim(), JSON.stringify(citations)),
    );
  }
  if (statements.length) await db.$client.batch(statements);
  return counts;
}

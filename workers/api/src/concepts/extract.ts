/**
 * The extraction step of one page range: the pages' candidate phrases become concepts (merged by key and
 * by defined acronyms across the notebook) and mentions (chunk, page, sentence). Idempotent: the range's
 * earlier mentions are replaced in the same batch that writes the new ones.
 */
import { and, asc, eq, gte, lte } from "drizzle-orm";
import { contentOf } from "../content/content-db";
import { getDb, schema } from "../db";
import { guardContentWrite, loadDocument } from "../documents/lifecycle";
import { acronymDefinitions, conceptKey } from "./concept-key";
import { conceptIds, insertMentions, knownAcronyms, type MentionRow, upsertConcepts } from "./concepts.store";
import { logExtraction } from "./extraction-log";
import { outsideSentence, pagePhrases } from "./phrases";

const { chunk, documentPage } = schema;

/** Sentences are numbered page * SENTENCE_SLOTS + index, so a page range owns a contiguous interval. */
export const SENTENCE_SLOTS = 1000;

type ChunkSpan = { id: string; pageStart: number; pageEnd: number; startOffset: number; endOffset: number };

/** The chunk holding offset `at` of `page` (chunks are ordered; a page may be split between two). */
function chunkAt(chunks: readonly ChunkSpan[], page: number, at: number): ChunkSpan | undefined {
  return chunks.find(
    (c) =>
      (c.pageStart < page || (c.pageStart === page && c.startOffset <= at)) &&
      (c.pageEnd > page || (c.pageEnd === page && at < c.endOffset)),
  );
}

type Extracted = { mentions: MentionRow[]; concepts: Map<string, { label: string; acronym: string | null }> };

async function extractPages(
  pages: ReadonlyArray<{ page: number; text: string }>,
  chunks: readonly ChunkSpan[],
  acronyms: Map<string, string>,
  languages: Record<string, number>,
): Promise<Omit<Extracted, "mentions"> & { mentions: Array<Omit<MentionRow, "conceptId"> & { key: string }> }> {
  const concepts: Extracted["concepts"] = new Map();
  const mentions: Array<Omit<MentionRow, "conceptId"> & { key: string }> = [];
  const seen = new Set<string>();
  for (const { page, text } of pages) {
    for (const { acronym, longForm } of acronymDefinitions(text)) {
      const key = conceptKey(longForm);
      if (!key) continue;
      acronyms.set(acronym, key);
      if (!concepts.has(key)) concepts.set(key, { label: longForm, acronym });
      else (concepts.get(key) as { acronym: string | null }).acronym ??= acronym;
    }
    const found = await pagePhrases(text);
    languages[found.language] = (languages[found.language] ?? 0) + 1;
    for (const m of found.mentions) {
      if (outsideSentence(text, m.start, m.surface)) continue;
      const bare = m.surface.replace(/s$/, "");
      const key = acronyms.get(bare) ?? conceptKey(m.surface, found.language);
      if (!key) continue;
      const sentence = page * SENTENCE_SLOTS + m.sentence;
      const where = chunkAt(chunks, page, m.start);
      if (!where || seen.has(`${key}\n${sentence}`)) continue;
      seen.add(`${key}\n${sentence}`);
      if (!concepts.has(key)) concepts.set(key, { label: m.surface, acronym: null });
      mentions.push({ key, chunkId: where.id, page, sentence, startOffset: m.start, surface: m.surface.slice(0, 200) });
    }
  }
  return { concepts, mentions };
}

/** Extracts pages `from`–`to` of a document into the notebook's concepts and mentions. */
export async function extractConceptRange(env: Env, documentId: string, from: number, to: number) {
  const started = Date.now();
  const row = await loadDocument(getDb(env.DB), documentId);
  const db = (await contentOf(env, row.notebookId)).db;
  const pages = await db
    .select({ page: documentPage.pageNumber, text: documentPage.text })
    .from(documentPage)
    .where(
      and(
        eq(documentPage.documentId, documentId),
        gte(documentPage.pageNumber, from),
        lte(documentPage.pageNumber, to),
      ),
    )
    .orderBy(asc(documentPage.pageNumber));
  const chunks = await db
    .select({
      id: chunk.id,
      pageStart: chunk.pageStart,
      pageEnd: chunk.pageEnd,
      startOffset: chunk.startOffset,
      endOffset: chunk.endOffset,
    })
    .from(chunk)
    .where(and(eq(chunk.documentId, documentId), lte(chunk.pageStart, to), gte(chunk.pageEnd, from)))
    .orderBy(asc(chunk.chunkIndex));
  const languages: Record<string, number> = {};
  const acronyms = await knownAcronyms(db, row.notebookId);
  const extracted = await extractPages(pages, chunks, acronyms, languages);
  const ids = await conceptIds(row.notebookId, [...extracted.concepts.keys()]);
  const mentions = extracted.mentions.map(({ key, ...m }) => ({ ...m, conceptId: ids.get(key) as string }));
  await guardContentWrite(env, row, async () => {
    await upsertConcepts(db, row.notebookId, extracted.concepts, ids);
    await insertMentions(db, row.notebookId, documentId, {
      firstPage: from,
      lastPage: to,
      fromSentence: from * SENTENCE_SLOTS,
      toSentence: (to + 1) * SENTENCE_SLOTS - 1,
      mentions,
    });
  });
  const counts = { pages: pages.length, concepts: extracted.concepts.size, mentions: mentions.length };
  const main = Object.entries(languages).sort((a, b) => b[1] - a[1])[0]?.[0] ?? "other";
  await logExtraction(db, {
    notebookId: row.notebookId,
    documentId,
    step: `concepts: pages ${from}-${to}`,
    method: `offline-${main}` as "offline-en",
    counts,
    durationMs: Date.now() - started,
  });
  return counts;
}

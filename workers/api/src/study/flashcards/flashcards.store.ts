/** Flashcard persistence. Every query is scoped by owner: another tenant's card is simply absent. */
import { and, asc, desc, eq, gt, inArray, lt, lte, or } from "drizzle-orm";
import type { CitationDto, FlashcardDto } from "../../../../../schemas/study";
import { type FlashcardRow, flashcard } from "../../../../../schemas/study-tables";
import { contentDb, documentTitles } from "../../content/content-db";
import type { Db } from "../../db";
import { getDb, schema } from "../../db";
import { newId } from "../../platform/ids";
import type { Cursor } from "../../platform/pagination";
import { invalidInput, notFound } from "../../platform/problem";
import { frontKey } from "../normalize";
import { newCardState, stateName } from "./schedule";

export function citationOfRow(row: {
  chunkId: string | null;
  documentId: string | null;
  documentTitle: string | null;
  pageStart: number | null;
  pageEnd: number | null;
}): CitationDto | null {
  if (!row.chunkId || !row.documentId || row.pageStart === null || row.pageEnd === null) return null;
  return {
    chunkId: row.chunkId,
    documentId: row.documentId,
    documentTitle: row.documentTitle ?? "",
    pageStart: row.pageStart,
    pageEnd: row.pageEnd,
  };
}

export function toFlashcardDto(row: FlashcardRow): FlashcardDto {
  return {
    id: row.id,
    notebookId: row.notebookId,
    front: row.front,
    back: row.back,
    origin: row.origin,
    citation: citationOfRow(row),
    state: stateName(row.state),
    due: row.due.toISOString(),
    stability: row.stability,
    difficulty: row.difficulty,
    scheduledDays: row.scheduledDays,
    reps: row.reps,
    lapses: row.lapses,
    lastReviewedAt: row.lastReview?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const noCitation = { chunkId: null, documentId: null, documentTitle: null, pageStart: null, pageEnd: null };

/** The citation for a chunk of this notebook's documents, or a 422 for the `chunkId` field. */
export async function citationForChunk(env: Env, notebookId: string, chunkId: string): Promise<CitationDto> {
  const content = getDb(await contentDb(env, notebookId));
  const [found] = await content
    .select({
      chunkId: schema.chunk.id,
      documentId: schema.chunk.documentId,
      pageStart: schema.chunk.pageStart,
      pageEnd: schema.chunk.pageEnd,
    })
    .from(schema.chunk)
    .where(and(eq(schema.chunk.id, chunkId), eq(schema.chunk.notebookId, notebookId)));
  const documentTitle = found && (await documentTitles(env.DB, notebookId, [found.documentId])).get(found.documentId);
  if (!found || documentTitle === undefined) {
    throw invalidInput([{ path: "chunkId", message: `${chunkId} is not a chunk of this notebook` }]);
  }
  return { ...found, documentTitle };
}

export type NewCard = { front: string; back: string; citation: CitationDto | null };

/** Row values for a new card: FSRS "new", due now. */
export function newCardValues(
  ownerId: string,
  notebookId: string,
  card: NewCard,
  origin: "manual" | "generated",
  now: Date,
) {
  return {
    id: newId("card", now.getTime()),
    notebookId,
    ownerId,
    front: card.front,
    back: card.back,
    frontKey: frontKey(card.front),
    origin,
    ...(card.citation ?? noCitation),
    ...newCardState(now),
    createdAt: now,
    updatedAt: now,
  };
}

export async function createCard(db: Db, ownerId: string, notebookId: string, card: NewCard) {
  const [row] = await db
    .insert(flashcard)
    .values(newCardValues(ownerId, notebookId, card, "manual", new Date()))
    .returning();
  if (!row) throw new Error("flashcard insert returned no row");
  return row;
}

/** The normalised fronts already in the notebook (the duplicate check for generated cards). */
export async function existingFrontKeys(db: Db, notebookId: string): Promise<Set<string>> {
  const rows = await db.select({ key: flashcard.frontKey }).from(flashcard).where(eq(flashcard.notebookId, notebookId));
  return new Set(rows.map((r) => r.key));
}

/** Chunks cited by the notebook's cards: generation prefers material no card covers yet. */
export async function citedChunkIds(db: Db, notebookId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ chunkId: flashcard.chunkId })
    .from(flashcard)
    .where(eq(flashcard.notebookId, notebookId));
  return new Set(rows.flatMap((r) => (r.chunkId ? [r.chunkId] : [])));
}

const CARD_COLUMNS = [
  "id",
  "notebook_id",
  "owner_id",
  "front",
  "back",
  "front_key",
  "origin",
  "chunk_id",
  "document_id",
  "document_title",
  "page_start",
  "page_end",
  "due",
  "stability",
  "difficulty",
  "elapsed_days",
  "scheduled_days",
  "learning_steps",
  "reps",
  "lapses",
  "state",
  "last_review",
  "created_at",
  "updated_at",
] as const;

/**
 * Stores generated cards in one batch (all or nothing). A card whose front is already in the notebook
 * (normalised) is skipped inside the same statement, so concurrent generations cannot duplicate it.
 */
export async function insertGeneratedCards(
  d1: D1Database,
  db: Db,
  ownerId: string,
  notebookId: string,
  cards: NewCard[],
) {
  if (!cards.length) return [];
  const now = new Date();
  const placeholders = CARD_COLUMNS.map(() => "?").join(", ");
  const statements = cards.map((card) => {
    const v = newCardValues(ownerId, notebookId, card, "generated", now);
    const values = [
      v.id,
      v.notebookId,
      v.ownerId,
      v.front,
      v.back,
      v.frontKey,
      v.origin,
      v.chunkId,
      v.documentId,
      v.documentTitle,
      v.pageStart,
      v.pageEnd,
      v.due.getTime(),
      v.stability,
      v.difficulty,
      v.elapsedDays,
      v.scheduledDays,
      v.learningSteps,
      v.reps,
      v.lapses,
      v.state,
      v.lastReview?.getTime() ?? null,
      now.getTime(),
      now.getTime(),
    ];
    return d1
      .prepare(
        `INSERT INTO flashcard (${CARD_COLUMNS.join(", ")}) SELECT ${placeholders}
          WHERE NOT EXISTS (SELECT 1 FROM flashcard WHERE notebook_id = ? AND front_key = ?) RETURNING id`,
      )
      .bind(...values, notebookId, v.frontKey);
  });
  const results = await d1.batch<{ id: string }>(statements);
  const ids = results.flatMap((r) => r.results.map((row) => row.id));
  if (!ids.length) return [];
  const rows = await db.select().from(flashcard).where(inArray(flashcard.id, ids));
  return rows.sort((x, y) => ids.indexOf(x.id) - ids.indexOf(y.id));
}

export async function getOwnedCard(db: Db, ownerId: string, cardId: string) {
  const [row] = await db
    .select()
    .from(flashcard)
    .where(and(eq(flashcard.id, cardId), eq(flashcard.ownerId, ownerId)));
  if (!row) throw notFound(`Flashcard ${cardId}`);
  return row;
}

/** Newest first; or, with `dueBy`, the cards due by then, earliest first. */
export async function listCards(
  db: Db,
  input: { ownerId: string; notebookId: string; limit: number; after?: Cursor; dueBy?: Date },
) {
  const scope = and(eq(flashcard.ownerId, input.ownerId), eq(flashcard.notebookId, input.notebookId));
  const after = input.after;
  if (input.dueBy) {
    const afterCursor = after
      ? or(
          gt(flashcard.due, new Date(after.createdAt)),
          and(eq(flashcard.due, new Date(after.createdAt)), gt(flashcard.id, after.id)),
        )
      : undefined;
    return db
      .select()
      .from(flashcard)
      .where(and(scope, lte(flashcard.due, input.dueBy), afterCursor))
      .orderBy(asc(flashcard.due), asc(flashcard.id))
      .limit(input.limit + 1);
  }
  const afterCursor = after
    ? or(
        lt(flashcard.createdAt, new Date(after.createdAt)),
        and(eq(flashcard.createdAt, new Date(after.createdAt)), lt(flashcard.id, after.id)),
      )
    : undefined;
  return db
    .select()
    .from(flashcard)
    .where(and(scope, afterCursor))
    .orderBy(desc(flashcard.createdAt), desc(flashcard.id))
    .limit(input.limit + 1);
}

export async function updateCard(
  db: Db,
  row: FlashcardRow,
  patch: { front?: string; back?: string; citation?: CitationDto | null },
) {
  const citation = patch.citation === undefined ? {} : (patch.citation ?? noCitation);
  const [updated] = await db
    .update(flashcard)
    .set({
      ...(patch.front !== undefined ? { front: patch.front, frontKey: frontKey(patch.front) } : {}),
      ...(patch.back !== undefined ? { back: patch.back } : {}),
      ...citation,
      updatedAt: new Date(),
    })
    .where(and(eq(flashcard.id, row.id), eq(flashcard.ownerId, row.ownerId)))
    .returning();
  if (!updated) throw notFound(`Flashcard ${row.id}`);
  return updated;
}

export async function deleteCard(db: Db, ownerId: string, cardId: string) {
  const deleted = await db
    .delete(flashcard)
    .where(and(eq(flashcard.id, cardId), eq(flashcard.ownerId, ownerId)))
    .returning({ id: flashcard.id });
  if (!deleted.length) throw notFound(`Flashcard ${cardId}`);
}

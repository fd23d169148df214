/** Flashcard persistence. Every query is scoped by owner: another tenant's card is simply absent. */
import { and, asc, desc, eq, gt, inArray, lt, lte, or } from "drizzle-orm";
import type { CitationDto, FlashcardDto, Rating } from "../../../../../schemas/study";
import { type FlashcardRow, flashcard, flashcardReview } from "../../../../../schemas/study-tables";
import type { Db } from "../../db";
import { schema } from "../../db";
import { newId } from "../../platform/ids";
import type { Cursor } from "../../platform/pagination";
import { conflict, invalidInput, notFound } from "../../platform/problem";
import { frontKey } from "../normalize";
import { newCardState, scheduleReview, stateName, toColumns } from "./schedule";

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
export async function citationForChunk(db: Db, notebookId: string, chunkId: string): Promise<CitationDto> {
  const [row] = await db
    .select({
      chunkId: schema.chunk.id,
      documentId: schema.chunk.documentId,
      documentTitle: schema.document.title,
      pageStart: schema.chunk.pageStart,
      pageEnd: schema.chunk.pageEnd,
    })
    .from(schema.chunk)
    .innerJoin(schema.document, eq(schema.document.id, schema.chunk.documentId))
    .where(and(eq(schema.chunk.id, chunkId), eq(schema.chunk.notebookId, notebookId)));
  if (!row) throw invalidInput([{ path: "chunkId", message: `${chunkId} is not a chunk of this notebook` }]);
  return row;
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

/**
 * Applies a review: the card's next FSRS state and the log row, in one batch. The update only applies
 * while the card still has the repetition count it was scheduled from, and the log row only follows an
 * update that applied, so two reviews racing on one card cannot both count (the loser gets a 409).
 */
export async function reviewCard(d1: D1Database, db: Db, row: FlashcardRow, rating: Rating, now = new Date()) {
  const { card, log } = scheduleReview(row, rating, now);
  const reviewId = newId("rev", now.getTime());
  const next = toColumns(card);
  const [update] = await d1.batch<{ id: string }>([
    d1
      .prepare(
        `UPDATE flashcard SET due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?,
           learning_steps = ?, reps = ?, lapses = ?, state = ?, last_review = ?, updated_at = ?
         WHERE id = ? AND reps = ? RETURNING id`,
      )
      .bind(
        next.due.getTime(),
        next.stability,
        next.difficulty,
        next.elapsedDays,
        next.scheduledDays,
        next.learningSteps,
        next.reps,
        next.lapses,
        next.state,
        now.getTime(),
        now.getTime(),
        row.id,
        row.reps,
      ),
    d1
      .prepare(
        `INSERT INTO flashcard_review (id, card_id, owner_id, rating, state, due, stability, difficulty, elapsed_days,
           last_elapsed_days, scheduled_days, learning_steps, reviewed_at, next_due)
         SELECT ?, id, owner_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM flashcard
          WHERE id = ? AND reps = ? AND last_review = ?`,
      )
      .bind(
        reviewId,
        log.rating,
        log.state,
        log.due.getTime(),
        log.stability,
        log.difficulty,
        log.elapsed_days,
        log.last_elapsed_days,
        log.scheduled_days,
        log.learning_steps,
        now.getTime(),
        next.due.getTime(),
        row.id,
        next.reps,
        now.getTime(),
      ),
  ]);
  if (!update?.results.length) {
    throw conflict("This card was reviewed at the same moment by another request; reload it and review again.");
  }
  return {
    card: await getOwnedCard(db, row.ownerId, row.id),
    reviewId,
    reviewedAt: now,
    scheduledDays: card.scheduled_days,
  };
}

/** A card's review history, oldest first (for tests and, later, parameter optimisation). */
export async function reviewsOf(db: Db, cardIds: string[]) {
  if (!cardIds.length) return [];
  return db
    .select()
    .from(flashcardReview)
    .where(inArray(flashcardReview.cardId, cardIds))
    .orderBy(asc(flashcardReview.reviewedAt));
}

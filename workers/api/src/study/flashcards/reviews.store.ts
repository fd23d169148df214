/** Reviews: the card's next FSRS state and the review log, written together. */
import type { Rating } from "../../../../../schemas/study";
import type { FlashcardRow } from "../../../../../schemas/study-tables";
import type { Db } from "../../db";
import { newId } from "../../platform/ids";
import { conflict } from "../../platform/problem";
import { getOwnedCard } from "./flashcards.store";
import { scheduleReview, toColumns } from "./schedule";

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

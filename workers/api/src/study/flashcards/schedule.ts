/**
 * Spaced repetition with FSRS (ts-fsrs): a card's stored state in, the rating, the next state and the
 * review log out. The scheduler is the library's own, with its default parameters (90% requested
 * retention, 1m/10m learning steps) and interval fuzz on; the fuzz is seeded from the review time and
 * the card's state, so a review sequence is reproducible from the review log.
 */
import { type Card, createEmptyCard, fsrs, type Grade, generatorParameters, Rating, type ReviewLog } from "ts-fsrs";
import { CARD_STATES, type Rating as RatingName } from "../../../../../schemas/study";
import type { FlashcardRow } from "../../../../../schemas/study-tables";

export const SCHEDULER_PARAMETERS = generatorParameters({ enable_fuzz: true });
const scheduler = fsrs(SCHEDULER_PARAMETERS);

export const GRADES: Record<RatingName, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

export const stateName = (state: number) => CARD_STATES[state] ?? "new";

/** The FSRS state columns of a card created at `now`: new and due at once. */
export function newCardState(now: Date) {
  const card = createEmptyCard(now);
  return toColumns(card);
}

export function toColumns(card: Card) {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

export function fromRow(row: FlashcardRow): Card {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsed_days: row.elapsedDays,
    scheduled_days: row.scheduledDays,
    learning_steps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    ...(row.lastReview ? { last_review: row.lastReview } : {}),
  };
}

/** The card after `rating` at `now`, and the log entry FSRS writes for it (the state before the review). */
export function scheduleReview(row: FlashcardRow, rating: RatingName, now: Date): { card: Card; log: ReviewLog } {
  return scheduler.next(fromRow(row), now, GRADES[rating]);
}

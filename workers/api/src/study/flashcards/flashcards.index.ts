import { principalOf } from "../../auth/require-user";
import { getDb } from "../../db";
import { ownedNotebook } from "../../notebooks/owned-notebook";
import { createRouter } from "../../platform/create-router";
import { decodeCursor, encodeCursor, pageOf } from "../../platform/pagination";
import { checkTimeZone, endOfLocalDay } from "./due";
import * as routes from "./flashcards.routes";
import {
  citationForChunk,
  createCard,
  deleteCard,
  getOwnedCard,
  listCards,
  toFlashcardDto,
  updateCard,
} from "./flashcards.store";
import { generateFlashcards } from "./generate-cards";
import { reviewCard } from "./reviews.store";

export const flashcardsRouter = createRouter()
  .openapi(routes.generate, async (c) => {
    const { notebookId } = c.req.valid("param");
    const { documentIds, count } = c.req.valid("json");
    const db = getDb(c.env.DB);
    const { userId } = principalOf(c);
    await ownedNotebook(c, notebookId);
    const result = await generateFlashcards({
      env: c.env,
      db,
      log: c.get("log"),
      userId,
      notebookId,
      documentIds,
      count,
    });
    return c.json({ items: result.cards.map(toFlashcardDto), skipped: result.skipped, model: result.model }, 201);
  })
  .openapi(routes.create, async (c) => {
    const { notebookId } = c.req.valid("param");
    const { front, back, chunkId } = c.req.valid("json");
    const db = getDb(c.env.DB);
    const { userId } = principalOf(c);
    await ownedNotebook(c, notebookId);
    const citation = chunkId ? await citationForChunk(c.env, notebookId, chunkId) : null;
    const row = await createCard(db, userId, notebookId, { front, back, citation });
    return c.json(toFlashcardDto(row), 201);
  })
  .openapi(routes.list, async (c) => {
    const { notebookId } = c.req.valid("param");
    const { limit, cursor, due, tz } = c.req.valid("query");
    const db = getDb(c.env.DB);
    const { userId } = principalOf(c);
    const zone = checkTimeZone(tz);
    await ownedNotebook(c, notebookId);
    const after = decodeCursor(cursor);
    const dueBy = due === "now" ? endOfLocalDay(new Date(), zone) : undefined;
    const rows = await listCards(db, { ownerId: userId, notebookId, limit, after, dueBy });
    if (!dueBy) {
      const page = pageOf(rows, limit);
      return c.json({ items: page.items.map(toFlashcardDto), nextCursor: page.nextCursor }, 200);
    }
    // Due order pages on (due, id).
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor =
      rows.length > limit && last ? encodeCursor({ createdAt: last.due.getTime(), id: last.id }) : null;
    return c.json({ items: items.map(toFlashcardDto), nextCursor }, 200);
  })
  .openapi(routes.get, async (c) => {
    const row = await getOwnedCard(getDb(c.env.DB), principalOf(c).userId, c.req.valid("param").cardId);
    return c.json(toFlashcardDto(row), 200);
  })
  .openapi(routes.update, async (c) => {
    const db = getDb(c.env.DB);
    const row = await getOwnedCard(db, principalOf(c).userId, c.req.valid("param").cardId);
    const { front, back, chunkId } = c.req.valid("json");
    const citation =
      chunkId === undefined
        ? undefined
        : chunkId === null
          ? null
          : await citationForChunk(c.env, row.notebookId, chunkId);
    const updated = await updateCard(db, row, { front, back, citation });
    return c.json(toFlashcardDto(updated), 200);
  })
  .openapi(routes.remove, async (c) => {
    await deleteCard(getDb(c.env.DB), principalOf(c).userId, c.req.valid("param").cardId);
    return c.body(null, 204);
  })
  .openapi(routes.review, async (c) => {
    const db = getDb(c.env.DB);
    const row = await getOwnedCard(db, principalOf(c).userId, c.req.valid("param").cardId);
    const { rating } = c.req.valid("json");
    const result = await reviewCard(c.env.DB, db, row, rating);
    const card = toFlashcardDto(result.card);
    return c.json(
      {
        card,
        review: { id: result.reviewId, rating, reviewedAt: result.reviewedAt.toISOString() },
        nextDue: card.due,
        scheduledDays: result.scheduledDays,
      },
      201,
    );
  });

import { env } from "cloudflare:workers";
import { createEmptyCard, fsrs, Rating } from "ts-fsrs";
import { afterEach, describe, expect, it } from "vitest";
import type { FlashcardDto } from "../../../../../schemas/study";
import { bearer, call, createNotebook, signUp } from "../../../test/helpers";
import { postJson, resetModels, studentWithNotes, useNoModel } from "../../../test/study-helpers";
import { getDb } from "../../db";
import { getOwnedCard } from "./flashcards.store";
import { reviewCard } from "./reviews.store";
import { SCHEDULER_PARAMETERS } from "./schedule";

afterEach(() => resetModels());

type ReviewResult = {
  card: FlashcardDto;
  review: { id: string; rating: string; reviewedAt: string };
  nextDue: string;
  scheduledDays: number;
};

async function manualCard(auth: Record<string, string>, notebookId: string, body: Record<string, unknown>) {
  const res = await postJson(`/v1/notebooks/${notebookId}/flashcards`, auth, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as FlashcardDto;
}

describe("flashcards by hand", () => {
  it("creates, cites a chunk, edits, lists and deletes a card without any language model", async () => {
    useNoModel();
    const { auth, notebookId, documents } = await studentWithNotes();
    const chunkId = `${documents[0]?.id}:0`;
    const card = await manualCard(auth, notebookId, { front: "What makes ATP?", back: "Mitochondria", chunkId });
    expect(card).toMatchObject({
      origin: "manual",
      state: "new",
      reps: 0,
      citation: { chunkId, documentId: documents[0]?.id, documentTitle: "Biology", pageStart: 1, pageEnd: 1 },
    });
    expect(Date.parse(card.due)).toBeLessThanOrEqual(Date.now());

    const bad = await postJson(`/v1/notebooks/${notebookId}/flashcards`, auth, {
      front: "x",
      back: "y",
      chunkId: "doc_x:0",
    });
    expect(bad.status).toBe(422);

    const edited = await postJson(
      `/v1/flashcards/${card.id}`,
      auth,
      { back: "The mitochondria", chunkId: null },
      "PATCH",
    );
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ back: "The mitochondria", front: "What makes ATP?", citation: null });

    const list = await call(`/v1/notebooks/${notebookId}/flashcards`, { headers: auth });
    expect(((await list.json()) as { items: FlashcardDto[] }).items.map((c) => c.id)).toEqual([card.id]);

    expect((await call(`/v1/flashcards/${card.id}`, { method: "DELETE", headers: auth })).status).toBe(204);
    expect((await call(`/v1/flashcards/${card.id}`, { headers: auth })).status).toBe(404);
  });

  it("paginates with an opaque cursor", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth);
    for (const n of [1, 2, 3]) await manualCard(auth, notebookId, { front: `Q${n}`, back: `A${n}` });
    const first = (await (await call(`/v1/notebooks/${notebookId}/flashcards?limit=2`, { headers: auth })).json()) as {
      items: FlashcardDto[];
      nextCursor: string;
    };
    expect(first.items.map((c) => c.front)).toEqual(["Q3", "Q2"]);
    const second = (await (
      await call(`/v1/notebooks/${notebookId}/flashcards?limit=2&cursor=${first.nextCursor}`, { headers: auth })
    ).json()) as { items: FlashcardDto[]; nextCursor: string | null };
    expect(second).toMatchObject({ items: [{ front: "Q1" }], nextCursor: null });
  });
});

describe("reviews follow FSRS", () => {
  it("a scripted review sequence produces the same states and intervals as ts-fsrs computes directly", async () => {
    useNoModel();
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth);
    const created = await manualCard(auth, notebookId, { front: "Capital of Brazil?", back: "Brasília" });
    const scheduler = fsrs(SCHEDULER_PARAMETERS);
    let expected = createEmptyCard(new Date(created.createdAt));
    const script = ["good", "good", "again", "hard", "easy", "good"] as const;
    const grades = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy } as const;

    for (const [i, rating] of script.entries()) {
      // Review when the card comes due: move its due time (and last review) back so no real waiting is needed.
      if (i > 0) {
        const shift =
          Date.parse(
            ((await (await call(`/v1/flashcards/${created.id}`, { headers: auth })).json()) as FlashcardDto).due,
          ) - Date.now();
        await env.DB.prepare("UPDATE flashcard SET due = due - ?1, last_review = last_review - ?1 WHERE id = ?2")
          .bind(Math.max(0, shift), created.id)
          .run();
        expected = {
          ...expected,
          due: new Date(expected.due.getTime() - Math.max(0, shift)),
          last_review: new Date((expected.last_review as Date).getTime() - Math.max(0, shift)),
        };
      }
      const res = await postJson(`/v1/flashcards/${created.id}/reviews`, auth, { rating });
      expect(res.status, await res.clone().text()).toBe(201);
      const result = (await res.json()) as ReviewResult;
      const next = scheduler.next(expected, new Date(result.review.reviewedAt), grades[rating]);
      expected = next.card;
      expect(result.nextDue, `review ${i + 1} (${rating})`).toBe(next.card.due.toISOString());
      expect(result.scheduledDays).toBe(next.card.scheduled_days);
      expect(result.card).toMatchObject({
        state: ["new", "learning", "review", "relearning"][next.card.state],
        reps: next.card.reps,
        lapses: next.card.lapses,
        due: next.card.due.toISOString(),
      });
      expect(result.card.stability).toBeCloseTo(next.card.stability, 10);
      expect(result.card.difficulty).toBeCloseTo(next.card.difficulty, 10);
    }

    const log = await env.DB.prepare(
      "SELECT rating, state FROM flashcard_review WHERE card_id = ? ORDER BY reviewed_at",
    )
      .bind(created.id)
      .all<{ rating: number; state: number }>();
    expect(log.results.map((r) => r.rating)).toEqual(script.map((r) => grades[r]));
    expect(log.results[0]?.state).toBe(0);
  });

  it("a review scheduled from a stale card (a concurrent review won) is refused with 409 and not logged", async () => {
    const user = await signUp();
    const auth = bearer(user);
    const card = await manualCard(auth, await createNotebook(auth), { front: "Q", back: "A" });
    const db = getDb(env.DB);
    const stale = await getOwnedCard(db, user.userId, card.id);
    expect((await postJson(`/v1/flashcards/${card.id}/reviews`, auth, { rating: "good" })).status).toBe(201);
    await expect(reviewCard(env.DB, db, stale, "easy")).rejects.toMatchObject({ status: 409 });
    const logged = await env.DB.prepare("SELECT count(*) AS n FROM flashcard_review WHERE card_id = ?")
      .bind(card.id)
      .first<{ n: number }>();
    expect(logged?.n).toBe(1);
    expect(((await (await call(`/v1/flashcards/${card.id}`, { headers: auth })).json()) as FlashcardDto).reps).toBe(1);
  });

  it("refuses an unknown rating with 422 and another student's card with 404", async () => {
    const auth = bearer(await signUp());
    const card = await manualCard(auth, await createNotebook(auth), { front: "Q", back: "A" });
    expect((await postJson(`/v1/flashcards/${card.id}/reviews`, auth, { rating: "perfect" })).status).toBe(422);
    const other = bearer(await signUp());
    expect((await postJson(`/v1/flashcards/${card.id}/reviews`, other, { rating: "good" })).status).toBe(404);
    expect(((await (await call(`/v1/flashcards/${card.id}`, { headers: auth })).json()) as FlashcardDto).reps).toBe(0);
  });
});

describe("due cards in the student's time zone", () => {
  const DAY = 86_400_000;
  /** Next local midnight for a zone with a fixed offset (no DST), computed independently of the API. */
  const endOfDay = (now: number, offsetHours: number) => {
    const offset = offsetHours * 3_600_000;
    return Math.floor((now + offset) / DAY) * DAY + DAY - offset;
  };

  it("due=now returns the cards due by the end of the local day in tz (default UTC), earliest first", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth);
    const now = Date.now();
    const zones = { UTC: 0, "Asia/Tokyo": 9, "Etc/GMT+3": -3 } as const;
    const dues: Record<string, number> = {};
    for (const [zone, offset] of Object.entries(zones)) {
      dues[`${zone} before`] = endOfDay(now, offset) - 60_000;
      dues[`${zone} after`] = endOfDay(now, offset) + 60_000;
    }
    const ids: Record<string, string> = {};
    for (const [name, due] of Object.entries(dues)) {
      const card = await manualCard(auth, notebookId, { front: name, back: "-" });
      await env.DB.prepare("UPDATE flashcard SET due = ? WHERE id = ?").bind(due, card.id).run();
      ids[name] = card.id;
    }
    for (const [zone, offset] of Object.entries(zones)) {
      const query = zone === "UTC" ? "due=now" : `due=now&tz=${encodeURIComponent(zone)}`;
      const res = await call(`/v1/notebooks/${notebookId}/flashcards?${query}&limit=100`, { headers: auth });
      expect(res.status).toBe(200);
      const items = ((await res.json()) as { items: FlashcardDto[] }).items;
      const expected = Object.entries(dues)
        .filter(([, due]) => due <= endOfDay(now, offset))
        .sort((x, y) => x[1] - y[1])
        .map(([name]) => name);
      expect(
        items.map((c) => c.front),
        zone,
      ).toEqual(expected);
      expect(items.map((c) => c.front)).toContain(`${zone} before`);
      expect(items.map((c) => c.front)).not.toContain(`${zone} after`);
    }
  });

  it("refuses a time zone that is not IANA with a 422 naming tz", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth);
    const res = await call(`/v1/notebooks/${notebookId}/flashcards?due=now&tz=Mars/Olympus`, { headers: auth });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("tz");
  });
});

import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import type { FlashcardDto } from "../../../../../schemas/study";
import { contentOfNotebook } from "../../../test/content-of";
import { call } from "../../../test/helpers";
import {
  postJson,
  resetModels,
  sourceNumbers,
  studentWithNotes,
  useNoModel,
  useScriptedModel,
} from "../../../test/study-helpers";

afterEach(() => resetModels());

type Generated = {
  items: FlashcardDto[];
  skipped: { duplicates: number; invalidCitations: number };
  model: { provider: string; model: string };
};

const cardsJson = (cards: { front: string; back: string; source: number; page: number | null }[]) =>
  JSON.stringify({ cards });

/** The notebook's cards, each with the chunk it cites as the notebook's own database has it (or nulls). */
async function storedCards(notebookId: string) {
  const cards = await env.DB.prepare(
    "SELECT front, chunk_id, page_start, page_end FROM flashcard WHERE notebook_id = ?",
  )
    .bind(notebookId)
    .all<Record<string, string | number | null>>();
  const content = await contentOfNotebook(notebookId);
  return Promise.all(
    cards.results.map(async (card) => {
      const chunk = await content
        .prepare(
          "SELECT id AS chunk, notebook_id, page_start AS chunk_start, page_end AS chunk_end FROM chunk WHERE id = ?",
        )
        .bind(card.chunk_id)
        .first<Record<string, string | number | null>>();
      return { ...card, ...(chunk ?? { chunk: null, notebook_id: null, chunk_start: null, chunk_end: null }) };
    }),
  );
}

const usageEvents = async (userId: string) =>
  (
    await env.DB.prepare("SELECT kind, provider, model, input_tokens, output_tokens FROM usage_event WHERE user_id = ?")
      .bind(userId)
      .all()
  ).results;

const generationsUsed = async (userId: string) =>
  (
    await env.DB.prepare("SELECT sum(used) AS n FROM quota_counter WHERE user_id = ? AND metric = 'generations'")
      .bind(userId)
      .first<{ n: number | null }>()
  )?.n ?? 0;

describe("flashcard generation at the provider seam (mock model)", () => {
  it("stores cards that each cite an existing chunk of the notebook; drops foreign citations and duplicates", async () => {
    const { user, auth, notebookId } = await studentWithNotes();
    await postJson(`/v1/notebooks/${notebookId}/flashcards`, auth, {
      front: "What do mitochondria make?",
      back: "ATP",
    });
    const { prompts } = useScriptedModel([
      (prompt) => {
        const [first] = sourceNumbers(prompt);
        return cardsJson([
          { front: "Where does photosynthesis happen?", back: "In the chloroplasts", source: first ?? 1, page: 1 },
          { front: "What builds proteins?", back: "Ribosomes", source: first ?? 1, page: null },
          { front: "what do MITOCHONDRIA make", back: "ATP again", source: first ?? 1, page: 1 },
          {
            front: "Where does photosynthesis happen",
            back: "Duplicate in the same answer",
            source: first ?? 1,
            page: 1,
          },
          { front: "Who wrote Hamlet?", back: "Shakespeare", source: 99, page: 3 },
        ]);
      },
    ]);

    const res = await postJson(`/v1/notebooks/${notebookId}/flashcards/generate`, auth, { count: 5 });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as Generated;
    expect(body.items.map((c) => c.front)).toEqual(["Where does photosynthesis happen?", "What builds proteins?"]);
    expect(body.skipped).toEqual({ duplicates: 2, invalidCitations: 1 });
    expect(body.model).toEqual({ provider: "test", model: "scripted" });
    for (const card of body.items) {
      expect(card).toMatchObject({ origin: "generated", state: "new", citation: { documentTitle: "Biology" } });
    }
    // The model is shown existing cards (normalised) so it can avoid them.
    expect(prompts[0]).toContain("what do mitochondria make");

    // Every stored card cites an existing chunk of this notebook, on a page inside the chunk's span.
    const stored = await storedCards(notebookId);
    const generated = stored.filter((r) => r.front !== "What do mitochondria make?");
    expect(generated).toHaveLength(2);
    for (const row of generated) {
      expect(row.chunk, String(row.front)).toBe(row.chunk_id);
      expect(row.notebook_id).toBe(notebookId);
      expect(Number(row.page_start)).toBeGreaterThanOrEqual(Number(row.chunk_start));
      expect(Number(row.page_end)).toBeLessThanOrEqual(Number(row.chunk_end));
    }

    expect(await usageEvents(user.userId)).toEqual([
      { kind: "generation", provider: "test", model: "scripted", input_tokens: 1000, output_tokens: 200 },
    ]);
    expect(await generationsUsed(user.userId)).toBe(1);
  });

  it("retries schema-invalid output once and stores the valid retry", async () => {
    const { user, auth, notebookId } = await studentWithNotes();
    const { prompts } = useScriptedModel([
      "Sure! Here are your flashcards: 1. ATP",
      cardsJson([{ front: "What is ATP made by?", back: "Mitochondria", source: 1, page: 1 }]),
    ]);
    const res = await postJson(`/v1/notebooks/${notebookId}/flashcards/generate`, auth, {});
    expect(res.status, await res.clone().text()).toBe(201);
    expect(((await res.json()) as Generated).items).toHaveLength(1);
    expect(prompts).toHaveLength(2);
    expect(await usageEvents(user.userId)).toHaveLength(2);
  });

  it("rejects output that stays invalid (bad schema, then only foreign citations) with a 502, storing nothing", async () => {
    const { user, auth, notebookId } = await studentWithNotes();
    const { prompts } = useScriptedModel([
      JSON.stringify({ cards: [{ front: "Half a card", source: "one" }] }),
      cardsJson([{ front: "Who wrote Hamlet?", back: "Shakespeare", source: 42, page: null }]),
    ]);
    const res = await postJson(`/v1/notebooks/${notebookId}/flashcards/generate`, auth, { count: 3 });
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ status: 502, title: "Language model output unusable" });
    expect(prompts).toHaveLength(2);
    expect(await storedCards(notebookId)).toEqual([]);
    // Both calls are paid for (usage), but the student's quota is given back: they got nothing.
    expect(await usageEvents(user.userId)).toHaveLength(2);
    expect(await generationsUsed(user.userId)).toBe(0);
  });

  it("answers 503 problem+json without a language model, while manual cards keep working", async () => {
    useNoModel();
    const { user, auth, notebookId } = await studentWithNotes();
    const res = await postJson(`/v1/notebooks/${notebookId}/flashcards/generate`, auth, {});
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(((await res.json()) as { detail: string }).detail).toMatch(/language model.*not|none is configured/i);
    expect(await generationsUsed(user.userId)).toBe(0);
    const manual = await postJson(`/v1/notebooks/${notebookId}/flashcards`, auth, { front: "Q", back: "A" });
    expect(manual.status).toBe(201);
  });

  it("refuses documents outside the notebook (422) and a notebook with nothing ready (409)", async () => {
    useScriptedModel([cardsJson([])]);
    const { auth, notebookId } = await studentWithNotes();
    const foreign = await postJson(`/v1/notebooks/${notebookId}/flashcards/generate`, auth, { documentIds: ["doc_x"] });
    expect(foreign.status).toBe(422);
    const empty = await call("/v1/notebooks", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ title: "Empty" }),
    });
    const emptyId = ((await empty.json()) as { id: string }).id;
    expect((await postJson(`/v1/notebooks/${emptyId}/flashcards/generate`, auth, {})).status).toBe(409);
  });
});

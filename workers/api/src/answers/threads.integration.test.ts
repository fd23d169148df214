// Conversations: listed by last activity (the last one reopens the notebook), renamed, deleted, and titled
// by the model from the first question when one is configured.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import type { AnswerDto, ThreadDto } from "../../../../schemas/answers";
import type { NoteDto } from "../../../../schemas/notes";
import { call } from "../../test/helpers";
import { postJson, resetModels, studentWithNotes, useNoModel, useScriptedModel } from "../../test/study-helpers";
import { cleanTitle } from "./thread-title";

afterEach(() => resetModels());

async function json<T>(res: Response, status: number): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}

async function ask(auth: Record<string, string>, notebookId: string, question: string, threadId?: string) {
  return json<AnswerDto>(await postJson(`/v1/notebooks/${notebookId}/ask`, auth, { question, threadId }), 200);
}

const threads = async (auth: Record<string, string>, notebookId: string, query = "") =>
  json<{ items: ThreadDto[]; nextCursor: string | null }>(
    await call(`/v1/notebooks/${notebookId}/threads${query}`, { headers: auth }),
    200,
  );

describe("conversations", () => {
  it("lists the most recently active first, titled by the first question, and pages in that order", async () => {
    const { auth, notebookId } = await studentWithNotes();
    useNoModel();
    const first = await ask(auth, notebookId, "What do mitochondria produce?");
    const second = await ask(auth, notebookId, "Where does photosynthesis happen?");
    expect((await threads(auth, notebookId)).items.map((t) => t.id)).toEqual([second.threadId, first.threadId]);

    // A follow-up in the older conversation makes it the last one.
    await ask(auth, notebookId, "And what do ribosomes build?", first.threadId);
    const list = await threads(auth, notebookId);
    expect(list.items.map((t) => t.id)).toEqual([first.threadId, second.threadId]);
    expect(list.items[0]).toMatchObject({ title: "What do mitochondria produce?", titleSource: "question" });

    const page = await threads(auth, notebookId, "?limit=1");
    const rest = await threads(auth, notebookId, `?limit=1&cursor=${page.nextCursor}`);
    expect([...page.items, ...rest.items].map((t) => t.id)).toEqual([first.threadId, second.threadId]);
  });

  it("renames (without reordering) and deletes a conversation; notes saved from it stay", async () => {
    const { auth, notebookId } = await studentWithNotes();
    useNoModel();
    const older = await ask(auth, notebookId, "What do mitochondria produce?");
    const newer = await ask(auth, notebookId, "Where does photosynthesis happen?");
    const renamed = await json<ThreadDto>(
      await postJson(`/v1/threads/${older.threadId}`, auth, { title: "  Energy  " }, "PATCH"),
      200,
    );
    expect(renamed).toMatchObject({ title: "Energy", titleSource: "user" });
    expect((await threads(auth, notebookId)).items.map((t) => t.id)).toEqual([newer.threadId, older.threadId]);
    expect((await postJson(`/v1/threads/${older.threadId}`, auth, { title: " " }, "PATCH")).status).toBe(422);

    const messageId = await env.DB.prepare("SELECT id FROM thread_message WHERE thread_id = ? AND role = 'assistant'")
      .bind(newer.threadId)
      .first<string>("id");
    const note = await json<NoteDto>(await postJson(`/v1/notebooks/${notebookId}/notes`, auth, { messageId }), 201);
    expect((await call(`/v1/threads/${newer.threadId}`, { method: "DELETE", headers: auth })).status).toBe(204);
    expect((await call(`/v1/threads/${newer.threadId}`, { headers: auth })).status).toBe(404);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM thread_message WHERE thread_id = ?")
      .bind(newer.threadId)
      .first<number>("n");
    expect(left).toBe(0);
    expect((await threads(auth, notebookId)).items.map((t) => t.id)).toEqual([older.threadId]);
    expect((await json<NoteDto>(await call(`/v1/notes/${note.id}`, { headers: auth }), 200)).text).toBe(newer.answer);
  });

  it("is titled by the model from its first question, never over the student's own title", async () => {
    const { auth, notebookId } = await studentWithNotes();
    useNoModel();
    const answer = await ask(auth, notebookId, "What do mitochondria produce?");
    const refused = await call(`/v1/threads/${answer.threadId}/title`, { method: "POST", headers: auth });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { type: string }).type).toContain("no-language-model");

    const { prompts } = useScriptedModel([JSON.stringify({ title: '"Mitochondria and ATP."' })]);
    const titled = await json<ThreadDto>(
      await call(`/v1/threads/${answer.threadId}/title`, { method: "POST", headers: auth }),
      200,
    );
    expect(titled).toMatchObject({ title: "Mitochondria and ATP", titleSource: "model" });
    expect(prompts[0]).toContain("What do mitochondria produce?");

    await postJson(`/v1/threads/${answer.threadId}`, auth, { title: "My energy notes" }, "PATCH");
    const kept = await json<ThreadDto>(
      await call(`/v1/threads/${answer.threadId}/title`, { method: "POST", headers: auth }),
      200,
    );
    expect(kept).toMatchObject({ title: "My energy notes", titleSource: "user" });
    expect(prompts).toHaveLength(1);
  });

  it("cleans a model's title: one line, no quotes or full stop, cut at a word", () => {
    expect(cleanTitle(' "Photosynthesis\nbasics." ')).toBe("Photosynthesis basics");
    expect(cleanTitle("...")).toBeUndefined();
    const long = cleanTitle("word ".repeat(30)) ?? "";
    expect(long.length).toBeLessThanOrEqual(61);
    expect(long.endsWith("word…")).toBe(true);
  });
});

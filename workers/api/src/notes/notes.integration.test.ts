// Notes end to end: saved answers keep their citations, hand-written notes, edits, deletes, and a note
// turned into a source goes through the ordinary ingestion path and becomes searchable.
import { afterEach, describe, expect, it } from "vitest";
import type { AnswerDto, ThreadDetailDto } from "../../../../schemas/answers";
import type { DocumentDto } from "../../../../schemas/documents";
import { MAX_NOTE_TEXT_LENGTH, type NoteDto } from "../../../../schemas/notes";
import { call, waitForTerminal } from "../../test/helpers";
import { postJson, resetModels, studentWithNotes, useNoModel } from "../../test/study-helpers";
import { createKey, withKey } from "../../test/tenants";

afterEach(() => resetModels());

async function json<T>(res: Response, status: number): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}

/** A student with a ready Biology document and one answered question. */
async function studentWithAnswer() {
  const student = await studentWithNotes();
  useNoModel();
  const answer = await json<AnswerDto>(
    await postJson(`/v1/notebooks/${student.notebookId}/ask`, student.auth, {
      question: "What do mitochondria produce?",
    }),
    200,
  );
  expect(answer.citations.length).toBeGreaterThan(0);
  const thread = await json<ThreadDetailDto>(
    await call(`/v1/threads/${answer.threadId}`, { headers: student.auth }),
    200,
  );
  const message = thread.messages.find((m) => m.role === "assistant");
  return { ...student, answer, messageId: message?.id as string };
}

describe("notes", () => {
  it("saves an answer with its citations, titled by its question", async () => {
    const { auth, notebookId, answer, messageId } = await studentWithAnswer();
    const note = await json<NoteDto>(await postJson(`/v1/notebooks/${notebookId}/notes`, auth, { messageId }), 201);
    expect(note).toMatchObject({
      notebookId,
      title: "What do mitochondria produce?",
      text: answer.answer,
      threadId: answer.threadId,
      messageId,
      sourceDocumentId: null,
    });
    expect(note.citations).toEqual(answer.citations);
    // Citations cannot be sent by the client: unknown fields are stripped.
    const forged = await json<NoteDto>(
      await postJson(`/v1/notebooks/${notebookId}/notes`, auth, {
        text: "By hand",
        citations: [{ n: 1, chunkId: "x", documentId: "y", documentTitle: "Forged", page: 9, quote: "no" }],
      }),
      201,
    );
    expect(forged.citations).toEqual([]);
  });

  it("refuses an answer of another notebook, a question instead of an answer, and an empty note", async () => {
    const { auth, notebookId, answer, messageId } = await studentWithAnswer();
    const other = await json<{ id: string }>(await postJson("/v1/notebooks", auth, { title: "Other" }), 201);
    const elsewhere = await postJson(`/v1/notebooks/${other.id}/notes`, auth, { messageId });
    expect(elsewhere.status).toBe(404);
    const thread = await json<ThreadDetailDto>(await call(`/v1/threads/${answer.threadId}`, { headers: auth }), 200);
    const questionId = thread.messages.find((m) => m.role === "user")?.id;
    expect((await postJson(`/v1/notebooks/${notebookId}/notes`, auth, { messageId: questionId })).status).toBe(404);
    const empty = await postJson(`/v1/notebooks/${notebookId}/notes`, auth, { title: "Nothing" });
    expect(empty.status).toBe(422);
    expect(empty.headers.get("content-type")).toBe("application/problem+json");
    const tooLong = await postJson(`/v1/notebooks/${notebookId}/notes`, auth, {
      text: "a".repeat(MAX_NOTE_TEXT_LENGTH + 1),
    });
    expect(tooLong.status).toBe(422);
    expect(JSON.stringify(await tooLong.json())).toContain(`at most ${MAX_NOTE_TEXT_LENGTH}`);
    const list = await json<{ items: NoteDto[] }>(
      await call(`/v1/notebooks/${notebookId}/notes`, { headers: auth }),
      200,
    );
    expect(list.items).toEqual([]);
  });

  it("writes, lists (last edited first), edits and deletes notes by hand", async () => {
    const { auth, notebookId } = await studentWithNotes();
    const first = await json<NoteDto>(
      await postJson(`/v1/notebooks/${notebookId}/notes`, auth, { text: "# Cell parts\nNucleus, ribosomes." }),
      201,
    );
    expect(first.title).toBe("Cell parts");
    const second = await json<NoteDto>(
      await postJson(`/v1/notebooks/${notebookId}/notes`, auth, { title: "Energy", text: "ATP." }),
      201,
    );
    const list = async () =>
      (await json<{ items: NoteDto[] }>(await call(`/v1/notebooks/${notebookId}/notes`, { headers: auth }), 200)).items;
    expect((await list()).map((n) => n.id)).toEqual([second.id, first.id]);

    const edited = await json<NoteDto>(
      await postJson(`/v1/notes/${first.id}`, auth, { text: "Nucleus, ribosomes, mitochondria." }, "PATCH"),
      200,
    );
    expect(edited).toMatchObject({ title: "Cell parts", text: "Nucleus, ribosomes, mitochondria." });
    expect((await list()).map((n) => n.id)).toEqual([first.id, second.id]);
    expect((await postJson(`/v1/notes/${first.id}`, auth, {}, "PATCH")).status).toBe(422);

    // Pages by cursor, in the same order.
    const page = await json<{ items: NoteDto[]; nextCursor: string }>(
      await call(`/v1/notebooks/${notebookId}/notes?limit=1`, { headers: auth }),
      200,
    );
    const next = await json<{ items: NoteDto[]; nextCursor: null }>(
      await call(`/v1/notebooks/${notebookId}/notes?limit=1&cursor=${page.nextCursor}`, { headers: auth }),
      200,
    );
    expect([...page.items, ...next.items].map((n) => n.id)).toEqual([first.id, second.id]);
    expect(next.nextCursor).toBeNull();

    expect((await call(`/v1/notes/${second.id}`, { method: "DELETE", headers: auth })).status).toBe(204);
    expect((await call(`/v1/notes/${second.id}`, { headers: auth })).status).toBe(404);
    expect((await call(`/v1/notes/${second.id}`, { method: "DELETE", headers: auth })).status).toBe(404);
    expect((await list()).map((n) => n.id)).toEqual([first.id]);
  });

  it("turns a note into a searchable source, citations kept as text, once", async () => {
    const { auth, notebookId, messageId, answer } = await studentWithAnswer();
    const note = await json<NoteDto>(
      await postJson(`/v1/notebooks/${notebookId}/notes`, auth, { messageId, title: "Powerhouse notes" }),
      201,
    );
    const accepted = await json<DocumentDto>(
      await call(`/v1/notes/${note.id}/source`, { method: "POST", headers: auth }),
      202,
    );
    expect(accepted).toMatchObject({ title: "Powerhouse notes", sourceType: "text" });
    const ready = await waitForTerminal(auth, accepted.id);
    expect(ready.status).toBe("ready");
    const page = await json<{ text: string }>(
      await call(`/v1/documents/${accepted.id}/pages/1`, { headers: auth }),
      200,
    );
    expect(page.text).toContain("# Powerhouse notes");
    const cited = answer.citations[0];
    expect(page.text).toContain(`[${cited?.n}] Biology, page ${cited?.page}: “${cited?.quote}”`);
    expect((await json<NoteDto>(await call(`/v1/notes/${note.id}`, { headers: auth }), 200)).sourceDocumentId).toBe(
      accepted.id,
    );

    const search = await json<{ results: { documentId: string }[] }>(
      await postJson(`/v1/notebooks/${notebookId}/search`, auth, { query: "Powerhouse notes", mode: "keyword" }),
      200,
    );
    expect(search.results.map((r) => r.documentId)).toContain(accepted.id);

    // The same note again is the same bytes: the existing document, not a second one.
    const again = await json<DocumentDto>(
      await call(`/v1/notes/${note.id}/source`, { method: "POST", headers: auth }),
      200,
    );
    expect(again.id).toBe(accepted.id);

    // Deleting the document clears the note's link; the note stays.
    expect((await call(`/v1/documents/${accepted.id}`, { method: "DELETE", headers: auth })).status).toBe(204);
    expect(
      (await json<NoteDto>(await call(`/v1/notes/${note.id}`, { headers: auth }), 200)).sourceDocumentId,
    ).toBeNull();
  });

  it("needs the write scope to change notes, and replays a create sent with an Idempotency-Key", async () => {
    const { user, notebookId } = await studentWithNotes();
    const readOnly = await createKey(user, ["read"]);
    const refused = await postJson(`/v1/notebooks/${notebookId}/notes`, withKey(readOnly.key), { text: "x" });
    expect(refused.status).toBe(403);
    expect((await call(`/v1/notebooks/${notebookId}/notes`, { headers: withKey(readOnly.key) })).status).toBe(200);

    const full = await createKey(user, ["read", "write"]);
    const headers = withKey(full.key, { "idempotency-key": "note-1" });
    const first = await json<NoteDto>(
      await postJson(`/v1/notebooks/${notebookId}/notes`, headers, { text: "Once" }),
      201,
    );
    const replay = await postJson(`/v1/notebooks/${notebookId}/notes`, headers, { text: "Once" });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(((await replay.json()) as NoteDto).id).toBe(first.id);
    const list = await json<{ items: NoteDto[] }>(
      await call(`/v1/notebooks/${notebookId}/notes`, { headers: withKey(full.key) }),
      200,
    );
    expect(list.items).toHaveLength(1);
  });
});

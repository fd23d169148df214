import { principalOf } from "../auth/require-user";
import { getDb } from "../db";
import { tooManyUploads } from "../documents/documents.index";
import { toDocumentDto } from "../documents/documents.store";
import { acceptDocument } from "../documents/upload";
import { ownedNotebook } from "../notebooks/owned-notebook";
import { createRouter } from "../platform/create-router";
import { decodeCursor, pageOf } from "../platform/pagination";
import { invalidInput } from "../platform/problem";
import { noteAsSourceText } from "./note-source";
import * as routes from "./notes.routes";
import { createNote, deleteNote, getOwnedNote, listNotes, toNoteDto, updateNote } from "./notes.store";
import { type SavedAnswer, savedAnswer } from "./saved-answer";

/** A hand-written note's default title: its first line, shortened. */
function titleOf(text: string): string {
  const line =
    text
      .trim()
      .split("\n")[0]
      ?.replace(/^#+\s*/, "")
      .replace(/\s+/g, " ")
      .trim() ?? "";
  return line.length > 80 ? `${line.slice(0, 79)}…` : line || "Note";
}

export const notesRouter = createRouter()
  .openapi(routes.create, async (c) => {
    const db = getDb(c.env.DB);
    const { userId } = principalOf(c);
    const notebook = await ownedNotebook(c, c.req.valid("param").notebookId);
    const body = c.req.valid("json");
    let answer: SavedAnswer | undefined;
    if (body.messageId) answer = await savedAnswer(db, userId, notebook.id, body.messageId);
    const text = body.text ?? answer?.text;
    if (!text) throw invalidInput([{ path: "text", message: "send the note's text, or the messageId of an answer" }]);
    const row = await createNote(db, {
      notebookId: notebook.id,
      ownerId: userId,
      title: body.title ?? titleOf(answer?.question || text),
      text,
      citations: answer?.citations ?? [],
      threadId: answer?.threadId ?? null,
      messageId: answer?.messageId ?? null,
    });
    return c.json(toNoteDto(row), 201);
  })
  .openapi(routes.list, async (c) => {
    const db = getDb(c.env.DB);
    const notebook = await ownedNotebook(c, c.req.valid("param").notebookId);
    const { limit, cursor } = c.req.valid("query");
    const page = pageOf(await listNotes(db, notebook.id, limit, decodeCursor(cursor)), limit, (n) => n.updatedAt);
    return c.json({ items: page.items.map(toNoteDto), nextCursor: page.nextCursor }, 200);
  })
  .openapi(routes.get, async (c) => {
    const row = await getOwnedNote(getDb(c.env.DB), principalOf(c).userId, c.req.valid("param").noteId);
    return c.json(toNoteDto(row), 200);
  })
  .openapi(routes.update, async (c) => {
    const { noteId } = c.req.valid("param");
    const row = await updateNote(getDb(c.env.DB), principalOf(c).userId, noteId, c.req.valid("json"));
    return c.json(toNoteDto(row), 200);
  })
  .openapi(routes.remove, async (c) => {
    await deleteNote(getDb(c.env.DB), principalOf(c).userId, c.req.valid("param").noteId);
    return c.body(null, 204);
  })
  .openapi(routes.toSource, async (c) => {
    const db = getDb(c.env.DB);
    const { userId } = principalOf(c);
    const note = await getOwnedNote(db, userId, c.req.valid("param").noteId);
    const limiter = await c.env.UPLOAD_LIMITER.limit({ key: userId });
    if (!limiter.success) throw tooManyUploads();
    const { row, created } = await acceptDocument(
      c.env,
      db,
      { userId, notebookId: note.notebookId },
      {
        blob: new Blob([noteAsSourceText(toNoteDto(note))], { type: "text/plain" }),
        title: note.title,
        fileName: null,
        declaredType: null,
        sourceUrl: null,
      },
      c.get("log"),
    );
    await updateNote(db, userId, note.id, { sourceDocumentId: row.id });
    return c.json(toDocumentDto(row), created ? 202 : 200);
  });

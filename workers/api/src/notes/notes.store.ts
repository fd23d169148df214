/** Notes persistence. Every read is scoped by owner: another tenant's note is simply absent. */
import { and, count, desc, eq, lt, or } from "drizzle-orm";
import { MAX_NOTES_PER_NOTEBOOK, type NoteDto } from "../../../../schemas/notes";
import type { NoteRow } from "../../../../schemas/notes-tables";
import { note } from "../../../../schemas/notes-tables";
import type { Citation } from "../answers/types";
import type { Db } from "../db";
import { newId } from "../platform/ids";
import type { Cursor } from "../platform/pagination";
import { notFound, Problem } from "../platform/problem";

export function toNoteDto(row: NoteRow): NoteDto {
  return {
    id: row.id,
    notebookId: row.notebookId,
    title: row.title,
    text: row.text,
    citations: row.citations as Citation[],
    threadId: row.threadId,
    messageId: row.messageId,
    sourceDocumentId: row.sourceDocumentId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const tooManyNotes = () =>
  new Problem({
    status: 409,
    type: "too-many-notes",
    title: "This notebook is full of notes",
    detail: `A notebook holds at most ${MAX_NOTES_PER_NOTEBOOK} notes. Delete some, or turn them into a source and delete them.`,
  });

export type NewNote = {
  notebookId: string;
  ownerId: string;
  title: string;
  text: string;
  citations: Citation[];
  threadId: string | null;
  messageId: string | null;
};

export async function createNote(db: Db, input: NewNote) {
  const [held] = await db.select({ n: count() }).from(note).where(eq(note.notebookId, input.notebookId));
  if ((held?.n ?? 0) >= MAX_NOTES_PER_NOTEBOOK) throw tooManyNotes();
  const now = new Date();
  const [row] = await db
    .insert(note)
    .values({ ...input, id: newId("note", now.getTime()), createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error("note insert returned no row");
  return row;
}

/** The caller's note, or a 404 identical to a missing one. */
export async function getOwnedNote(db: Db, ownerId: string, noteId: string) {
  const [row] = await db
    .select()
    .from(note)
    .where(and(eq(note.id, noteId), eq(note.ownerId, ownerId)));
  if (!row) throw notFound(`Note ${noteId}`);
  return row;
}

/** A notebook's notes, the most recently edited first (the cursor carries `updatedAt`). */
export async function listNotes(db: Db, notebookId: string, limit: number, after?: Cursor) {
  const afterCursor = after
    ? or(
        lt(note.updatedAt, new Date(after.createdAt)),
        and(eq(note.updatedAt, new Date(after.createdAt)), lt(note.id, after.id)),
      )
    : undefined;
  return db
    .select()
    .from(note)
    .where(and(eq(note.notebookId, notebookId), afterCursor))
    .orderBy(desc(note.updatedAt), desc(note.id))
    .limit(limit + 1);
}

export async function updateNote(
  db: Db,
  ownerId: string,
  noteId: string,
  patch: { title?: string; text?: string; sourceDocumentId?: string },
) {
  const [row] = await db
    .update(note)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(note.id, noteId), eq(note.ownerId, ownerId)))
    .returning();
  if (!row) throw notFound(`Note ${noteId}`);
  return row;
}

export async function deleteNote(db: Db, ownerId: string, noteId: string) {
  const deleted = await db
    .delete(note)
    .where(and(eq(note.id, noteId), eq(note.ownerId, ownerId)))
    .returning({ id: note.id });
  if (!deleted.length) throw notFound(`Note ${noteId}`);
}

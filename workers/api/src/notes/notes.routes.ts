import { createRoute, z } from "@hono/zod-openapi";
import { DocumentSchema } from "../../../../schemas/documents";
import { CreateNoteSchema, NotePageSchema, NoteSchema, UpdateNoteSchema } from "../../../../schemas/notes";
import { scoped } from "../auth/require-user";
import { NotebookParams } from "../notebooks/notebooks.routes";
import { problemResponses } from "../platform/openapi";
import { PageQuerySchema } from "../platform/pagination";

const tags = ["Notes"];
const json = <T>(schema: T) => ({ "application/json": { schema } });

const NoteParams = z.object({
  noteId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "noteId", in: "path" } }),
});

export const create = createRoute({
  method: "post",
  path: "/notebooks/{notebookId}/notes",
  tags,
  ...scoped("write"),
  summary: "Write a note, or save an answer as a note",
  description:
    "With `messageId` (an answer of one of this notebook's conversations) the note keeps the answer's text and citations, titled with its question; `text` and `title` override them. Without it, `text` is required. Citations only ever come from a saved answer. A notebook holds at most 1,000 notes (409); a note's text at most 20,000 characters (422).",
  request: { params: NotebookParams, body: { content: json(CreateNoteSchema), required: true } },
  responses: {
    201: { description: "Created", content: json(NoteSchema) },
    ...problemResponses(401, 403, 404, 409, 413, 422),
  },
});

export const list = createRoute({
  method: "get",
  path: "/notebooks/{notebookId}/notes",
  tags,
  ...scoped("read"),
  summary: "A notebook's notes, the most recently edited first",
  request: { params: NotebookParams, query: PageQuerySchema },
  responses: {
    200: { description: "A page of notes", content: json(NotePageSchema) },
    ...problemResponses(401, 403, 404, 422),
  },
});

export const get = createRoute({
  method: "get",
  path: "/notes/{noteId}",
  tags,
  ...scoped("read"),
  summary: "Get a note",
  request: { params: NoteParams },
  responses: {
    200: { description: "The note", content: json(NoteSchema) },
    ...problemResponses(401, 403, 404),
  },
});

export const update = createRoute({
  method: "patch",
  path: "/notes/{noteId}",
  tags,
  ...scoped("write"),
  summary: "Edit a note's title or text (its citations stay as they are)",
  request: { params: NoteParams, body: { content: json(UpdateNoteSchema), required: true } },
  responses: {
    200: { description: "Updated", content: json(NoteSchema) },
    ...problemResponses(401, 403, 404, 413, 422),
  },
});

export const remove = createRoute({
  method: "delete",
  path: "/notes/{noteId}",
  tags,
  ...scoped("write"),
  summary: "Delete a note (a source made from it stays)",
  request: { params: NoteParams },
  responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404) },
});

export const toSource = createRoute({
  method: "post",
  path: "/notes/{noteId}/source",
  tags,
  ...scoped("write"),
  summary: "Turn a note into a source of its notebook",
  description:
    "Adds the note as a text document of its notebook through the ordinary ingestion path (quotas, the upload burst limit, the same states as any upload): its title, its text, then its citations written out as text (`[n] Title, page p: “quote”`). 202 with the new document; 200 with the existing one when the note's text is already a source of the notebook (the same bytes). The note remembers the document (`sourceDocumentId`).",
  request: { params: NoteParams },
  responses: {
    200: { description: "Already a source: the existing document", content: json(DocumentSchema) },
    202: { description: "Accepted: the document is being processed", content: json(DocumentSchema) },
    ...problemResponses(401, 402, 403, 404, 409, 429),
  },
});

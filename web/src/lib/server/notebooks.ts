/** Notebooks through the API (/v1/notebooks), every body checked with the shared DTO schemas. */
import {
  type CreateNotebookDto,
  type NotebookDto,
  NotebookPageSchema,
  NotebookSchema,
  type UpdateNotebookDto,
} from "$schemas/notebooks";
import { type ApiEvent, createApi, expectData, noBody } from "./api";

export type { NotebookDto };

export const NOTEBOOK_PAGE_SIZE = 20;

export function listNotebooks(event: ApiEvent, cursor?: string | null) {
  const query = { limit: NOTEBOOK_PAGE_SIZE, cursor: cursor || undefined };
  return expectData(createApi(event).GET("/v1/notebooks", { params: { query } }), (body) =>
    NotebookPageSchema.parse(body),
  );
}

export function getNotebook(event: ApiEvent, notebookId: string) {
  return expectData(createApi(event).GET("/v1/notebooks/{notebookId}", { params: { path: { notebookId } } }), (body) =>
    NotebookSchema.parse(body),
  );
}

export function createNotebook(event: ApiEvent, input: CreateNotebookDto) {
  return expectData(createApi(event).POST("/v1/notebooks", { body: input }), (body) => NotebookSchema.parse(body));
}

export function updateNotebook(event: ApiEvent, notebookId: string, patch: UpdateNotebookDto) {
  return expectData(
    createApi(event).PATCH("/v1/notebooks/{notebookId}", { params: { path: { notebookId } }, body: patch }),
    (body) => NotebookSchema.parse(body),
  );
}

export function deleteNotebook(event: ApiEvent, notebookId: string) {
  return expectData(
    createApi(event).DELETE("/v1/notebooks/{notebookId}", { params: { path: { notebookId } } }),
    noBody,
  );
}

/** Notebooks through the API (/v1/notebooks), every body checked with the shared DTO schemas. */
import {
  type CreateNotebookDto,
  type NotebookDto,
  NotebookPageSchema,
  NotebookSchema,
  type UpdateNotebookDto,
} from "../../../../schemas/notebooks";
import { type ApiEvent, apiJson, apiSend, noBody } from "./api";

export type { NotebookDto };

export const NOTEBOOK_PAGE_SIZE = 20;

export function listNotebooks(event: ApiEvent, cursor?: string | null) {
  const query = new URLSearchParams({ limit: String(NOTEBOOK_PAGE_SIZE) });
  if (cursor) query.set("cursor", cursor);
  return apiJson(event, `/v1/notebooks?${query}`, (body) => NotebookPageSchema.parse(body));
}

export function getNotebook(event: ApiEvent, id: string) {
  return apiJson(event, `/v1/notebooks/${encodeURIComponent(id)}`, (body) => NotebookSchema.parse(body));
}

export function createNotebook(event: ApiEvent, input: CreateNotebookDto) {
  return apiSend(event, "POST", "/v1/notebooks", input, (body) => NotebookSchema.parse(body));
}

export function updateNotebook(event: ApiEvent, id: string, patch: UpdateNotebookDto) {
  return apiSend(event, "PATCH", `/v1/notebooks/${encodeURIComponent(id)}`, patch, (body) =>
    NotebookSchema.parse(body),
  );
}

export function deleteNotebook(event: ApiEvent, id: string) {
  return apiSend(event, "DELETE", `/v1/notebooks/${encodeURIComponent(id)}`, undefined, noBody);
}

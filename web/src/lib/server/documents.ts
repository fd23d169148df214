/**
 * A notebook's documents (GET /v1/notebooks/{id}/documents), for the notebook page's first render.
 * The documents API is its own feature of the API: until a server has it, the route answers 404,
 * and the page shows a calm "not available yet" instead of failing.
 */

import type { SourceDocument } from "$lib/documents";
import { DocumentPageSchema } from "$schemas/documents";
import { ApiError, type ApiEvent, createApi, expectData } from "./api";
import { logFailure } from "./log";

export type SourcesState =
  | { state: "ok"; items: SourceDocument[]; nextCursor: string | null }
  | { state: "unavailable" }
  | { state: "failed"; requestId: string };

export async function loadSources(event: ApiEvent, notebookId: string): Promise<SourcesState> {
  try {
    const list = await expectData(
      createApi(event).GET("/v1/notebooks/{notebookId}/documents", {
        params: { path: { notebookId }, query: { limit: 100 } },
      }),
      (body) => DocumentPageSchema.parse(body),
    );
    return { state: "ok", ...list };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return { state: "unavailable" };
    if (error instanceof ApiError && error.status === 401) throw error;
    logFailure(event, "document list failed", error);
    return { state: "failed", requestId: event.locals.requestId };
  }
}

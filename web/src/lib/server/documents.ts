/**
 * A notebook's documents (GET /v1/notebooks/{id}/documents), for the notebook page's first render.
 * The documents API is its own feature of the API: until a server has it, the route answers 404,
 * and the page shows a calm "not available yet" instead of failing.
 */
import { type DocumentList, parseDocumentList } from "$lib/documents";
import { ApiError, type ApiEvent, createApi, expectData } from "./api";

export type SourcesState =
  | ({ state: "ok" } & DocumentList)
  | { state: "unavailable" }
  | { state: "failed"; requestId: string };

export async function loadSources(event: ApiEvent, notebookId: string): Promise<SourcesState> {
  try {
    const list = await expectData(
      createApi(event).GET("/v1/notebooks/{notebookId}/documents", {
        params: { path: { notebookId }, query: { limit: 100 } },
      }),
      parseDocumentList,
    );
    return { state: "ok", ...list };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return { state: "unavailable" };
    if (error instanceof ApiError && error.status === 401) throw error;
    console.error(
      JSON.stringify({
        level: "error",
        msg: "document list failed",
        requestId: event.locals.requestId,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      }),
    );
    return { state: "failed", requestId: event.locals.requestId };
  }
}

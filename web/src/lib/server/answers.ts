/**
 * A notebook's question threads (GET /v1/notebooks/{id}/threads), for the chat panel's first render.
 * Like the documents API, the answers API is its own feature: until a server has it, the route answers
 * 404 and the chat panel says so calmly instead of offering a box that cannot answer.
 */
import { parseThreadPage, type ThreadPage } from "$lib/answers";
import { ApiError, type ApiEvent, createApi, expectData } from "./api";

export type ThreadsState = ({ state: "ok" } & ThreadPage) | { state: "unavailable" } | { state: "failed" };

export async function loadThreads(event: ApiEvent, notebookId: string): Promise<ThreadsState> {
  try {
    const page = await expectData(
      createApi(event).GET("/v1/notebooks/{notebookId}/threads", {
        params: { path: { notebookId }, query: { limit: 20 } },
      }),
      parseThreadPage,
    );
    return { state: "ok", ...page };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return { state: "unavailable" };
    if (error instanceof ApiError && error.status === 401) throw error;
    console.error(
      JSON.stringify({
        level: "error",
        msg: "thread list failed",
        requestId: event.locals.requestId,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      }),
    );
    return { state: "failed" };
  }
}

/**
 * A notebook's conversations (GET /v1/notebooks/{id}/threads) and the last one's messages, for the chat
 * panel's first render. Like the documents API, the answers API is its own feature: until a server has it,
 * the route answers 404 and the chat panel says so calmly instead of offering a box that cannot answer.
 */

import { lastActive, type ThreadDetail, type ThreadPage } from "$lib/answers";
import { ThreadDetailSchema, ThreadPageSchema } from "$schemas/answers";
import { ApiError, type ApiEvent, createApi, expectData } from "./api";
import { logFailure } from "./log";

export type ThreadsState = ({ state: "ok" } & ThreadPage) | { state: "unavailable" } | { state: "failed" };

export async function loadThreads(event: ApiEvent, notebookId: string): Promise<ThreadsState> {
  try {
    const page = await expectData(
      createApi(event).GET("/v1/notebooks/{notebookId}/threads", {
        params: { path: { notebookId }, query: { limit: 50 } },
      }),
      (body) => ThreadPageSchema.parse(body),
    );
    return { state: "ok", ...page };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return { state: "unavailable" };
    if (error instanceof ApiError && error.status === 401) throw error;
    logFailure(event, "thread list failed", error);
    return { state: "failed" };
  }
}

/** The conversation the student was last in (most recently answered), or null for a fresh start. */
export async function loadConversation(event: ApiEvent, threads: ThreadsState): Promise<ThreadDetail | null> {
  const last = threads.state === "ok" ? lastActive(threads.items) : undefined;
  if (!last) return null;
  try {
    return await expectData(
      createApi(event).GET("/v1/threads/{threadId}", { params: { path: { threadId: last.id } } }),
      (body) => ThreadDetailSchema.parse(body),
    );
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) throw error;
    logFailure(event, "last conversation failed", error, "warn");
    return null;
  }
}

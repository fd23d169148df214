/**
 * Conversations in the browser: rename, delete, and the model-made title (POST /v1/threads/{id}/title, which
 * the chat may call after a new conversation's first *generated* answer; without a model it answers 503 and
 * the title stays the first question). The list itself (most recently active first) comes from
 * GET /v1/notebooks/{id}/threads, already loaded by the page.
 */
import type { components } from "$lib/api-types";
import { api } from "./api";

export type Thread = components["schemas"]["Thread"];

export async function renameThread(threadId: string, title: string): Promise<Thread | undefined> {
  const { data } = await api.PATCH("/v1/threads/{threadId}", { params: { path: { threadId } }, body: { title } });
  return data;
}

export async function deleteThread(threadId: string): Promise<boolean> {
  const { response } = await api.DELETE("/v1/threads/{threadId}", { params: { path: { threadId } } });
  return response.ok || response.status === 404;
}

/** The conversation titled by the model, or undefined (no model, budget spent, or the model failed). */
export async function titleThread(threadId: string): Promise<Thread | undefined> {
  const { data } = await api.POST("/v1/threads/{threadId}/title", { params: { path: { threadId } } });
  return data;
}

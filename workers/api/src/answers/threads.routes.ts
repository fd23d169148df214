import { createRoute, z } from "@hono/zod-openapi";
import { RenameThreadSchema, ThreadSchema } from "../../../../schemas/answers";
import { scoped } from "../auth/require-user";
import { problemResponses } from "../platform/openapi";

const tags = ["Answers"];
const json = <T>(schema: T) => ({ "application/json": { schema } });

export const ThreadParams = z.object({
  threadId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "threadId", in: "path" } }),
});

export const rename = createRoute({
  method: "patch",
  path: "/threads/{threadId}",
  tags,
  ...scoped("write"),
  summary: "Rename a conversation",
  description: "The title is the student's from now on (`titleSource: user`): a model never renames it again.",
  request: { params: ThreadParams, body: { content: json(RenameThreadSchema), required: true } },
  responses: {
    200: { description: "Renamed", content: json(ThreadSchema) },
    ...problemResponses(401, 403, 404, 413, 422),
  },
});

export const remove = createRoute({
  method: "delete",
  path: "/threads/{threadId}",
  tags,
  ...scoped("write"),
  summary: "Delete a conversation and its messages (notes saved from it stay)",
  request: { params: ThreadParams },
  responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404) },
});

export const nameWithModel = createRoute({
  method: "post",
  path: "/threads/{threadId}/title",
  tags,
  ...scoped("write"),
  summary: "Let the language model title a conversation from its first question",
  description:
    "A few words in the question's language (`titleSource: model`); the web app calls it after a conversation's first generated answer. A conversation the student renamed keeps its title (returned unchanged, no model call). Without a language model: 503 `no-language-model`, and the title stays the first question. Paid from the AI allowance; not counted against the generations quota.",
  request: { params: ThreadParams },
  responses: {
    200: { description: "The conversation with its title", content: json(ThreadSchema) },
    ...problemResponses(401, 403, 404, 409, 429, 502, 503),
  },
});

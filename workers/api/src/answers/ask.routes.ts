import { createRoute, z } from "@hono/zod-openapi";
import { AnswerSchema, AskRequestSchema, ThreadDetailSchema, ThreadPageSchema } from "../../../../schemas/answers";
import { callerKey, principalOf, scoped } from "../auth/require-user";
import { NotebookParams } from "../notebooks/notebooks.routes";
import { problemResponses } from "../platform/openapi";
import { PageQuerySchema } from "../platform/pagination";
import { rateLimit } from "../platform/rate-limit";
import { ThreadParams } from "./threads.routes";

const tags = ["Answers"];

const SSE_FORMAT = `With \`Accept: text/event-stream\` the answer streams as an AI SDK UI message stream (Server-Sent Events, \`data: <json>\` lines ending with \`data: [DONE]\`; read it with \`readUIMessageStream\` from \`ai\` or \`useChat\`):
1. \`{"type":"start","messageMetadata":{"threadId","mode","cached"}}\` — mode is \`generated\`, \`extractive\` or \`not-covered\`;
2. \`{"type":"text-start","id":"answer"}\`, then \`{"type":"text-delta","id":"answer","delta":"…"}\`…, then \`{"type":"text-end","id":"answer"}\` — the text carries \`[n]\` citation markers, validated while streaming (a number that points to no retrieved source is dropped);
3. one \`{"type":"data-citation","id":"<n>","data":{"n","chunkId","documentId","documentTitle","pageStart","pageEnd","quote"}}\` per citation used;
4. \`{"type":"finish","messageMetadata":{"threadId","mode","cached","provider","model","retrievalMs","modelMs"}}\`.
Without that header the response is the JSON \`Answer\` below.`;

export const ask = createRoute({
  method: "post",
  path: "/notebooks/{notebookId}/ask",
  tags,
  ...scoped(
    "ask",
    rateLimit("ASK_LIMITER", (c) => callerKey(principalOf(c))),
  ),
  summary: "Ask a question about a notebook: a cited answer, streamed (SSE) or as JSON",
  description: `Retrieves the best passages (hybrid search; a follow-up in a thread is first rewritten into a standalone query), then answers with a language model citing them as [n], in the question's language. Without a model (or when every provider fails) the answer is extractive: the passages' best sentences, each cited (mode \`extractive\`). When nothing relevant is found the answer says the material does not cover the question (mode \`not-covered\`). The same question over unchanged material is answered from the cache (\`cached: true\`; it still counts toward the daily questions quota). Questions are capped at 2,000 characters (422).\n\n${SSE_FORMAT}`,
  request: {
    params: NotebookParams,
    body: { content: { "application/json": { schema: AskRequestSchema } }, required: true },
  },
  responses: {
    200: {
      description: "The answer (JSON), or its stream (text/event-stream)",
      content: {
        "application/json": { schema: AnswerSchema },
        "text/event-stream": {
          schema: z.string().openapi({ description: "AI SDK UI message stream (see the operation's description)" }),
        },
      },
    },
    ...problemResponses(401, 403, 404, 422, 429),
  },
});

export const listThreads = createRoute({
  method: "get",
  path: "/notebooks/{notebookId}/threads",
  tags,
  ...scoped("read"),
  summary: "A notebook's question threads, the most recently active first (the last one reopens the notebook)",
  request: { params: NotebookParams, query: PageQuerySchema },
  responses: {
    200: { description: "A page of threads", content: { "application/json": { schema: ThreadPageSchema } } },
    ...problemResponses(401, 403, 404, 422),
  },
});

export const getThread = createRoute({
  method: "get",
  path: "/threads/{threadId}",
  tags,
  ...scoped("read"),
  summary: "A thread with its questions and answers (with citations), oldest first",
  request: { params: ThreadParams },
  responses: {
    200: { description: "The thread", content: { "application/json": { schema: ThreadDetailSchema } } },
    ...problemResponses(401, 403, 404),
  },
});

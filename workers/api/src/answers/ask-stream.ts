/**
 * The SSE form of an answer: an AI SDK UI message stream (what `useChat` and `readUIMessageStream` read).
 *   start        messageMetadata { threadId, mode, cached }
 *   text-start / text-delta… / text-end   the answer, with validated `[n]` markers
 *   data-citation (one per used citation) id "<n>", data { n, chunkId, documentId, documentTitle, pageStart, pageEnd, quote }
 *   finish       messageMetadata { threadId, mode, cached, provider, model, retrievalMs, modelMs }
 */
import { createUIMessageStream, createUIMessageStreamResponse, type InferUIMessageChunk, type UIMessage } from "ai";
import type { AnswerCitationDto, AnswerFinishMetadata, AnswerStartMetadata } from "../../../../schemas/answers";
import type { Logger } from "../platform/logger";
import { answerQuestion, type PreparedAsk } from "./ask";

export type AnswerUIMessage = UIMessage<AnswerStartMetadata | AnswerFinishMetadata, { citation: AnswerCitationDto }>;

const TEXT_ID = "answer";

/**
 * The model call stops when the request's signal aborts or when the client cancels the response body
 * (a disconnect seen from the stream's side), whichever comes first.
 */
export function answerEventStream(prepared: PreparedAsk, requestSignal: AbortSignal, log: Logger): Response {
  const disconnect = new AbortController();
  const signal = AbortSignal.any([requestSignal, disconnect.signal]);
  const stream = createUIMessageStream<AnswerUIMessage>({
    execute: async ({ writer }) => {
      const answer = await answerQuestion(
        prepared,
        {
          start: (meta) => {
            writer.write({ type: "start", messageMetadata: meta });
            writer.write({ type: "text-start", id: TEXT_ID });
          },
          text: (delta) => writer.write({ type: "text-delta", id: TEXT_ID, delta }),
        },
        signal,
      );
      writer.write({ type: "text-end", id: TEXT_ID });
      for (const citation of answer.citations) {
        writer.write({ type: "data-citation", id: String(citation.n), data: citation });
      }
      const { threadId, mode, cached, provider, model, retrievalMs, modelMs } = answer;
      writer.write({
        type: "finish",
        messageMetadata: { threadId, mode, cached, provider, model, retrievalMs, modelMs },
      });
    },
    onError: (err) => {
      log.error("answer stream failed", { error: String(err) });
      return "The answer could not be completed. Please ask again.";
    },
  });
  const reader = stream.getReader();
  const guarded = new ReadableStream<InferUIMessageChunk<AnswerUIMessage>>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      disconnect.abort(reason);
      return reader.cancel(reason);
    },
  });
  return createUIMessageStreamResponse({ stream: guarded });
}

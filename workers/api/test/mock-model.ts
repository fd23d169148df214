import type { LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { convertArrayToReadableStream, MockLanguageModelV4 } from "ai/test";

type StreamOptions = LanguageModelV4CallOptions;

/**
 * A language model at the provider seam that streams `text` (or throws, when given a function);
 * `onCall` sees each call's options (the prompt it was sent).
 */
export function mockModel(text: string[] | (() => never), onCall?: (options: StreamOptions) => void) {
  return new MockLanguageModelV4({
    doStream: async (options: StreamOptions) => {
      onCall?.(options);
      if (typeof text === "function") text();
      return {
        stream: convertArrayToReadableStream([
          { type: "stream-start", warnings: [] },
          { type: "text-start", id: "t" },
          ...(text as string[]).map((delta) => ({ type: "text-delta" as const, id: "t", delta })),
          { type: "text-end", id: "t" },
          {
            type: "finish",
            finishReason: { unified: "stop", raw: "stop" },
            usage: {
              inputTokens: { total: 120, noCache: 120, cacheRead: 0, cacheWrite: 0 },
              outputTokens: { total: 30, text: 30, reasoning: 0 },
            },
          },
        ]),
      };
    },
  });
}

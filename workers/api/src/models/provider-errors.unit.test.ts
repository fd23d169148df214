// The decision behind "answer provider down → next provider": which provider failures move on down the chain.
// (The chain's consumer, the ask route, lands with the answers branch; its end-to-end fallback test lives there.)
import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import { isRetryableProviderError } from "./chat-model";

const apiError = (statusCode: number | undefined) =>
  new APICallError({
    message: `provider answered ${statusCode}`,
    url: "http://provider.test",
    requestBodyValues: {},
    statusCode,
  });

describe("isRetryableProviderError", () => {
  it("moves on when the provider is down, overloaded or rate limited, or the network failed", () => {
    for (const status of [429, 500, 502, 503, 504, 529]) expect(isRetryableProviderError(apiError(status))).toBe(true);
    expect(isRetryableProviderError(apiError(undefined))).toBe(true); // no response at all
    expect(isRetryableProviderError({ status: 503 })).toBe(true);
  });

  it("does not move on for our own mistakes (bad request, bad key, content refused) or non-provider errors", () => {
    for (const status of [400, 401, 403, 404, 422]) expect(isRetryableProviderError(apiError(status))).toBe(false);
    expect(isRetryableProviderError(new TypeError("x is undefined"))).toBe(false);
    expect(isRetryableProviderError(undefined)).toBe(false);
  });
});

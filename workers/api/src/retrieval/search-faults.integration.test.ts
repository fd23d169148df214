import { afterEach, describe, expect, it } from "vitest";
import { bearer, signUp } from "../../test/helpers";
import { notebookWithTexts, search } from "../../test/notebook-helpers";
import { overrideEmbedderForTests } from "../embeddings/embedder";
import { HashingEmbedder } from "../embeddings/hashing-embedder";

afterEach(() => overrideEmbedderForTests(undefined));

describe("search when the embedding provider is down", () => {
  it("falls back to keyword results and says so, instead of failing", async () => {
    const auth = bearer(await signUp());
    const { notebookId } = await notebookWithTexts(auth, [
      { title: "Photosynthesis", text: "Chlorophyll absorbs light to turn carbon dioxide and water into glucose." },
    ]);
    // Same model name as the notebook's (so the query is embedded), but every call fails like an outage.
    const real = new HashingEmbedder();
    overrideEmbedderForTests({
      model: real.model,
      dimensions: real.dimensions,
      maxBatch: real.maxBatch,
      embed: async () => {
        throw Object.assign(new Error("embedding provider unavailable"), { statusCode: 503 });
      },
    });
    const res = await search(auth, notebookId, { query: "chlorophyll glucose", mode: "hybrid" });
    expect(res.status).toBe(200);
    expect(res.body.mode).toBe("keyword");
    expect(String((res.body as { fallbackReason?: string }).fallbackReason)).toMatch(/keyword search only/i);
    expect(res.body.results[0]?.documentTitle).toBe("Photosynthesis");
  });
});

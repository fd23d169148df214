// The one chain walk every model caller shares (answers, study tools): which outcomes hand over to the next model.
import { describe, expect, it } from "vitest";
import { createLogger } from "../platform/logger";
import { runChain } from "./calls";
import type { ChatModel } from "./chat-model";

const model = (modelId: string) => ({ provider: "test", modelId }) as unknown as ChatModel;
const chain = [model("first"), model("second")];
const log = createLogger({ service: "test" });
const noAnalytics = { ANALYTICS: { writeDataPoint: () => {} } } as unknown as Pick<Env, "ANALYTICS">;

describe("runChain", () => {
  it("hands over to the next model on a retryable provider error or on no usable output", async () => {
    const down = await runChain(
      chain,
      async (m) => {
        if (m.modelId === "first") throw { status: 503 };
        return `answer from ${m.modelId}`;
      },
      { env: noAnalytics, log, purpose: "test" },
    );
    expect(down).toMatchObject({ ok: true, value: "answer from second", model: { modelId: "second" } });

    const empty = await runChain(chain, async (m) => (m.modelId === "first" ? undefined : 1), {
      env: noAnalytics,
      log,
      purpose: "t",
    });
    expect(empty).toMatchObject({ ok: true, value: 1, model: { modelId: "second" } });
  });

  it("stops at the first non-retryable error or once the caller aborted, and returns that error", async () => {
    const tried: string[] = [];
    const badKey = { status: 401 };
    const refused = await runChain(
      chain,
      async (m) => {
        tried.push(m.modelId);
        throw badKey;
      },
      { env: noAnalytics, log, purpose: "test" },
    );
    expect(refused).toEqual({ ok: false, error: badKey });
    expect(tried).toEqual(["first"]);

    const controller = new AbortController();
    controller.abort();
    tried.length = 0;
    const aborted = await runChain(
      chain,
      async (m) => {
        tried.push(m.modelId);
        throw { status: 503 };
      },
      { env: noAnalytics, log, purpose: "test", signal: controller.signal },
    );
    expect(aborted.ok).toBe(false);
    expect(tried).toEqual(["first"]);
  });

  it("writes a failed call's model point (outcome error, no tokens) to Analytics Engine", async () => {
    const points: AnalyticsEngineDataPoint[] = [];
    const analytics = { ANALYTICS: { writeDataPoint: (p: AnalyticsEngineDataPoint) => void points.push(p) } };
    await runChain(
      chain,
      async (m) => {
        if (m.modelId === "first") throw { status: 429 };
        return "ok";
      },
      { env: analytics as unknown as Pick<Env, "ANALYTICS">, log, purpose: "flashcards", kind: "generation" },
    );
    expect(points).toHaveLength(1);
    expect(points[0]?.blobs?.slice(0, 5)).toEqual(["model", "generation", "test", "first", "error"]);
    expect(points[0]?.doubles?.slice(1)).toEqual([0, 0, 0]);
  });

  it("fails when every model produced nothing usable", async () => {
    expect(await runChain(chain, async () => undefined, { env: noAnalytics, log, purpose: "test" })).toEqual({
      ok: false,
      error: undefined,
    });
  });
});

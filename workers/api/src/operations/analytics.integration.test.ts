/**
 * Fleet-wide metrics (issue 17.1): Analytics Engine drops writes locally, so a fake binding at the seam
 * (`ANALYTICS.writeDataPoint`) records the points a request, a Workflow step and a model call write, and
 * the test reads them back in the documented layout (operations/analytics.ts, docs/operations.md).
 */
import { createExecutionContext, introspectWorkflowInstance, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { bearer, createNotebook, signUp } from "../../test/helpers";
import { deliver, stageDocument } from "../../test/ingest-helpers";
import { app } from "../app";
import { recordModelCall } from "../models/calls";
import { createLogger } from "../platform/logger";
import { VERSION } from "../version";

type Point = { blobs: string[]; doubles: number[]; indexes: string[] };

/** The fake binding: records every data point it is handed. */
function fakeAnalytics() {
  const points: Point[] = [];
  const binding = {
    writeDataPoint: (p: AnalyticsEngineDataPoint) =>
      void points.push({
        blobs: (p.blobs ?? []).map(String),
        doubles: p.doubles ?? [],
        indexes: (p.indexes ?? []).map(String),
      }),
  };
  return { points, env: { ...env, ANALYTICS: binding } as unknown as Env };
}

/** One request through the real app with the fake binding; waits for the after-response write. */
async function request(fake: ReturnType<typeof fakeAnalytics>, path: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(new URL(path, "http://api.test"), init), fake.env, ctx);
  await res.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return res;
}

afterEach(() => vi.restoreAllMocks());

describe("request points", () => {
  it("carry the matched route pattern (not the raw path), method, status, latency and the caller's plan", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth);
    const fake = fakeAnalytics();
    const res = await request(fake, `/v1/notebooks/${notebookId}`, { headers: auth });
    expect(res.status).toBe(200);
    expect(fake.points).toHaveLength(1);
    const [point] = fake.points;
    expect(point?.blobs).toEqual(["request", "/v1/notebooks/:notebookId", "GET", "free", "", VERSION]);
    expect(point?.indexes).toEqual(["/v1/notebooks/:notebookId"]);
    expect(point?.doubles[1]).toBe(200);
    expect(point?.doubles[0]).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(point)).not.toContain(notebookId);
  });

  it("name the problem type of a failed request; an anonymous caller is 'anonymous'", async () => {
    const fake = fakeAnalytics();
    const res = await request(fake, "/v1/notebooks");
    expect(res.status).toBe(401);
    expect(fake.points[0]?.blobs.slice(0, 5)).toEqual(["request", "/v1/notebooks", "GET", "anonymous", "unauthorized"]);
    expect(fake.points[0]?.doubles[1]).toBe(401);

    const auth = bearer(await signUp());
    await request(fake, "/v1/notebooks/nb_does_not_exist", { headers: auth });
    expect(fake.points[1]?.blobs.slice(1, 5)).toEqual(["/v1/notebooks/:notebookId", "GET", "free", "not-found"]);
  });

  it("follow the plan an operator assigned", async () => {
    const user = await signUp();
    await env.DB.prepare(
      "INSERT INTO user_plan (user_id, plan) VALUES (?, 'business') ON CONFLICT (user_id) DO UPDATE SET plan = 'business'",
    )
      .bind(user.userId)
      .run();
    const fake = fakeAnalytics();
    await request(fake, "/v1/notebooks", { headers: bearer(user) });
    expect(fake.points[0]?.blobs[3]).toBe("business");
  });
});

describe("ingestion stage points", () => {
  it("every Workflow step attempt writes its stage (ranges stripped), outcome and duration", async () => {
    const written: AnalyticsEngineDataPoint[] = [];
    vi.spyOn(env.ANALYTICS, "writeDataPoint").mockImplementation((p) => void written.push(p ?? {}));
    const staged = await stageDocument(new TextEncoder().encode("Photosynthesis makes sugar from light."), "notes.txt");
    await using instance = await introspectWorkflowInstance(env.INGEST_WORKFLOW, staged.documentId);
    await instance.modify(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "chunk" }, new Error("D1 is briefly unavailable"), 1);
    });
    await deliver("ingest", [{ documentId: staged.documentId }]);
    await instance.waitForStatus("complete");
    const stages = written.filter((p) => p.blobs?.[0] === "ingest").map((p) => p.blobs?.slice(1, 3));
    expect(stages).toContainEqual(["begin", "ok"]);
    expect(stages).toContainEqual(["chunk", "ok"]);
    expect(stages).toContainEqual(["embed chunks", "ok"]);
    expect(stages).toContainEqual(["ready", "ok"]);
  });
});

describe("model call points", () => {
  it("a recorded call writes provider, model, tokens, cost and outcome", async () => {
    const fake = fakeAnalytics();
    await recordModelCall(fake.env, createLogger(), {
      userId: null,
      kind: "embedding",
      provider: "openai",
      model: "text-embedding-3-small",
      inputTokens: 1_000_000,
      latencyMs: 42,
    });
    expect(fake.points).toEqual([
      {
        blobs: ["model", "embedding", "openai", "text-embedding-3-small", "ok", VERSION],
        // $0.02 per million input tokens = 20,000 µUSD.
        doubles: [42, 1_000_000, 0, 20_000],
        indexes: ["text-embedding-3-small"],
      },
    ]);
  });
});

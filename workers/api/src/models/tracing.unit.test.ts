import { describe, expect, it } from "vitest";
import { parseConfig } from "../platform/config";
import { type langfuseBatch, sendToLangfuse, type TracedCall } from "./tracing";

const langfuseConfig = (vars: Record<string, string>) => parseConfig(vars).langfuse;

const call: TracedCall = {
  kind: "answer",
  provider: "openai",
  model: "gpt-4.1-mini",
  userId: "u1",
  notebookId: "nb_1",
  inputTokens: 1200,
  outputTokens: 300,
  costUsd: 0.00096,
  latencyMs: 850,
  cacheHit: false,
  at: new Date("2026-11-22T10:00:00.850Z"),
};

describe("Langfuse tracing", () => {
  it("is off unless both keys are set", () => {
    expect(langfuseConfig({})).toBeNull();
    expect(langfuseConfig({ LANGFUSE_PUBLIC_KEY: "pk", LANGFUSE_SECRET_KEY: " " })).toBeNull();
    expect(
      langfuseConfig({
        LANGFUSE_PUBLIC_KEY: "pk",
        LANGFUSE_SECRET_KEY: "sk",
        LANGFUSE_BASE_URL: "https://lf.example/",
      }),
    ).toEqual({
      publicKey: "pk",
      secretKey: "sk",
      baseUrl: "https://lf.example",
    });
  });

  it("sends a trace and its generation with tokens, cost and timing to the ingestion API", async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      sent.push({ url, init });
      return new Response(JSON.stringify({ successes: [], errors: [] }), { status: 207 });
    }) as unknown as typeof fetch;
    await sendToLangfuse({ publicKey: "pk", secretKey: "sk", baseUrl: "https://lf.example" }, call, fakeFetch);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe("https://lf.example/api/public/ingestion");
    const headers = (sent[0]?.init.headers ?? {}) as Record<string, string>;
    expect(headers.authorization).toBe(`Basic ${btoa("pk:sk")}`);
    const body = JSON.parse(String(sent[0]?.init.body)) as ReturnType<typeof langfuseBatch>;
    const [trace, generation] = body.batch;
    expect(trace?.type).toBe("trace-create");
    expect(generation?.type).toBe("generation-create");
    expect(generation?.body).toMatchObject({
      traceId: trace?.body.id,
      model: "gpt-4.1-mini",
      startTime: "2026-11-22T10:00:00.000Z",
      endTime: "2026-11-22T10:00:00.850Z",
      usageDetails: { input: 1200, output: 300 },
      costDetails: { total: 0.00096 },
    });
  });

  it("reports a refused batch as an error (logged by the caller, never thrown at a request)", async () => {
    const refuse = (async () => new Response("no", { status: 401 })) as unknown as typeof fetch;
    await expect(
      sendToLangfuse({ publicKey: "pk", secretKey: "sk", baseUrl: "https://lf.example" }, call, refuse),
    ).rejects.toThrow("401");
  });
});

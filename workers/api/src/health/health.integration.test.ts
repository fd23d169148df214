import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "../../test/helpers";
import { app } from "../app";
import { notebookObject } from "../content/content-db";
import { CONTENT_PROBE } from "./health.checks";

describe("health", () => {
  it("GET /health answers status, version and time", async () => {
    const res = await call("/health");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body.status).toBe("ok");
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Number.isNaN(Date.parse(body.time ?? ""))).toBe(false);
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("GET /health/ready checks every dependency and names the providers", async () => {
    const res = await call("/health/ready");
    const body = (await res.json()) as {
      status: string;
      checks: { name: string; ok: boolean }[];
      providers: Record<string, unknown>;
    };
    expect(res.status).toBe(200);
    expect(body.status).toBe("ready");
    expect(body.checks.map((c) => c.name).sort()).toEqual([
      "content",
      "d1",
      "providers",
      "queue",
      "r2",
      "vectors",
      "workflow",
    ]);
    expect(body.checks.every((c) => c.ok)).toBe(true);
    expect(body.providers).toMatchObject({ embeddings: "local", answers: "extractive", vectors: "d1-exact" });
    const { ingestion } = body as unknown as { ingestion: Record<string, number> };
    expect(Object.keys(ingestion).sort()).toEqual(["failedLast24h", "oldestQueuedAgeSeconds", "processing", "queued"]);
  });

  it("GET /health/ready answers 503 naming D1 when the database fails", async () => {
    const brokenDb = {
      prepare() {
        throw new Error("D1_ERROR: database is unavailable");
      },
    } as unknown as D1Database;
    const res = await app.request("/health/ready", {}, { ...env, DB: brokenDb });
    expect(res.status).toBe(503);
    const body = (await res.json()) as {
      status: string;
      failing: string[];
      checks: { name: string; ok: boolean; detail: string }[];
    };
    expect(body.status).toBe("not_ready");
    expect(body.failing).toEqual(["d1"]);
    expect(body.checks.find((c) => c.name === "d1")?.detail).toContain("unavailable");
  });

  it("GET /health/ready answers 503 naming content when the notebook objects do not answer", async () => {
    const broken = {
      getByName() {
        return {
          stats: async () => {
            throw new Error("Durable Object storage is unavailable");
          },
        };
      },
    } as unknown as DurableObjectNamespace;
    const res = await app.request("/health/ready", {}, { ...env, NOTEBOOK_CONTENT: broken });
    expect(res.status).toBe(503);
    const body = (await res.json()) as { failing: string[]; checks: { name: string; detail: string }[] };
    expect(body.failing).toEqual(["content"]);
    expect(body.checks.find((c) => c.name === "content")?.detail).toContain("unavailable");
  });

  it("the content probe creates no data: its object stays empty", async () => {
    await call("/health/ready");
    await call("/health/ready");
    const stats = (await notebookObject(env, CONTENT_PROBE).stub.stats()) as { rows: Record<string, number> };
    expect(Object.values(stats.rows).every((n) => n === 0)).toBe(true);
  });

  it("GET /health/ready refuses production running on the local embedder", async () => {
    const res = await app.request(
      "/health/ready",
      {},
      {
        ...env,
        ENVIRONMENT: "production",
        BETTER_AUTH_SECRET: "x".repeat(40),
        METRICS_TOKEN: "m".repeat(32),
        EMBEDDING_PROVIDER: "local",
      },
    );
    expect(res.status).toBe(503);
    const body = (await res.json()) as { failing: string[] };
    expect(body.failing).toContain("providers");
    expect(body.failing).toContain("vectors");
  });
});

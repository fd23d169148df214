import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bearer, call, createNotebook, signUp, uploadFile, waitForTerminal } from "../../test/helpers";
import { recordEmbeddingCall } from "../models/calls";
import { createLogger } from "../platform/logger";
import { PLANS } from "./plans";
import { periodStart } from "./quotas";

const text = (s: string) => new TextEncoder().encode(s);

/** Plants document rows (no files) so a test can stand right at a plan limit. */
async function plantDocuments(userId: string, notebookId: string, count: number, bytesEach: number) {
  const statements = Array.from({ length: count }, (_, i) =>
    env.DB.prepare(
      `INSERT INTO document (id, notebook_id, owner_id, title, source_type, media_type, size_bytes, sha256, r2_key, status)
       VALUES (?, ?, ?, ?, 'text', 'text/plain', ?, ?, ?, 'ready')`,
    ).bind(
      `doc_planted_${crypto.randomUUID()}`,
      notebookId,
      userId,
      `planted ${i}`,
      bytesEach,
      crypto.randomUUID(),
      `planted/${i}`,
    ),
  );
  for (let i = 0; i < statements.length; i += 50) await env.DB.batch(statements.slice(i, i + 50));
}

async function documentsIn(notebookId: string) {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM document WHERE notebook_id = ?")
    .bind(notebookId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("plan limits on uploads", () => {
  it("accepts the last document a notebook may hold and refuses the next with 402, storing nothing", async () => {
    const user = await signUp();
    const auth = bearer(user);
    const notebookId = await createNotebook(auth);
    await plantDocuments(user.userId, notebookId, PLANS.free.documentsPerNotebook - 1, 10);

    const last = await uploadFile(auth, notebookId, text("The last one that fits."), "last.txt", "text/plain");
    expect(last.status).toBe(202);
    const next = await uploadFile(auth, notebookId, text("One too many."), "next.txt", "text/plain");
    expect(next.status).toBe(402);
    expect(next.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await next.json()) as { title: string; detail: string };
    expect(problem.title).toBe("Notebook is full");
    expect(problem.detail).toContain(`${PLANS.free.documentsPerNotebook} documents per notebook`);
    expect(await documentsIn(notebookId)).toBe(PLANS.free.documentsPerNotebook);
    const objects = await env.FILES.list({ prefix: `documents/${notebookId}/` });
    expect(objects.objects).toHaveLength(1); // only the accepted upload's original
  });

  it("refuses a file that would cross the storage limit, and accepts one that just fits", async () => {
    const user = await signUp();
    const auth = bearer(user);
    const notebookId = await createNotebook(auth);
    const small = text("exactly twenty bytes");
    await plantDocuments(user.userId, notebookId, 1, PLANS.free.storageBytes - small.length);

    const tooBig = await uploadFile(auth, notebookId, text("twenty-one bytes long"), "big.txt", "text/plain");
    expect(tooBig.status).toBe(402);
    expect(((await tooBig.json()) as { title: string }).title).toBe("Storage is full");
    const fits = await uploadFile(auth, notebookId, small, "fits.txt", "text/plain");
    expect(fits.status).toBe(202);
  });
});

describe("monthly page quota", () => {
  it("rejects a document whose pages would cross the quota, with the reason, and charges nothing", async () => {
    const user = await signUp();
    const auth = bearer(user);
    const notebookId = await createNotebook(auth);
    const month = periodStart("month", new Date()).getTime();
    await env.DB.prepare("INSERT INTO quota_counter (user_id, metric, period_start, used) VALUES (?, 'pages', ?, ?)")
      .bind(user.userId, month, PLANS.free.pagesPerMonth - 1)
      .run();

    // One section ("page") fits exactly.
    const fits = await uploadFile(auth, notebookId, text("A short note on photosynthesis."), "note.txt", "text/plain");
    const fitsDoc = await waitForTerminal(auth, ((await fits.json()) as { id: string }).id);
    expect(fitsDoc.status).toBe("ready");

    const over = await uploadFile(auth, notebookId, text("Another note, on respiration."), "over.txt", "text/plain");
    const overDoc = await waitForTerminal(auth, ((await over.json()) as { id: string }).id);
    expect(overDoc.status).toBe("rejected");
    expect(overDoc.error?.code).toBe("quota");
    expect(overDoc.error?.message).toContain("pages ingested per month");
    const counter = await env.DB.prepare(
      "SELECT used FROM quota_counter WHERE user_id = ? AND metric = 'pages' AND period_start = ?",
    )
      .bind(user.userId, month)
      .first<{ used: number }>();
    expect(counter?.used).toBe(PLANS.free.pagesPerMonth);
  });
});

describe("embedding usage", () => {
  it("records paid embedding calls with estimated tokens, and not the free local embedder", async () => {
    const user = await signUp();
    const texts = ["a".repeat(400), "b".repeat(400)];
    await recordEmbeddingCall(env, createLogger(), "openai/text-embedding-3-small", {
      userId: user.userId,
      notebookId: "nb_x",
      texts,
      latencyMs: 12,
    });
    await recordEmbeddingCall(env, createLogger(), "local/hashing-512-v1", {
      userId: user.userId,
      notebookId: "nb_x",
      texts,
      latencyMs: 1,
    });
    const usage = (await (await call("/v1/usage", { headers: bearer(user) })).json()) as {
      byModel: { provider: string; model: string; inputTokens: number; costUsd: number }[];
    };
    expect(usage.byModel).toHaveLength(1);
    expect(usage.byModel[0]).toMatchObject({ provider: "openai", model: "text-embedding-3-small", inputTokens: 200 });
    expect(usage.byModel[0]?.costUsd).toBeCloseTo((200 * 0.02) / 1_000_000, 12);
  });
});

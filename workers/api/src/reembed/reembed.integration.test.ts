// Issue 17, point 7: a notebook moves to another embedding model through the ReembedNotebook Workflow, with a
// recall check before a guarded switch. Real D1 and Workflows; the second models sit at the provider seam.

import { introspectWorkflow } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import type { ReembedJobDto } from "../../../../schemas/reembed";
import { reembedNotebook } from "../../../../scripts/reembed-client.mjs";
import { contentOfNotebook, rowsAnywhere } from "../../test/content-of";
import { bearer, call, signUp } from "../../test/helpers";
import { MemoryVectorize } from "../../test/memory-vectorize";
import { notebookWithTexts, search } from "../../test/notebook-helpers";
import { RandomEmbedder, SecondHashingEmbedder } from "../../test/second-embedders";
import { tokenFingerprint } from "../admin/require-admin";
import { app } from "../app";
import { overrideEmbedderForTests, registerEmbeddersForTests } from "../embeddings/embedder";
import { HashingEmbedder } from "../embeddings/hashing-embedder";
import { useVectorIndexForTests } from "../vectors/vector-store";

const ADMIN_TOKEN = "r".repeat(40);
const withAdmin = { ...env, ADMIN_TOKEN } as Env;
const LOCAL = new HashingEmbedder().model;

function adminCall(path: string, init: RequestInit = {}, token: string | null = ADMIN_TOKEN, target = withAdmin) {
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  return app.request(new Request(new URL(path, "http://api.test"), { ...init, headers }), undefined, target);
}

const start = (notebookId: string, body: unknown, token: string | null = ADMIN_TOKEN, target = withAdmin) =>
  adminCall(
    `/v1/admin/notebooks/${notebookId}/re-embed`,
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    token,
    target,
  );

/** Polls the job through the admin API until the Workflow has ended it. */
async function settled(notebookId: string): Promise<ReembedJobDto> {
  for (let i = 0; i < 600; i++) {
    const job = (await (await adminCall(`/v1/admin/notebooks/${notebookId}/re-embed`)).json()) as ReembedJobDto;
    if (job.status !== "running") return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`re-embed of ${notebookId} still running`);
}

/** Pseudo-words from syllables: every section its own vocabulary, so each chunk has questions only it answers. */
const SYLLABLES = "ka lo mi ne su ta ri vo pe du gan tor mel sib run qua fex".split(" ");
function word(seed: number): string {
  let s = seed;
  let w = "";
  for (let i = 0; i < 3; i++) {
    w += SYLLABLES[s % SYLLABLES.length];
    s = Math.floor(s / SYLLABLES.length) + 7 * (i + 1);
  }
  return w;
}
function section(n: number): string {
  const sentences = Array.from({ length: 14 }, (_, j) => {
    const words = Array.from({ length: 12 }, (_, k) => word(n * 997 + j * 31 + k * 7 + 13));
    return `The ${words.join(" ")}.`;
  });
  return `Section ${n}\n\n${sentences.join(" ")}`;
}
const texts = (from: number, count: number) => Array.from({ length: count }, (_, i) => section(from + i)).join("\n\n");

async function studyNotebook() {
  const user = await signUp();
  const auth = bearer(user);
  const { notebookId } = await notebookWithTexts(auth, [
    { title: "Part one", text: texts(1, 25) },
    { title: "Part two", text: texts(26, 25) },
  ]);
  return { auth, user, notebookId };
}

const notebookRow = (id: string) =>
  env.DB.prepare("SELECT embedding_model, vector_generation, content_version FROM notebook WHERE id = ?")
    .bind(id)
    .first<{ embedding_model: string; vector_generation: number; content_version: number }>();
/** Local vectors in a vector space (`<notebookId>` or `<notebookId>@g`), in D1 and in the notebook's object. */
const vectorsIn = (space: string) =>
  rowsAnywhere(space.split("@")[0] ?? space, "SELECT count(*) AS n FROM chunk_vector WHERE notebook_id = ?", space);
const chunksOf = (notebookId: string) =>
  rowsAnywhere(notebookId, "SELECT count(*) AS n FROM chunk WHERE notebook_id = ?", notebookId);

afterEach(() => {
  registerEmbeddersForTests(undefined);
  overrideEmbedderForTests(undefined);
  useVectorIndexForTests(undefined);
});

describe("re-embed: moving a notebook to another embedding model", () => {
  it("a good model passes the recall check: the notebook switches, search finds the right chunk, old vectors go", async () => {
    const good = new SecondHashingEmbedder();
    registerEmbeddersForTests([good]);
    const { auth, notebookId } = await studyNotebook();
    const chunks = await chunksOf(notebookId);
    expect(chunks).toBeGreaterThanOrEqual(40);
    const before = await notebookRow(notebookId);
    expect(before).toMatchObject({ embedding_model: LOCAL, vector_generation: 0 });
    expect(await vectorsIn(notebookId)).toBe(chunks);

    // A semantic search before the move fills this isolate's vector matrix cache for generation 0.
    const early = await search(auth, notebookId, { query: "Section 18", mode: "semantic", limit: 3 });
    expect(early.body.fallbackReason).toBeNull();

    const res = await start(notebookId, { model: good.model, reason: "ticket OPS-42: better model" });
    expect(res.status).toBe(202);
    const started = (await res.json()) as ReembedJobDto;
    expect(started).toMatchObject({ status: "running", fromModel: LOCAL, toModel: good.model, notebookId });

    const job = await settled(notebookId);
    expect(job.id).toBe(started.id);
    expect(job.failure).toBeNull();
    expect(job).toMatchObject({ status: "switched", chunkCount: chunks, embedded: chunks });
    expect(job.recall).toMatchObject({ questions: 20, k: 10, passed: true });
    expect(job.recall?.hitNew).toBeGreaterThanOrEqual(0.9 * (job.recall?.hitOld ?? 1));
    expect(job.recall?.hitOld).toBeGreaterThan(0.8);
    // More than one embedding step: the batch size is the model's maxBatch (EMBEDDING_BATCH_SIZE in deployments).
    expect(good.calls).toBeGreaterThan(Math.ceil(chunks / good.maxBatch));

    const after = await notebookRow(notebookId);
    expect(after).toMatchObject({ embedding_model: good.model, vector_generation: 1 });
    expect(after?.content_version).toBeGreaterThan(before?.content_version ?? 0);
    expect(await vectorsIn(notebookId)).toBe(0);
    expect(await vectorsIn(`${notebookId}@1`)).toBe(chunks);

    // The deployment now embeds with the new model: semantic search reads generation 1 and finds the chunk.
    overrideEmbedderForTests(good);
    const target = await (await contentOfNotebook(notebookId))
      .prepare("SELECT id, text FROM chunk WHERE notebook_id = ? ORDER BY seq LIMIT 1 OFFSET 17")
      .bind(notebookId)
      .first<{ id: string; text: string }>();
    const question = (target?.text ?? "").split(". ")[3] ?? "";
    const found = await search(auth, notebookId, { query: question, mode: "semantic", limit: 5 });
    expect(found.status).toBe(200);
    expect(found.body.mode).toBe("semantic");
    expect(found.body.fallbackReason).toBeNull();
    expect(found.body.results[0]?.chunkIds).toContain(target?.id);

    // The audit names the token's fingerprint, the notebook, both models and the reason.
    const audit = await env.DB.prepare(
      "SELECT actor, detail FROM admin_audit WHERE action = 'notebook.reembed' AND detail LIKE ?",
    )
      .bind(`%${started.id}%`)
      .first<{ actor: string; detail: string }>();
    expect(audit?.actor).toBe(`admin:${await tokenFingerprint(ADMIN_TOKEN)}`);
    expect(JSON.parse(audit?.detail ?? "{}")).toEqual({
      notebookId,
      jobId: started.id,
      from: LOCAL,
      to: good.model,
      reason: "ticket OPS-42: better model",
    });
  });

  it("a bad model fails the recall check: the old model and vectors stay, the new vectors go, the reason is kept", async () => {
    const bad = new RandomEmbedder();
    registerEmbeddersForTests([bad]);
    const { auth, notebookId } = await studyNotebook();
    const chunks = await chunksOf(notebookId);
    const before = await notebookRow(notebookId);

    expect((await start(notebookId, { model: bad.model, reason: "try a cheaper model" })).status).toBe(202);
    const job = await settled(notebookId);
    expect(job.status).toBe("failed");
    expect(job.recall?.passed).toBe(false);
    expect(job.recall?.hitNew).toBeLessThan(0.5);
    expect(job.failure).toMatch(/^recall check failed: the new model found the source chunk of \d+% of 20 questions/);

    expect(await notebookRow(notebookId)).toEqual(before);
    expect(await vectorsIn(`${notebookId}@1`)).toBe(0);
    expect(await vectorsIn(notebookId)).toBe(chunks);
    const still = await search(auth, notebookId, { query: "Section 5", mode: "semantic", limit: 3 });
    expect(still.body.fallbackReason).toBeNull();
    expect(still.body.results.length).toBeGreaterThan(0);
  });

  it("the guarded switch loses when the notebook's model changed meanwhile: nothing switches, new vectors go", async () => {
    let notebookId = "";
    // A concurrent writer moves the notebook while the Workflow embeds (first embedding call).
    const racing = new SecondHashingEmbedder(384, async (n) => {
      if (n !== 1) return;
      await env.DB.prepare("UPDATE notebook SET embedding_model = 'local/elsewhere-v0' WHERE id = ?")
        .bind(notebookId)
        .run();
    });
    registerEmbeddersForTests([racing]);
    ({ notebookId } = await studyNotebook());
    const chunks = await chunksOf(notebookId);

    expect((await start(notebookId, { model: racing.model, reason: "race" })).status).toBe(202);
    const job = await settled(notebookId);
    expect(job.status).toBe("failed");
    expect(job.recall?.passed).toBe(true);
    expect(job.failure).toMatch(/model changed during the re-embed \(now local\/elsewhere-v0, generation 0\)/);
    expect(await notebookRow(notebookId)).toMatchObject({
      embedding_model: "local/elsewhere-v0",
      vector_generation: 0,
    });
    expect(await vectorsIn(`${notebookId}@1`)).toBe(0);
    expect(await vectorsIn(notebookId)).toBe(chunks);
  });

  it("through Vectorize (the in-memory binding): the new ids carry @1 and their metadata <notebook>@1; another size is refused", async () => {
    const index = new MemoryVectorize(512);
    useVectorIndexForTests(index.asBinding());
    const same = new SecondHashingEmbedder(512);
    registerEmbeddersForTests([same, new SecondHashingEmbedder()]);
    const { auth, notebookId } = await studyNotebook();
    const chunks = await chunksOf(notebookId);
    // A fresh index: everything in it is this notebook's.
    const ours = () => index.ids();
    expect(ours()).toHaveLength(chunks);
    expect(ours().every((id) => !id.includes("@"))).toBe(true);

    const refused = await start(notebookId, { model: "local/test-hashing-384-v2", reason: "other size" });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/384-dimensional/);

    expect((await start(notebookId, { model: same.model, reason: "same size" })).status).toBe(202);
    const job = await settled(notebookId);
    expect(job.failure).toBeNull();
    expect(job.status).toBe("switched");
    expect(ours()).toHaveLength(chunks);
    expect(ours().every((id) => id.endsWith("@1"))).toBe(true);
    const [sample] = await index.asBinding().getByIds([ours()[0] ?? ""]);
    expect(sample?.metadata?.notebookId).toBe(`${notebookId}@1`);

    overrideEmbedderForTests(same);
    const found = await search(auth, notebookId, { query: "Section 30", mode: "semantic", limit: 3 });
    expect(found.body.fallbackReason).toBeNull();
    expect(found.body.results.length).toBeGreaterThan(0);
    expect(found.body.results.every((r) => r.chunkIds.every((id) => !id.includes("@")))).toBe(true);
  });

  it("npm run reembed (scripts/reembed-client.mjs) starts the move, follows it and reports the outcome", async () => {
    const bad = new RandomEmbedder();
    registerEmbeddersForTests([bad]);
    const { notebookId } = await studyNotebook();
    const lines: string[] = [];
    const options = {
      api: "http://api.test",
      token: ADMIN_TOKEN,
      notebookId,
      model: bad.model,
      reason: "script run",
      fetch: ((url: string, init?: RequestInit) => app.request(url, init, withAdmin)) as typeof fetch,
      sleep: () => new Promise((r) => setTimeout(r, 50)),
      print: (line: string) => void lines.push(line),
    };
    const outcome = await reembedNotebook(options);
    expect(outcome.ok).toBe(false);
    expect(outcome.job?.status).toBe("failed");
    expect(lines[0]).toMatch(new RegExp(`^started rej_\\w+: ${LOCAL} → ${bad.model}`));
    expect(lines.at(-1)).toMatch(/^kept local\/hashing-512-v1: recall check failed: .*; recall: hit@10 1 → 0\.\d+/);
    const again = await reembedNotebook({ ...options, model: LOCAL });
    expect(again.ok).toBe(false);
    expect(lines.at(-1)).toBe(`refused (409): This notebook is already embedded with ${LOCAL}.`);
  });

  it("a step out of retries (the provider down mid-way) ends the job failed, takes back what it wrote, reopens uploads", async () => {
    const good = new SecondHashingEmbedder();
    registerEmbeddersForTests([good]);
    const { auth, notebookId } = await studyNotebook();
    const chunks = await chunksOf(notebookId);
    const before = await notebookRow(notebookId);
    await using introspector = await introspectWorkflow(env.REEMBED_WORKFLOW);
    await introspector.modifyAll(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "embed chunks 16-31" }, new Error("embedding provider 503"));
    });

    expect((await start(notebookId, { model: good.model, reason: "provider outage" })).status).toBe(202);
    const [instance] = await introspector.get();
    await instance?.waitForStatus("complete");
    expect(await instance?.getOutput()).toBe("failed");
    const job = await settled(notebookId);
    expect(job).toMatchObject({ status: "failed", embedded: 16, recall: null });
    expect(job.failure).toMatch(/^stopped before the switch: .*embedding provider 503/);
    expect(await notebookRow(notebookId)).toEqual(before);
    expect(await vectorsIn(`${notebookId}@1`)).toBe(0);
    expect(await vectorsIn(notebookId)).toBe(chunks);
    const upload = await call(`/v1/notebooks/${notebookId}/documents`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ title: "After", text: "A file added once the failed move has ended." }),
    });
    expect(upload.status).toBe(202);
  });

  it("uploads wait while a re-embed runs (409 with why), and a second start is refused", async () => {
    const good = new SecondHashingEmbedder();
    registerEmbeddersForTests([good]);
    const { auth, notebookId } = await studyNotebook();
    // A running job as the start route writes it, without its Workflow, so the window stays open.
    const now = Date.now();
    await env.DB.prepare(
      `INSERT INTO reembed_job (id, notebook_id, from_model, to_model, from_generation, to_generation, status, reason, actor,
         created_at, updated_at) VALUES (?, ?, ?, ?, 0, 1, 'running', 'window', 'admin:test', ?, ?)`,
    )
      .bind(`rej_window_${now}`, notebookId, LOCAL, good.model, now, now)
      .run();
    const upload = await call(`/v1/notebooks/${notebookId}/documents`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ title: "Late", text: "A late file about something new entirely." }),
    });
    expect(upload.status).toBe(409);
    expect(upload.headers.get("content-type")).toMatch(/application\/problem\+json/);
    const problem = (await upload.json()) as { type: string; detail: string };
    expect(problem.type).toMatch(/reembed-in-progress$/);
    expect(problem.detail).toContain(good.model);
    const docs = await env.DB.prepare("SELECT count(*) AS n FROM document WHERE notebook_id = ? AND title = 'Late'")
      .bind(notebookId)
      .first<{ n: number }>();
    expect(docs?.n).toBe(0);

    const second = await start(notebookId, { model: good.model, reason: "again" });
    expect(second.status).toBe(409);
    expect(((await second.json()) as { detail: string }).detail).toMatch(/already running/);
    await env.DB.prepare("UPDATE reembed_job SET status = 'failed' WHERE id = ?").bind(`rej_window_${now}`).run();
  });

  it("is an admin route: no token, a wrong one or a student's is 401, off without ADMIN_TOKEN; bad input writes nothing", async () => {
    const good = new SecondHashingEmbedder();
    registerEmbeddersForTests([good]);
    const { user, notebookId } = await studyNotebook();
    const body = { model: good.model, reason: "x" };
    expect((await start(notebookId, body, null)).status).toBe(401);
    expect((await start(notebookId, body, "s".repeat(40))).status).toBe(401);
    expect((await start(notebookId, body, user.token)).status).toBe(401);
    expect((await start(notebookId, body, ADMIN_TOKEN, env)).status).toBe(503);
    expect((await adminCall(`/v1/admin/notebooks/${notebookId}/re-embed`, {}, null)).status).toBe(401);

    expect((await start(notebookId, { model: "acme/unknown-embedder", reason: "x" })).status).toBe(422);
    expect((await start(notebookId, { model: LOCAL, reason: "x" })).status).toBe(409);
    expect((await start(notebookId, { model: good.model })).status).toBe(422);
    expect((await start("nb_missing", body)).status).toBe(404);
    expect((await adminCall(`/v1/admin/notebooks/${notebookId}/re-embed`)).status).toBe(404);
    const rows = await env.DB.prepare(
      "SELECT (SELECT count(*) FROM reembed_job WHERE notebook_id = ?1) AS jobs, (SELECT count(*) FROM admin_audit WHERE detail LIKE '%' || ?1 || '%') AS audits",
    )
      .bind(notebookId)
      .first<{ jobs: number; audits: number }>();
    expect(rows).toEqual({ jobs: 0, audits: 0 });
    expect((await notebookRow(notebookId))?.embedding_model).toBe(LOCAL);
  });
});

/**
 * Vectorize index groups (docs/scale.md §5, migration 0024): a notebook's vectors live in the index its row
 * names (0 = VECTORS, n = VECTORS_<n>), assigned when it is created; a notebook whose index is not bound gets a
 * 503, never another index.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { bearer, call, createNotebook, jsonBody, signUp } from "../../test/helpers";
import { MemoryVectorize } from "../../test/memory-vectorize";
import { addText, search } from "../../test/notebook-helpers";
import { app } from "../app";
import { runReadinessChecks } from "../health/health.checks";
import { parseConfig } from "../platform/config";
import { useVectorIndexForTests } from "./vector-store";

afterEach(() => useVectorIndexForTests(undefined));

const setIndex = (notebookId: string, index: number) =>
  env.DB.prepare("UPDATE notebook SET vector_index = ? WHERE id = ?").bind(index, notebookId).run();
const indexOf = async (notebookId: string) =>
  (await env.DB.prepare("SELECT vector_index AS n FROM notebook WHERE id = ?").bind(notebookId).first<{ n: number }>())
    ?.n;

const BIRDS = "Albatrosses glide over the southern ocean for hours without flapping their long narrow wings.";
const ROCKS = "Basalt forms when lava rich in iron and magnesium cools quickly at the surface of the earth.";

describe("Vectorize index groups", () => {
  it("each notebook's vectors are written to, searched in and deleted from its own index", async () => {
    const zero = new MemoryVectorize(512);
    const one = new MemoryVectorize(512);
    useVectorIndexForTests({ 0: zero.asBinding(), 1: one.asBinding() });
    const auth = bearer(await signUp());
    const inZero = await createNotebook(auth, "Index 0");
    const inOne = await createNotebook(auth, "Index 1");
    await setIndex(inOne, 1);

    const birds = await addText(auth, inZero, { title: "Birds", text: BIRDS });
    const rocks = await addText(auth, inOne, { title: "Rocks", text: ROCKS });
    expect(zero.ids().length).toBe(birds.chunkCount);
    expect(one.ids().length).toBe(rocks.chunkCount);
    expect(zero.ids().every((id) => id.startsWith(`${birds.id}:`))).toBe(true);
    expect(one.ids().every((id) => id.startsWith(`${rocks.id}:`))).toBe(true);

    for (const [notebookId, doc, query] of [
      [inZero, birds, "seabirds gliding on wings"],
      [inOne, rocks, "volcanic rock from lava"],
    ] as const) {
      const { status, body } = await search(auth, notebookId, { query, mode: "semantic" });
      expect(status).toBe(200);
      expect(body.mode).toBe("semantic");
      expect(body.fallbackReason).toBeNull();
      expect(body.results.map((r) => r.documentId)).toEqual([doc.id]);
    }

    expect((await call(`/v1/documents/${rocks.id}`, { method: "DELETE", headers: auth })).status).toBe(204);
    expect(one.ids()).toEqual([]);
    expect(zero.ids().length).toBe(birds.chunkCount);
  });

  it("a notebook whose index is not bound gets 503 vector-index-unbound on upload and search", async () => {
    const zero = new MemoryVectorize(512);
    useVectorIndexForTests({ 0: zero.asBinding() });
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth, "Index 7");
    await setIndex(notebookId, 7);

    const upload = await call(`/v1/notebooks/${notebookId}/documents`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ title: "Rocks", text: ROCKS }),
    });
    expect(upload.status).toBe(503);
    expect(upload.headers.get("content-type")).toMatch(/problem\+json/);
    const problem = (await upload.json()) as { type: string; detail: string };
    expect(problem.type).toMatch(/vector-index-unbound$/);
    expect(problem.detail).toMatch(/vector index 7 is not bound in this deployment/);
    const { results } = await env.DB.prepare("SELECT id FROM document WHERE notebook_id = ?").bind(notebookId).all();
    expect(results).toEqual([]);

    // A notebook with an embedding model (something was indexed before the binding went): search refuses too.
    await env.DB.prepare("UPDATE notebook SET embedding_model = 'local/hashing-512-v1' WHERE id = ?")
      .bind(notebookId)
      .run();
    const { status, body } = await search(auth, notebookId, { query: "lava", mode: "semantic" });
    expect(status).toBe(503);
    expect((body as unknown as { type: string }).type).toMatch(/vector-index-unbound$/);
    expect(zero.size).toBe(0);
  });

  it("VECTOR_INDEX_FOR_NEW_NOTEBOOKS assigns new notebooks; existing ones keep theirs", async () => {
    expect(parseConfig({}).vectorIndexForNewNotebooks).toBe(0);
    expect(parseConfig({ VECTOR_INDEX_FOR_NEW_NOTEBOOKS: "3" }).vectorIndexForNewNotebooks).toBe(3);
    expect(() => parseConfig({ VECTOR_INDEX_FOR_NEW_NOTEBOOKS: "-1" })).toThrow(/VECTOR_INDEX_FOR_NEW_NOTEBOOKS/);
    expect(() => parseConfig({ VECTOR_INDEX_FOR_NEW_NOTEBOOKS: "one" })).toThrow(/VECTOR_INDEX_FOR_NEW_NOTEBOOKS/);

    const auth = bearer(await signUp());
    const before = await createNotebook(auth, "Before the bump");
    const req = jsonBody({ title: "After the bump" });
    const res = await app.request(
      new Request("http://api.test/v1/notebooks", {
        method: "POST",
        body: req.body,
        headers: { ...req.headers, ...auth },
      }),
      undefined,
      { ...env, VECTOR_INDEX_FOR_NEW_NOTEBOOKS: "1" } as Env,
    );
    expect(res.status).toBe(201);
    const after = ((await res.json()) as { id: string }).id;
    expect(await indexOf(before)).toBe(0);
    expect(await indexOf(after)).toBe(1);
  });

  it("readiness fails when VECTOR_INDEX_FOR_NEW_NOTEBOOKS names an index that is not bound", async () => {
    const zero = new MemoryVectorize(512).asBinding();
    const vectorsCheck = async (vars: Record<string, unknown>) => {
      const deployed = { ...env, VECTORS: zero, ...vars } as unknown as Env;
      const checks = await runReadinessChecks(deployed, parseConfig(vars));
      return checks.find((c) => c.name === "vectors");
    };
    expect(await vectorsCheck({})).toMatchObject({ ok: true });
    expect(await vectorsCheck({ VECTOR_INDEX_FOR_NEW_NOTEBOOKS: "1" })).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/VECTORS_1, which is not bound/),
    });
    expect(await vectorsCheck({ VECTOR_INDEX_FOR_NEW_NOTEBOOKS: "1", VECTORS_1: zero })).toMatchObject({ ok: true });
  });
});

import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MemoryVectorize } from "../../test/memory-vectorize";
import { D1VectorStore } from "./d1-vector-store";
import { type VectorRecord, type VectorStore, vectorId } from "./vector-store";
import { VectorizeStore } from "./vectorize-store";

const DIMS = 8;
const run = crypto.randomUUID().slice(0, 8);
const nbA = `nb_contract_a_${run}`;
const nbB = `nb_contract_b_${run}`;
const docA1 = `doc_ca1_${run}`;
const docA2 = `doc_ca2_${run}`;
const docB1 = `doc_cb1_${run}`;

/** A unit vector leaning towards axis `axis`, with a little of axis `axis + 1`. */
function lean(axis: number, tilt: number): number[] {
  const v = Array.from({ length: DIMS }, () => 0);
  v[axis % DIMS] = 1;
  v[(axis + 1) % DIMS] = tilt;
  return v;
}

function records(notebookId: string, documentId: string, count: number, axis: number, tiltFrom = 0): VectorRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: vectorId(documentId, i),
    values: lean(axis, tiltFrom + i * 0.01),
    notebookId,
    documentId,
  }));
}

// The D1 store's rows hang off real documents (foreign keys), so the contract's documents exist.
beforeAll(async () => {
  const user = `user_contract_${run}`;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO user (id, name, email) VALUES (?, 'c', ?)").bind(user, `${user}@example.test`),
    ...[nbA, nbB].map((nb) =>
      env.DB.prepare("INSERT INTO notebook (id, owner_id, title) VALUES (?, ?, 't')").bind(nb, user),
    ),
    ...[
      [docA1, nbA],
      [docA2, nbA],
      [docB1, nbB],
    ].map(([doc, nb]) =>
      env.DB.prepare(
        "INSERT INTO document (id, notebook_id, owner_id, title, source_type, media_type, size_bytes, sha256, r2_key) VALUES (?, ?, ?, 't', 'text', 'text/plain', 1, ?, 'k')",
      ).bind(doc, nb, user, doc),
    ),
  ]);
});

const implementations: [string, () => { store: VectorStore; settle: () => void }][] = [
  ["d1-exact", () => ({ store: new D1VectorStore(env.DB), settle: () => {} })],
  [
    "vectorize (in-memory VectorizeIndex)",
    () => {
      const index = new MemoryVectorize(DIMS, { lagging: true });
      return { store: new VectorizeStore(index.asBinding()), settle: () => index.applyPending() };
    },
  ],
];

describe.each(implementations)("vector store contract: %s", (_name, make) => {
  it("returns the nearest vectors of the notebook first, filtered before topK", async () => {
    const { store, settle } = make();
    // Notebook A holds 30 vectors right on the query; notebook B holds 5 further away.
    await store.upsert([...records(nbA, docA1, 30, 0), ...records(nbB, docB1, 5, 0, 0.8)]);
    settle();
    const inB = await store.query(lean(0, 0), { notebookId: nbB, topK: 3 });
    expect(inB.map((m) => m.id)).toEqual([vectorId(docB1, 0), vectorId(docB1, 1), vectorId(docB1, 2)]);
    expect(inB.every((m) => m.documentId === docB1)).toBe(true);
    expect(inB[0]?.score).toBeGreaterThan(inB[2]?.score ?? 1);
    const inA = await store.query(lean(0, 0), { notebookId: nbA, topK: 5 });
    expect(inA).toHaveLength(5);
    expect(inA[0]?.id).toBe(vectorId(docA1, 0));
    await store.deleteByIds([...records(nbA, docA1, 30, 0), ...records(nbB, docB1, 5, 0)].map((r) => r.id));
    settle();
  });

  it("upsert replaces a vector with the same id (values and notebook), never duplicates it", async () => {
    const { store, settle } = make();
    await store.upsert(records(nbA, docA2, 3, 2));
    settle();
    await store.upsert([{ id: vectorId(docA2, 1), values: lean(5, 0), notebookId: nbA, documentId: docA2 }]);
    settle();
    const all = await store.query(lean(5, 0), { notebookId: nbA, topK: 100, documentIds: [docA2] });
    expect(all.map((m) => m.id).sort()).toEqual([0, 1, 2].map((i) => vectorId(docA2, i)));
    expect(all[0]?.id).toBe(vectorId(docA2, 1));
    expect(all[0]?.score).toBeCloseTo(1, 5);
    await store.deleteByIds(all.map((m) => m.id));
    settle();
  });

  it("honours documentIds, clamps topK to 100 and forgets deleted ids", async () => {
    const { store, settle } = make();
    await store.upsert([...records(nbA, docA1, 120, 3), ...records(nbA, docA2, 4, 3)]);
    settle();
    const many = await store.query(lean(3, 0), { notebookId: nbA, topK: 1000 });
    expect(many).toHaveLength(100);
    const onlyA2 = await store.query(lean(3, 0), { notebookId: nbA, topK: 10, documentIds: [docA2] });
    expect(onlyA2.map((m) => m.documentId)).toEqual([docA2, docA2, docA2, docA2]);
    await store.deleteByIds(records(nbA, docA1, 120, 3).map((r) => r.id));
    settle();
    const left = await store.query(lean(3, 0), { notebookId: nbA, topK: 100 });
    expect(left.map((m) => m.documentId)).toEqual([docA2, docA2, docA2, docA2]);
    await store.deleteByIds(left.map((m) => m.id));
    settle();
    expect(await store.query(lean(3, 0), { notebookId: nbA, topK: 10 })).toEqual([]);
  });

  it("keeps a notebook's generations apart: each query reads one, and answers with chunk ids", async () => {
    const { store, settle } = make();
    // Generation 0 leans on axis 1, generation 1 of the same chunks on axis 4.
    const gen0 = records(nbA, docA2, 3, 1);
    const gen1 = records(nbA, docA2, 3, 4).map((r, i) => ({ ...r, id: vectorId(docA2, i, 1), generation: 1 }));
    expect(gen1[0]?.id).toBe(`${vectorId(docA2, 0)}@1`);
    expect(new TextEncoder().encode(vectorId(`doc_${"x".repeat(26)}`, 99_999, 999)).length).toBeLessThanOrEqual(64);
    await store.upsert([...gen0, ...gen1]);
    settle();
    const old = await store.query(lean(4, 0), { notebookId: nbA, topK: 10, documentIds: [docA2] });
    const next = await store.query(lean(4, 0), { notebookId: nbA, generation: 1, topK: 10, documentIds: [docA2] });
    expect(old.map((m) => m.id).sort()).toEqual(gen0.map((r) => r.id));
    expect(next.map((m) => m.id).sort()).toEqual(gen0.map((r) => r.id));
    expect(next.every((m) => m.documentId === docA2)).toBe(true);
    // Generation 1 was written on the query's axis, generation 0 far from it.
    expect(next[0]?.score).toBeCloseTo(1, 2);
    expect(old[0]?.score ?? 1).toBeLessThan(0.5);
    await store.deleteByIds(gen1.map((r) => r.id));
    settle();
    expect(await store.query(lean(4, 0), { notebookId: nbA, generation: 1, topK: 10 })).toEqual([]);
    expect(await store.query(lean(1, 0), { notebookId: nbA, topK: 10, documentIds: [docA2] })).toHaveLength(3);
    await store.deleteByIds(gen0.map((r) => r.id));
    settle();
  });

  it("reports a write visible once the index has applied it", async () => {
    const { store, settle } = make();
    const written = records(nbB, docB1, 2, 6);
    const mutation = await store.upsert(written);
    const ids = written.map((r) => r.id);
    if (store.kind === "vectorize") expect(await store.isVisible(mutation, ids)).toBe(false);
    settle();
    expect(await store.isVisible(mutation, ids)).toBe(true);
    await store.deleteByIds(ids);
    settle();
  });
});

describe("in-memory VectorizeIndex itself", () => {
  it("refuses what Vectorize refuses: ids over 64 bytes, topK over 20 with values, wrong dimensions", async () => {
    const index = new MemoryVectorize(DIMS);
    await expect(index.upsert([{ id: "x".repeat(65), values: lean(0, 0) }])).rejects.toThrow(/64 bytes/);
    await expect(index.upsert([{ id: "a", values: [1, 2] }])).rejects.toThrow(/dimensions/);
    await expect(index.query(lean(0, 0), { topK: 21, returnValues: true })).rejects.toThrow(/topK/);
    await expect(index.query(lean(0, 0), { topK: 101 })).rejects.toThrow(/topK/);
  });
});

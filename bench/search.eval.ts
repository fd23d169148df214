// `npm run bench:search`: p50/p95 of search (hybrid) and extractive ask on one notebook of 5,000 chunks, local.
// Chunks are written straight into D1 (with their stemmed keyword rows) and embedded through the real
// embedder and vector store, which is much faster than ingesting thousands of pages.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { contentDb } from "../workers/api/src/content/content-db";
import { embedderFor } from "../workers/api/src/embeddings/embedder";
import { indexText } from "../workers/api/src/retrieval/normalize";
import { vectorStoreFor } from "../workers/api/src/vectors/vector-store";
import { bearer, call, createNotebook, signUp } from "../workers/api/test/helpers";
import pages from "./retrieval/ntsb-pages.json";
import questions from "./retrieval/ntsb-questions.json";

const CHUNKS = 5_000;
const DOCS = 50;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

describe("search bench (5,000 chunks)", () => {
  it("prints p50/p95", async () => {
    const auth = bearer(await signUp("Bencher"));
    const notebookId = await createNotebook(auth, "Bench");
    const owner = (
      await env.DB.prepare("SELECT owner_id FROM notebook WHERE id = ?").bind(notebookId).first<{ owner_id: string }>()
    )?.owner_id;
    const embedder = embedderFor(env);
    await env.DB.prepare("UPDATE notebook SET embedding_model = ? WHERE id = ?").bind(embedder.model, notebookId).run();
    const sentences = Object.values(pages as Record<string, string[]>)
      .flat()
      .join(" ")
      .split(/(?<=[.!?])\s+/)
      .filter((s) => s.length > 20);
    // The notebook's chunks live in its own database (content/content-db.ts).
    const content = await contentDb(env, notebookId);
    const base = ((await content.prepare("SELECT max(seq) AS m FROM chunk").first<{ m: number | null }>())?.m ?? 0) + 1;
    const chunks = Array.from({ length: CHUNKS }, (_, i) => {
      const doc = `doc_bench${String(i % DOCS).padStart(4, "0")}`;
      const text = Array.from({ length: 6 }, (_, j) => sentences[(i * 7 + j * 13) % sentences.length]).join(" ");
      return { seq: base + i, id: `${doc}:${Math.floor(i / DOCS)}`, doc, index: Math.floor(i / DOCS), text };
    });
    const docs = [...new Set(chunks.map((c) => c.doc))].map((id) =>
      env.DB.prepare(
        `INSERT INTO document (id, notebook_id, owner_id, title, source_type, media_type, size_bytes, sha256, r2_key, status, stage)
         VALUES (?, ?, ?, ?, 'text', 'text/plain', 1, ?, 'none', 'ready', 'done')`,
      ).bind(id, notebookId, owner, `Bench ${id}`, id),
    );
    await env.DB.batch(docs);
    const statements = chunks.flatMap((c) => [
      content
        .prepare(
          `INSERT INTO chunk (seq, id, document_id, notebook_id, chunk_index, page_start, page_end, start_offset, end_offset, text, token_count, embedding_model)
         VALUES (?, ?, ?, ?, ?, 1, 1, 0, ?, ?, 100, ?)`,
        )
        .bind(c.seq, c.id, c.doc, notebookId, c.index, c.text.length, c.text, embedder.model),
      content.prepare("INSERT INTO chunk_keyword (seq, terms) VALUES (?, ?)").bind(c.seq, indexText(c.text)),
    ]);
    for (let i = 0; i < statements.length; i += 500) await content.batch(statements.slice(i, i + 500));
    const store = vectorStoreFor(env, content, 0);
    for (let i = 0; i < chunks.length; i += embedder.maxBatch) {
      const batch = chunks.slice(i, i + embedder.maxBatch);
      const vectors = await embedder.embed(batch.map((c) => c.text));
      await store.upsert(batch.map((c, j) => ({ id: c.id, values: vectors[j] ?? [], notebookId, documentId: c.doc })));
    }

    const time = async (path: string, body: unknown) => {
      const started = performance.now();
      const res = await call(path, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      await res.arrayBuffer();
      return performance.now() - started;
    };
    const searchMs: number[] = [];
    const askMs: number[] = [];
    for (const q of questions) searchMs.push(await time(`/v1/notebooks/${notebookId}/search`, { query: q.question }));
    for (const q of questions.slice(0, 25))
      askMs.push(await time(`/v1/notebooks/${notebookId}/ask`, { question: q.question }));
    searchMs.sort((a, b) => a - b);
    askMs.sort((a, b) => a - b);
    const row = (name: string, xs: number[]) =>
      `| ${name} | ${xs.length} | ${percentile(xs, 50).toFixed(0)} | ${percentile(xs, 95).toFixed(0)} |`;
    console.log(
      `\n| operation (${CHUNKS} chunks) | requests | p50 ms | p95 ms |\n|---|---|---|---|\n${row("search (hybrid)", searchMs)}\n${row("ask (extractive)", askMs)}\n`,
    );
  });
});

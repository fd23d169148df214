/**
 * The simulation's routes (bench/scale/simulate.ts, issue 21 point 5) on the product's code: a notebook's content is
 * in the product's schema (content-schema.ts) either in a D1 shard chosen by shardOf, or in the notebook's own
 * NotebookContent object (the product's class, reached through notebookObject's ContentDatabase handle). Both run
 * the same statements: uploads are one batch of sim-content.ts contentCalls; a search is retrieval/search.ts
 * keywordRanking then loadChunks of the first LIMIT hits; an ask is keywordRanking, loadChunks of its passages and
 * answers/passages.ts passagesOf (the pages the passages lie on, from document_page). Not included: the primary
 * D1's registry read (readyDocumentTitles) that runs beside them in the product, and anything after retrieval.
 * Timings are taken in the Worker around the awaited calls (workerd's clock advances on I/O).
 */
import { passagesOf } from "../../workers/api/src/answers/passages";
import { notebookObject } from "../../workers/api/src/content/content-db";
import { CONTENT_MIGRATIONS } from "../../workers/api/src/content/content-schema";
import type { SqlCall } from "../../workers/api/src/content/notebook-content";
import { createLogger } from "../../workers/api/src/platform/logger";
import { keywordRanking, loadChunks } from "../../workers/api/src/retrieval/reads";
import type { SearchHit, SearchScope } from "../../workers/api/src/retrieval/search";
import { shardOf } from "./shard";
import { contentCalls, documentOf, type SimNotebook } from "./sim-content";

export type SimEnv = {
  SHARD_0: D1Database;
  SHARD_1: D1Database;
  SHARD_2: D1Database;
  SHARD_3: D1Database;
  NOTEBOOK_CONTENT: DurableObjectNamespace;
};
type Target = { layout: "sharded" | "own"; shards?: number; notebookId: string };

/** keywordRanking's depth for a 10-result search (search.ts depthFor(10)), and the results read back. */
const DEPTH = 40;
const LIMIT = 10;
const log = createLogger({ bench: "scale-simulate" });

function contentFor(env: SimEnv, target: Target): D1Database {
  if (target.layout === "own") return notebookObject(env as unknown as Env, target.notebookId) as unknown as D1Database;
  const dbs = [env.SHARD_0, env.SHARD_1, env.SHARD_2, env.SHARD_3];
  return dbs[shardOf(target.notebookId, Math.min(target.shards ?? 4, dbs.length))] as D1Database;
}

/** Statements in one batch: D1's transaction on a shard, NotebookContent.execute's on an object. */
async function write(db: D1Database, calls: SqlCall[]) {
  if (calls.length) await db.batch(calls.map((c) => db.prepare(c.sql).bind(...c.params)));
}

/** The content schema (CONTENT_MIGRATIONS) on every D1 shard, each named so the bench finds its file. */
export async function initContentShards(env: SimEnv) {
  const named: [string, D1Database][] = [
    ["shard-0", env.SHARD_0],
    ["shard-1", env.SHARD_1],
    ["shard-2", env.SHARD_2],
    ["shard-3", env.SHARD_3],
  ];
  for (const [name, db] of named) {
    await db.batch([
      ...CONTENT_MIGRATIONS.flatMap((m) => m.statements).map((s) => db.prepare(s)),
      db.prepare("CREATE TABLE IF NOT EXISTS shard_name (name TEXT PRIMARY KEY NOT NULL)"),
      db.prepare("INSERT OR IGNORE INTO shard_name (name) VALUES (?)").bind(name),
    ]);
  }
}

/** Seeds notebooks into their own objects, each notebook's content in one batch (as an upload writes it). */
export async function loadOwn(env: SimEnv, notebooks: SimNotebook[]) {
  await Promise.all(
    notebooks.map((nb) =>
      write(contentFor(env, { layout: "own", notebookId: nb.id }), contentCalls(nb.id, nb.chunks, nb.pages)),
    ),
  );
  return { notebooks: notebooks.length };
}

/** One upload (a document's chunks and pages in one batch), timed. */
export async function timedUpload(env: SimEnv, body: Target & Omit<SimNotebook, "id">) {
  const db = contentFor(env, body);
  const started = performance.now();
  await write(db, contentCalls(body.notebookId, body.chunks, body.pages));
  return { ms: performance.now() - started, rows: body.chunks.length };
}

/** One search, or ask (`ask` passages), on the product's statements, timed. */
export async function timedSearch(env: SimEnv, body: Target & { query: string; ask?: number }) {
  const db = contentFor(env, body);
  const scope: SearchScope = { notebookId: body.notebookId, embeddingModel: null, log };
  const started = performance.now();
  const ids = await keywordRanking(db, scope, body.query, DEPTH);
  const keep = ids.slice(0, body.ask || LIMIT);
  // Every seeded document is ready; the product reads this map from the registry (primary D1) in parallel.
  const ready = new Map(keep.map((id) => [documentOf(id), documentOf(id)]));
  const rows = await loadChunks(db, scope, keep, ready);
  let passages = 0;
  if (body.ask) {
    const hits = [...rows.values()].map(
      (r): SearchHit => ({
        chunkId: r.id,
        chunkIds: [r.id],
        documentId: r.document_id,
        documentTitle: r.title,
        pageStart: r.page_start,
        pageEnd: r.page_end,
        startOffset: r.start_offset,
        endOffset: r.end_offset,
        text: r.text,
        context: r.context,
        highlights: [],
        score: 0,
      }),
    );
    passages = (await passagesOf(db, hits)).length;
  }
  return { ms: performance.now() - started, hits: ids.length, chunks: rows.size, passages };
}

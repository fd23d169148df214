/**
 * The scale prototype Worker (issue 21): one notebook's keyword search — the project's own query builder
 * (retrieval/fts-query.ts) and keywordRanking's statement — in three layouts:
 *   shared  : one D1 holding every notebook (today);
 *   sharded : N D1 databases, the notebook's chosen by shardOf(notebook id, N);
 *   own     : a SQLite-backed Durable Object per notebook (its own database, FTS5 included).
 * Timings are taken here, around the awaited call (workerd's clock advances on I/O), so they include the hop to
 * the database as production's would, and not the HTTP request from the bench.
 */
import { DurableObject } from "cloudflare:workers";
import { notebookMatch, notebookToken, toFtsMatch } from "../../workers/api/src/retrieval/fts-query";
import { type ChunkRow, OWN_KEYWORD_SQL, OWN_SCHEMA, SHARED_KEYWORD_SQL, SHARED_SCHEMA } from "./schema";
import { shardOf } from "./shard";
import { initContentShards, loadOwn, timedSearch as simSearch, timedUpload as simUpload } from "./sim-routes";

/** The product's notebook database (workers/api/src/content/notebook-content.ts), bound as NOTEBOOK_CONTENT. */
export { NotebookContent } from "../../workers/api/src/content/notebook-content";

/** The prototype's bindings (bench/scale/wrangler.toml); hand-written because this Worker is never deployed. */
interface ScaleEnv {
  SHARED: D1Database;
  SHARD_0: D1Database;
  SHARD_1: D1Database;
  SHARD_2: D1Database;
  SHARD_3: D1Database;
  NOTEBOOK: DurableObjectNamespace<PrototypeContent>;
  /** The product's class (the simulation's own-object layout, sim-routes.ts). */
  NOTEBOOK_CONTENT: DurableObjectNamespace;
}

type Layout = "shared" | "sharded" | "own";
const HYDRATE_SQL = "SELECT id, text FROM chunk WHERE id IN (SELECT value FROM json_each(?))";

/** One notebook's chunks and keyword index in its own SQLite database. */
export class PrototypeContent extends DurableObject<ScaleEnv> {
  constructor(ctx: DurableObjectState, env: ScaleEnv) {
    super(ctx, env);
    for (const statement of OWN_SCHEMA) ctx.storage.sql.exec(statement);
  }

  load(rows: ChunkRow[]): number {
    const sql = this.ctx.storage.sql;
    this.ctx.storage.transactionSync(() => {
      for (const r of rows) {
        const { seq } = sql
          .exec<{ seq: number }>(
            "INSERT INTO chunk (id, document_id, chunk_index, page_start, page_end, text) VALUES (?, ?, ?, ?, ?, ?) RETURNING seq",
            r.id,
            r.doc,
            r.index,
            r.pageStart,
            r.pageEnd,
            r.text,
          )
          .one();
        sql.exec("INSERT INTO chunk_keyword (seq, terms) VALUES (?, ?)", seq, r.terms);
      }
    });
    return sql.exec<{ n: number }>("SELECT count(*) AS n FROM chunk").one().n;
  }

  search(match: string, depth: number): string[] {
    return this.ctx.storage.sql
      .exec<{ id: string }>(OWN_KEYWORD_SQL, match, depth)
      .toArray()
      .map((r) => r.id);
  }

  /** search, then the passages' text: the two reads an ask makes before the answer is composed. */
  ask(match: string, depth: number, keep: number): number {
    const ids = this.search(match, depth).slice(0, keep);
    return this.ctx.storage.sql.exec(HYDRATE_SQL, JSON.stringify(ids)).toArray().length;
  }

  /** The floor: the hop to this object and back with the cheapest statement. */
  ping(): number {
    return this.ctx.storage.sql.exec<{ one: number }>("SELECT 1 AS one").one().one;
  }

  bytes(): number {
    return this.ctx.storage.sql.databaseSize;
  }
}

function shardDb(env: ScaleEnv, notebookId: string, shards: number): D1Database {
  const dbs = [env.SHARD_0, env.SHARD_1, env.SHARD_2, env.SHARD_3];
  return dbs[shardOf(notebookId, Math.min(shards, dbs.length))] as D1Database;
}

async function sharedSearch(db: D1Database, notebookId: string, match: string, depth: number) {
  const { results } = await db
    .prepare(SHARED_KEYWORD_SQL)
    .bind(notebookMatch(notebookId, match), notebookId, depth)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

type SearchBody = {
  layout: Layout;
  notebookId: string;
  query: string;
  shards?: number;
  depth?: number;
  ask?: number;
  /** Run `SELECT 1` on the same database instead: the layout's floor (the hop, no search). */
  floor?: boolean;
};

/** Runs one search (or ask: search + passages) and answers how long the database part took. */
async function timedSearch(env: ScaleEnv, body: SearchBody) {
  const match = toFtsMatch(body.query);
  if (match === null) return { ms: 0, hits: 0 };
  const depth = body.depth ?? 40;
  const started = performance.now();
  let hits: number;
  if (body.floor) {
    if (body.layout === "own") await env.NOTEBOOK.get(env.NOTEBOOK.idFromName(body.notebookId)).ping();
    else {
      const db = body.layout === "shared" ? env.SHARED : shardDb(env, body.notebookId, body.shards ?? 4);
      await db.prepare("SELECT 1").first();
    }
    hits = 0;
  } else if (body.layout === "own") {
    const stub = env.NOTEBOOK.get(env.NOTEBOOK.idFromName(body.notebookId));
    hits = body.ask ? await stub.ask(match, depth, body.ask) : (await stub.search(match, depth)).length;
  } else {
    const db = body.layout === "shared" ? env.SHARED : shardDb(env, body.notebookId, body.shards ?? 4);
    const ids = await sharedSearch(db, body.notebookId, match, depth);
    hits = ids.length;
    if (body.ask) {
      const { results } = await db
        .prepare(HYDRATE_SQL)
        .bind(JSON.stringify(ids.slice(0, body.ask)))
        .all();
      hits = results.length;
    }
  }
  return { ms: performance.now() - started, hits };
}

/** A document's chunks written as ingestion writes them: one batch, chunk rows then their keyword rows. */
async function timedUpload(
  env: ScaleEnv,
  body: { layout: Layout; notebookId: string; shards?: number; rows: ChunkRow[] },
) {
  const started = performance.now();
  if (body.layout === "own") {
    await env.NOTEBOOK.get(env.NOTEBOOK.idFromName(body.notebookId)).load(body.rows);
  } else {
    const db = body.layout === "shared" ? env.SHARED : shardDb(env, body.notebookId, body.shards ?? 4);
    const statements = body.rows.flatMap((r) => [
      db
        .prepare(
          "INSERT INTO chunk (id, document_id, notebook_id, chunk_index, page_start, page_end, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(r.id, r.doc, body.notebookId, r.index, r.pageStart, r.pageEnd, r.text),
      db
        .prepare("INSERT INTO chunk_keyword (seq, notebook, terms) SELECT seq, ?, ? FROM chunk WHERE id = ?")
        .bind(notebookToken(body.notebookId), r.terms, r.id),
    ]);
    await db.batch(statements);
  }
  return { ms: performance.now() - started, rows: body.rows.length };
}

export default {
  async fetch(request: Request, env: ScaleEnv): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === "/noop") return Response.json({ ok: true });
    if (pathname === "/init" && ((await request.clone().json()) as { content?: boolean }).content) {
      await initContentShards(env);
      return Response.json({ ok: true });
    }
    if (pathname === "/init") {
      const named: [string, D1Database][] = [
        ["shared", env.SHARED],
        ["shard-0", env.SHARD_0],
        ["shard-1", env.SHARD_1],
        ["shard-2", env.SHARD_2],
        ["shard-3", env.SHARD_3],
      ];
      for (const [name, db] of named) {
        await db.batch([
          ...SHARED_SCHEMA.map((s) => db.prepare(s)),
          db.prepare("INSERT OR IGNORE INTO shard_name (name) VALUES (?)").bind(name),
        ]);
      }
      return Response.json({ ok: true });
    }
    const body = (await request.json()) as Record<string, unknown>;
    if (pathname === "/search") return Response.json(await timedSearch(env, body as SearchBody));
    if (pathname === "/upload") return Response.json(await timedUpload(env, body as Parameters<typeof timedUpload>[1]));
    if (pathname === "/sim/search") return Response.json(await simSearch(env, body as Parameters<typeof simSearch>[1]));
    if (pathname === "/sim/upload") return Response.json(await simUpload(env, body as Parameters<typeof simUpload>[1]));
    if (pathname === "/sim/load")
      return Response.json(await loadOwn(env, body.notebooks as Parameters<typeof loadOwn>[1]));
    if (pathname === "/own/bulk") {
      // Seeding many notebooks' objects in one request (the simulation): each object loads its own rows.
      const notebooks = body.notebooks as { id: string; rows: ChunkRow[] }[];
      await Promise.all(notebooks.map((nb) => env.NOTEBOOK.get(env.NOTEBOOK.idFromName(nb.id)).load(nb.rows)));
      return Response.json({ notebooks: notebooks.length });
    }
    if (pathname === "/own/bytes") {
      const stub = env.NOTEBOOK.get(env.NOTEBOOK.idFromName(String(body.notebookId)));
      return Response.json({ bytes: await stub.bytes() });
    }
    return new Response("not found", { status: 404 });
  },
} satisfies ExportedHandler<ScaleEnv>;

/**
 * What the scale benches share (bench/scale/bench-scale.ts, bench/scale/simulate.ts): the prototype Worker under
 * `wrangler dev` (bench/scale/wrangler.toml), its local D1 files found by the name each holds, and notebooks built
 * from the bench corpus's real text (bench/corpus-text.ts) through the production chunker and stemmer.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { setTimeout as sleep } from "node:timers/promises";
import { chunkPages } from "../../workers/api/src/ingest/chunking";
import { notebookToken } from "../../workers/api/src/retrieval/fts-query";
import { indexText } from "../../workers/api/src/retrieval/normalize";
import { sourceDocuments } from "../corpus-text";
import type { ChunkRow } from "./schema";
import { type ContentChunk, type ContentPage, contentCalls, type SimNotebook } from "./sim-content";

const ROOT = path.resolve(import.meta.dirname, "..");
const BIN = path.join(ROOT, "node_modules", ".bin");
const ENV = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", PATH: `${BIN}:${process.env.PATH ?? ""}` };

export const percentile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] as number) : Number.NaN;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type Prototype = {
  url: string;
  post: (route: string, body: unknown) => Promise<unknown>;
  stop: () => Promise<void>;
};

/** Starts the prototype Worker on a free port with its state in `persistTo`; resolves once it answers. */
export async function startPrototype(persistTo: string): Promise<Prototype> {
  const port = Number(process.env.SCALE_PORT) || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    "wrangler",
    ["dev", "-c", "bench/scale/wrangler.toml", "--persist-to", persistTo, "--port", String(port), "--ip", "127.0.0.1"],
    { cwd: ROOT, env: ENV, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  const output: string[] = [];
  child.stdout?.on("data", (d) => output.push(String(d)));
  child.stderr?.on("data", (d) => output.push(String(d)));
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  const stop = async () => {
    if (!exited && child.pid) {
      process.kill(-child.pid, "SIGTERM");
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
      if (!exited) process.kill(-child.pid, "SIGKILL");
    }
  };
  const post = async (route: string, body: unknown) => {
    const res = await fetch(`${url}${route}`, { method: "POST", body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !exited) {
    try {
      if ((await fetch(`${url}/noop`)).ok) return { url, post, stop };
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  await stop();
  throw new Error(`the prototype did not start:\n${output.join("").slice(-3000)}`);
}

/** A fresh state directory with every D1 created (the product's content schema when `content`) and named (POST /init); answers name → SQLite file. */
export async function initState(
  init: { content?: boolean } = {},
): Promise<{ persistTo: string; files: Map<string, string> }> {
  const persistTo = mkdtempSync(path.join(tmpdir(), "studyai-scale-"));
  const proto = await startPrototype(persistTo);
  try {
    await proto.post("/init", init);
  } finally {
    await proto.stop();
  }
  const dir = path.join(persistTo, "v3", "d1", "miniflare-D1DatabaseObject");
  const files = new Map<string, string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".sqlite"))) {
    const db = new DatabaseSync(path.join(dir, f), { readOnly: true });
    // miniflare keeps its own metadata database beside the D1 files: it has no shard_name.
    const named = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'shard_name'").get();
    const row = named ? (db.prepare("SELECT name FROM shard_name").get() as { name: string } | undefined) : undefined;
    db.close();
    if (row) files.set(row.name, path.join(dir, f));
  }
  return { persistTo, files };
}

type SourceChunk = {
  doc: number;
  index: number;
  pageStart: number;
  pageEnd: number;
  startOffset: number;
  endOffset: number;
  context: string | null;
  tokenCount: number;
  text: string;
  body: string;
};

/** The corpus's chunks in order; notebooks take consecutive runs, wrapping round (reused text is marked by `pass`). */
export class Corpus {
  readonly chunks: SourceChunk[] = [];
  readonly pages: number;
  readonly docPages: { page: number; text: string }[][];
  private readonly terms = new Map<number, string>();
  private cursor = 0;

  constructor() {
    const docs = sourceDocuments();
    this.pages = docs.reduce((s, d) => s + d.pages.length, 0);
    this.docPages = docs.map((d) => d.pages);
    docs.forEach((d, doc) => {
      for (const c of chunkPages(d.pages)) {
        const body = c.context ? `${c.context}\n\n${c.text}` : c.text;
        const { index, pageStart, pageEnd, startOffset, endOffset, context, tokenCount, text } = c;
        this.chunks.push({ doc, index, pageStart, pageEnd, startOffset, endOffset, context, tokenCount, text, body });
      }
    });
  }

  /** The next `count` chunks as one notebook's rows (documents = the source documents they come from). */
  take(notebookId: string, count: number): ChunkRow[] {
    const rows: ChunkRow[] = [];
    for (let i = 0; i < count; i++, this.cursor++) {
      const at = this.cursor % this.chunks.length;
      const pass = Math.floor(this.cursor / this.chunks.length);
      const c = this.chunks[at] as SourceChunk;
      let terms = this.terms.get(at);
      if (terms === undefined) {
        terms = indexText(c.body);
        this.terms.set(at, terms);
      }
      const doc = `${notebookId}_d${c.doc}_${pass}`;
      rows.push({
        id: `${doc}:${c.index}`,
        doc,
        index: c.index,
        pageStart: c.pageStart,
        pageEnd: c.pageEnd,
        text: c.text,
        terms,
      });
    }
    return rows;
  }

  /** The next `count` chunks as one notebook's content in the product's schema, with the pages they lie on. */
  takeContent(notebookId: string, count: number): SimNotebook {
    const start = this.cursor;
    const rows = this.take(notebookId, count);
    const chunks: ContentChunk[] = [];
    const pages = new Map<string, ContentPage>();
    rows.forEach((r, i) => {
      const c = this.chunks[(start + i) % this.chunks.length] as SourceChunk;
      const { index, pageStart, pageEnd, startOffset, endOffset, text, context, tokenCount } = c;
      chunks.push({
        id: r.id,
        documentId: r.doc,
        terms: r.terms,
        index,
        pageStart,
        pageEnd,
        startOffset,
        endOffset,
        text,
        context,
        tokenCount,
      });
      for (let page = c.pageStart; page <= c.pageEnd; page++) {
        const text = this.docPages[c.doc]?.[page - 1]?.text ?? "";
        pages.set(`${r.doc}#${page}`, { documentId: r.doc, page, text });
      }
    });
    return { id: notebookId, chunks, pages: [...pages.values()] };
  }
}

/** Writes notebooks' content into a local D1 file (the prototype stopped) with the statements an upload runs. */
export function seedContentD1(file: string, notebooks: SimNotebook[]) {
  const db = new DatabaseSync(file);
  const prepared = new Map<string, ReturnType<DatabaseSync["prepare"]>>();
  for (const nb of notebooks) {
    db.exec("BEGIN");
    for (const call of contentCalls(nb.id, nb.chunks, nb.pages)) {
      let statement = prepared.get(call.sql);
      if (!statement) {
        statement = db.prepare(call.sql);
        prepared.set(call.sql, statement);
      }
      statement.run(...(call.params as (string | number | null)[]));
    }
    db.exec("COMMIT");
  }
  const count = (db.prepare("SELECT count(*) AS n FROM chunk_terms").get() as { n: number }).n;
  db.close();
  return count;
}

/** Writes notebooks' rows into a local D1 file (the prototype stopped), as ingestion would: chunk, then keyword row. */
export function seedD1(file: string, notebooks: { id: string; rows: ChunkRow[] }[]) {
  const db = new DatabaseSync(file);
  const insChunk = db.prepare(
    `INSERT INTO chunk (id, document_id, notebook_id, chunk_index, page_start, page_end, text)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
  );
  const insKeyword = db.prepare("INSERT INTO chunk_keyword (seq, notebook, terms) VALUES (?, ?, ?)");
  for (const nb of notebooks) {
    const token = notebookToken(nb.id);
    db.exec("BEGIN");
    for (const r of nb.rows) {
      const { seq } = insChunk.get(r.id, r.doc, nb.id, r.index, r.pageStart, r.pageEnd, r.text) as { seq: number };
      insKeyword.run(seq, token, r.terms);
    }
    db.exec("COMMIT");
  }
  const count = (db.prepare("SELECT count(*) AS n FROM chunk").get() as { n: number }).n;
  db.close();
  return count;
}

/** Loads rows into a notebook's own Durable Object through the prototype, in request-sized batches. */
export async function loadOwn(proto: Prototype, notebookId: string, rows: ChunkRow[], batch = 250) {
  for (let i = 0; i < rows.length; i += batch) {
    await proto.post("/upload", { layout: "own", notebookId, rows: rows.slice(i, i + batch) });
  }
}

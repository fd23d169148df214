#!/usr/bin/env node
// `npm run bench:scale:bytes` (issue 21, point 1): bytes per page and per chunk on today's schema, measured on
// real documents ingested through the real path — `wrangler dev` (the api Worker alone, local bindings, no
// keys), POST /v1/notebooks/{id}/documents (multipart), the queue, the IngestDocument Workflow (extraction,
// chunking, stemmed keyword rows, local vectors, concepts), then GET concept-map so the map's edges and
// communities are built as a student's first look builds them. The stack is then stopped and the local D1
// file is read with SQLite's dbstat (node:sqlite): bytes per table and index, including FTS5 shadow tables.
//
// Documents: every *.pdf in each directory of SCALE_DOCS (colon-separated; default the NTSB reports in
// /work/shared/fixtures/ntsb), one notebook per directory (at most 50 files: the free plan's limit).
// Then a what-if on a copy of the file (mentions and edges WITHOUT ROWID). Nothing is committed; the state directory is
// removed at the end.
import { copyFile, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { setTimeout as sleep } from "node:timers/promises";
import { startStack } from "../../e2e/stack.mjs";
import { createNotebook } from "../common.mjs";
import { d1File, kb, table } from "./scale-common.mjs";

const DIRS = (process.env.SCALE_DOCS ?? "/work/shared/fixtures/ntsb").split(":").filter(Boolean);
const started = Date.now();
const step = (label) => console.error(`→ ${label} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

async function signUp(api) {
  const res = await fetch(`${api}/v1/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: api },
    body: JSON.stringify({ name: "Scale", email: `scale-${Date.now()}@example.test`, password: "scale-bench-pass-1" }),
  });
  if (!res.ok) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
  return { authorization: `Bearer ${res.headers.get("set-auth-token")}` };
}

/** Uploads one file, waiting out the burst limiter (429 + Retry-After) as the web app does. */
async function upload(api, auth, notebookId, file) {
  for (;;) {
    const form = new FormData();
    form.append("file", new Blob([await readFile(file)], { type: "application/pdf" }), path.basename(file));
    const res = await fetch(`${api}/v1/notebooks/${notebookId}/documents`, {
      method: "POST",
      headers: auth,
      body: form,
    });
    if (res.status === 429) {
      await sleep(1000 * Number(res.headers.get("retry-after") ?? 5));
      continue;
    }
    if (res.status !== 202) throw new Error(`upload ${file}: ${res.status} ${await res.text()}`);
    return (await res.json()).id;
  }
}

async function waitAll(api, auth, ids) {
  const statuses = {};
  const deadline = Date.now() + 20 * 60_000;
  let pending = [...ids];
  while (pending.length && Date.now() < deadline) {
    const next = [];
    for (const id of pending) {
      const doc = await (await fetch(`${api}/v1/documents/${id}`, { headers: auth })).json();
      if (["ready", "failed", "rejected"].includes(doc.status)) statuses[doc.status] = (statuses[doc.status] ?? 0) + 1;
      else next.push(id);
    }
    pending = next;
    if (pending.length) await sleep(2000);
  }
  return { ...statuses, pending: pending.length };
}

const persistTo = await mkdtemp(path.join(tmpdir(), "studyai-scale-bytes-"));
const stack = await startStack({ apiOnly: true, persistTo });
const notebooks = [];
try {
  const api = stack.apiUrl;
  const auth = await signUp(api);
  for (const dir of DIRS) {
    const files = (await readdir(dir))
      .filter((f) => f.toLowerCase().endsWith(".pdf"))
      .sort()
      .slice(0, 50);
    const notebookId = await createNotebook(api, auth, path.basename(dir));
    step(`uploading ${files.length} PDFs from ${dir}`);
    const ids = [];
    for (const f of files) ids.push(await upload(api, auth, notebookId, path.join(dir, f)));
    const statuses = await waitAll(api, auth, ids);
    step(`ingested ${dir}: ${JSON.stringify(statuses)}`);
    const map = await fetch(`${api}/v1/notebooks/${notebookId}/concept-map?limit=200`, { headers: auth });
    notebooks.push({ dir, notebookId, files: files.length, statuses, conceptMap: map.status });
  }
} finally {
  await stack.stop();
}

const db = new DatabaseSync(d1File(persistTo), { readOnly: true });
const one = (sql) => Object.values(db.prepare(sql).get())[0];
const pages = one("SELECT coalesce(sum(page_count), 0) FROM document WHERE status = 'ready'");
const chunks = one("SELECT count(*) FROM chunk");
// dbstat names every b-tree (table or index, FTS5 shadow tables included); group them by what they serve.
const rows = db
  .prepare("SELECT name, sum(pgsize) AS bytes, sum(payload) AS payload FROM dbstat GROUP BY name ORDER BY bytes DESC")
  .all();
const owner = (name) => {
  const m = db.prepare("SELECT type, tbl_name FROM sqlite_schema WHERE name = ?").get(name);
  if (m) return m.type === "index" ? `${m.tbl_name} (index ${name})` : name;
  const fts = name.match(/^(.*)_(data|idx|docsize|config|content)$/);
  return fts ? `${fts[1]} (FTS5 ${fts[2]})` : name;
};
const total = rows.reduce((s, r) => s + r.bytes, 0);
const grow = rows.filter((r) => r.bytes > 4096 * 2);
console.log(`\nNotebooks: ${notebooks.map((n) => `${path.basename(n.dir)} ${JSON.stringify(n.statuses)}`).join("; ")}`);
console.log(`Ready pages ${pages}, chunks ${chunks}; database ${kb(total)} KB (${kb(total / pages)} KB per page)\n`);
console.log(
  table(
    ["b-tree", "KB", "share", "bytes/page", "bytes/chunk"],
    grow.map((r) => [
      owner(r.name),
      kb(r.bytes),
      `${((100 * r.bytes) / total).toFixed(1)} %`,
      Math.round(r.bytes / pages),
      Math.round(r.bytes / chunks),
    ]),
  ),
);
const counts = Object.fromEntries(
  ["document_page", "chunk", "chunk_keyword", "chunk_vector", "concept", "concept_mention", "concept_edge"].map((t) => [
    t,
    one(`SELECT count(*) FROM ${t}`),
  ]),
);
console.log(`\nRows: ${JSON.stringify(counts)}`);
console.log(
  `Per notebook: ${JSON.stringify(
    db
      .prepare(
        `SELECT d.notebook_id AS notebook, sum(d.page_count) AS pages, sum(d.chunk_count) AS chunks,
          (SELECT count(*) FROM concept_mention m WHERE m.notebook_id = d.notebook_id) AS mentions,
          (SELECT count(*) FROM concept_edge e WHERE e.notebook_id = d.notebook_id) AS edges
         FROM document d WHERE d.status = 'ready' GROUP BY d.notebook_id`,
      )
      .all(),
  )}`,
);
db.close();

// What-if, on a copy: concept_mention and concept_edge as WITHOUT ROWID tables (their primary key is their identity,
// so the rowid b-tree and the separate primary-key index become one), and no per-notebook mention index (in a
// notebook's own database every row is the notebook's). Same rows; bytes per b-tree compared.
const copy = path.join(persistTo, "what-if.sqlite");
await copyFile(d1File(persistTo), copy);
const alt = new DatabaseSync(copy);
alt.exec("PRAGMA foreign_keys = OFF");
for (const name of ["concept_mention", "concept_edge"]) {
  const { sql } = alt.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name);
  const indexes = alt
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
    .all(name);
  alt.exec("BEGIN");
  alt.exec(`${sql.replace(new RegExp(`CREATE TABLE "?${name}"?`), `CREATE TABLE ${name}_wr`)} WITHOUT ROWID`);
  alt.exec(`INSERT INTO ${name}_wr SELECT * FROM ${name}`);
  alt.exec(`DROP TABLE ${name}`);
  alt.exec(`ALTER TABLE ${name}_wr RENAME TO ${name}`);
  for (const index of indexes) if (index.name !== "concept_mention_notebook_idx") alt.exec(index.sql);
  alt.exec("COMMIT");
}
alt.exec("VACUUM");
const conceptBytes = (handle) =>
  handle
    .prepare(
      `SELECT sum(pgsize) AS bytes FROM dbstat WHERE name IN (SELECT name FROM sqlite_schema
         WHERE tbl_name IN ('concept_mention', 'concept_edge') OR name LIKE 'sqlite_autoindex_concept_mention%'
           OR name LIKE 'sqlite_autoindex_concept_edge%')`,
    )
    .get().bytes;
const before = new DatabaseSync(d1File(persistTo), { readOnly: true });
const was = conceptBytes(before);
const now = conceptBytes(alt);
const altTotal = alt.prepare("SELECT sum(pgsize) AS bytes FROM dbstat").get().bytes;
console.log(
  `\nWhat-if (mentions and edges WITHOUT ROWID, no per-notebook mention index): those tables ${kb(was)} → ${kb(now)} KB; ` +
    `database ${kb(total)} → ${kb(altTotal)} KB (${kb(total / pages)} → ${kb(altTotal / pages)} KB per page)`,
);
before.close();
alt.close();
await rm(persistTo, { recursive: true, force: true });

#!/usr/bin/env node
// `npm run bench:ingest:stack`: ingestion throughput and the API's latency while it runs, through the local
// stack (e2e/stack.mjs: `wrangler dev` with local D1/R2/Queues/Workflows, as `npm run dev` runs it). One
// student uploads INGEST_DOCS (20) real PDFs (INGEST_PDFS, default /work/shared/fixtures/ntsb; cycled, each
// notebook holds one copy of a file) three at a time; meanwhile a second student lists their notebooks
// (GET /v1/notebooks) back to back. Prints pages/s from the first upload to the last document settled, the
// upload POSTs' p50/max, and the list's p50/p95/max idle (before) and during ingestion, and their ratio.
// `--json FILE` writes the figures. Nothing here asserts a speed: it reports.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startStack } from "../e2e/stack.mjs";
import { createNotebook, percentile } from "./common.mjs";

const DOCS = Number(process.env.INGEST_DOCS ?? 20);
const DIR = process.env.INGEST_PDFS ?? "/work/shared/fixtures/ntsb";
const IDLE_REQUESTS = 40;
const DEADLINE_MS = Number(process.env.INGEST_DEADLINE_MS ?? 900_000);
const jsonOut = process.argv.includes("--json") ? process.argv[process.argv.indexOf("--json") + 1] : null;

async function signUp(api, base, who) {
  const res = await fetch(`${api}/v1/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({
      name: who,
      email: `${who}-${Date.now()}@example.test`,
      password: "ingest-bench-password-1",
    }),
  });
  if (!res.ok) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
  return { authorization: `Bearer ${res.headers.get("set-auth-token")}` };
}

async function timed(fn) {
  const t0 = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status };
}

const summary = (values) => ({
  n: values.length,
  p50: percentile(values, 0.5),
  p95: percentile(values, 0.95),
  max: Math.max(...values),
});
const fmt = (s) => `p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  max ${s.max.toFixed(0)} ms  (n=${s.n})`;

const files = readdirSync(DIR)
  .filter((n) => n.endsWith(".pdf"))
  .sort()
  .map((name) => ({ name, bytes: readFileSync(path.join(DIR, name)) }));
if (!files.length) throw new Error(`no PDFs in ${DIR}`);

// INGEST_BENCH_PORT / INGEST_BENCH_STATE: a fixed port and state directory (kept) instead of a free port and a throwaway one.
const stack = await startStack({
  apiOnly: true,
  port: process.env.INGEST_BENCH_PORT ? Number(process.env.INGEST_BENCH_PORT) : undefined,
  persistTo: process.env.INGEST_BENCH_STATE || undefined,
});
let exitCode = 1;
try {
  const api = stack.apiUrl;
  const uploader = await signUp(api, stack.baseUrl, "uploader");
  const reader = await signUp(api, stack.baseUrl, "reader");
  for (let i = 0; i < 3; i++) await createNotebook(api, reader, `Reading ${i + 1}`);
  const list = () => timed(() => fetch(`${api}/v1/notebooks`, { headers: reader }));
  for (let i = 0; i < 5; i++) await list(); // warm the isolate
  const idle = [];
  for (let i = 0; i < IDLE_REQUESTS; i++) idle.push((await list()).ms);

  // One copy of a file per notebook (uploads are deduplicated by content within a notebook).
  const notebooks = [];
  for (let n = 0; n * files.length < DOCS; n++) notebooks.push(await createNotebook(api, uploader, `Reports ${n + 1}`));
  const jobs = Array.from({ length: DOCS }, (_, i) => ({
    file: files[i % files.length],
    notebookId: notebooks[Math.floor(i / files.length)],
  }));

  const during = [];
  let ingesting = true;
  const poller = (async () => {
    while (ingesting) during.push((await list()).ms);
  })();

  const started = performance.now();
  const posts = [];
  const ids = [];
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const form = new FormData();
        form.set("file", new File([job.file.bytes], job.file.name, { type: "application/pdf" }));
        const t0 = performance.now();
        const res = await fetch(`${api}/v1/notebooks/${job.notebookId}/documents`, {
          method: "POST",
          headers: uploader,
          body: form,
        });
        posts.push(performance.now() - t0);
        const body = await res.json();
        if (res.status !== 201 && res.status !== 202)
          throw new Error(`upload ${job.file.name}: ${res.status} ${JSON.stringify(body)}`);
        ids.push({ id: body.id, notebookId: job.notebookId });
      }
    }),
  );

  const settled = new Map();
  while (settled.size < ids.length && performance.now() - started < DEADLINE_MS) {
    for (const notebookId of notebooks) {
      const page = await (
        await fetch(`${api}/v1/notebooks/${notebookId}/documents?limit=100`, { headers: uploader })
      ).json();
      for (const d of page.items) {
        if (["ready", "rejected", "failed"].includes(d.status) && !settled.has(d.id)) {
          settled.set(d.id, { status: d.status, pages: d.pageCount, at: performance.now() });
        }
      }
    }
    if (settled.size < ids.length) await new Promise((r) => setTimeout(r, 250));
  }
  ingesting = false;
  await poller;

  const seconds = (Math.max(...[...settled.values()].map((s) => s.at)) - started) / 1000;
  const ready = [...settled.values()].filter((s) => s.status === "ready");
  const pages = ready.reduce((sum, s) => sum + s.pages, 0);
  const figures = {
    documents: DOCS,
    ready: ready.length,
    settled: settled.size,
    pages,
    seconds,
    pagesPerSecond: pages / seconds,
    uploadPost: summary(posts),
    listIdle: summary(idle),
    listDuring: summary(during),
  };
  console.log(`ingestion through the local stack: ${DOCS} PDFs from ${DIR}, 3 uploads at a time`);
  console.log(
    `  settled:   ${settled.size}/${DOCS} (${ready.length} ready), ${pages} pages in ${seconds.toFixed(1)} s`,
  );
  console.log(`  pages/s:   ${figures.pagesPerSecond.toFixed(2)}  (first upload → last document settled)`);
  console.log(`  upload POST:             ${fmt(figures.uploadPost)}`);
  console.log(`  GET /v1/notebooks idle:  ${fmt(figures.listIdle)}`);
  console.log(`  GET /v1/notebooks during ingestion: ${fmt(figures.listDuring)}`);
  console.log(
    `  during/idle: p50 × ${(figures.listDuring.p50 / figures.listIdle.p50).toFixed(2)}, p95 × ${(figures.listDuring.p95 / figures.listIdle.p95).toFixed(2)}`,
  );
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(figures, null, 2)}\n`);
  exitCode = settled.size === DOCS ? 0 : 1;
} catch (error) {
  console.error(`✗ ingestion bench aborted: ${error?.stack ?? error}`);
  console.error(stack.output.join("").slice(-3000));
} finally {
  await stack.stop();
}
process.exit(exitCode);

#!/usr/bin/env node
// `npm run bench`: every benchmark in one run, one table (median, p95, ratio against the peers measured in the
// same run) and the machine's facts. Pieces (`--only=ingest,perf,…` picks some):
//   ingest      bench/ingest.ts (Node: our extraction + chunking + local embedder), a generated 300-page PDF,
//               BENCH_INGEST_RUNS cold processes;
//   extraction  bench/extract-peers.ts: unpdf (ours) vs pdfjs-dist vs pdf2json on the NTSB set;
//   retrieval   bench/retrieval-peers.ts: ours (FTS5 bm25 in node:sqlite; hybrid) vs Orama vs MiniSearch;
//   auth        bench/auth-hash.bench.ts inside workerd (vitest.bench.config.ts);
//   concepts    bench/concepts-nlp.ts (Node: wink-nlp vs compromise on the NTSB pages) and bench/concepts.eval.ts
//               (workerd: a 2,000-page notebook through the extraction steps, the graph step, the map request);
//   worker      the api Worker under wrangler dev (loopback, fresh local D1): NTSB PDFs upload → ready, and
//               search / ask latency when the build has those routes (else the row says why it is skipped);
//   web         `vite build` (about 15 s), then bench/web.mjs: first-load JS and the notebook page's SSR time;
//   perf        bench/perf.mjs (issue 20): keyword and hybrid search on 1k/5k/20k-chunk notebooks, a trivial
//               authenticated GET, autocannon at 8/32 connections, each with its floor from the same run.
// Pieces: bench/run-node.mjs (Node and vitest ones), bench/run-worker.mjs (wrangler dev ones), the table in
// bench/run-report.mjs. Ratios: a row's median time ÷ its group's reference median (ours, or the row marked
// "ref"): > 1 = slower; the perf rows give theirs against their floor.
// Writes the table to stdout and, with --markdown FILE, as Markdown (docs/benchmarks.md is a copy of one run).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./common.mjs";
import { auth, concepts, extraction, ingest, retrieval } from "./run-node.mjs";
import { elapsedSeconds, machineFacts, notes, skipped, table } from "./run-report.mjs";
import { perf, web, worker } from "./run-worker.mjs";

const facts = machineFacts();
const only = process.argv
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
const want = (name) => !only || only.includes(name);
try {
  if (want("ingest")) ingest();
  if (want("extraction")) extraction();
  if (want("retrieval")) retrieval();
  if (want("auth")) auth();
  if (want("concepts")) concepts();
  if (want("worker")) await worker();
  if (want("web")) web();
  if (want("perf")) perf();
} catch (error) {
  console.error(`✗ bench step failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
}
const factLine = `${facts.date} · ${facts.cpu} · ${facts.cores} cores · ${facts.memoryGb} GB · ${facts.os} · Node ${facts.node} · ${facts.workerd} · wrangler ${facts.wrangler} · load avg at start ${facts.loadAverage} · ${elapsedSeconds()} s`;
console.log(`\nstudyAI benchmarks — ${factLine}\n`);
console.log(table(false));
for (const s of skipped) console.log(`skipped: ${s}`);
for (const n of notes) console.log(`note: ${n}`);
const mdAt = process.argv.indexOf("--markdown");
if (mdAt !== -1 && process.argv[mdAt + 1]) {
  const md = [
    `Machine: ${factLine}`,
    "",
    table(true),
    "",
    ...skipped.map((s) => `- skipped: ${s}`),
    ...notes.map((n) => `- note: ${n}`),
  ].join("\n");
  writeFileSync(path.resolve(ROOT, process.argv[mdAt + 1]), `${md}\n`);
  console.error(`(Markdown written to ${process.argv[mdAt + 1]})`);
}

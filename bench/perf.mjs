#!/usr/bin/env node
// `npm run bench:perf` (issue 20): what students feel, on notebooks of 1k / 5k / 20k chunks of real text
// (bench/corpus.ts; built once and kept under .bench/perf-state/, bench/perf-state.mjs), with every floor
// measured in the same run and the ratio printed:
//   - keyword search on an unchanged 1k notebook, first alone in the database, then with the 5k, 20k and
//     filler notebooks beside it (floor: the same statement in node:sqlite on the same file);
//   - hybrid search (the default, and every ask) at 1k / 5k / 20k (floor: the same vector rows read and
//     scored in node:sqlite; target p95 ≤ 50 ms at 20k);
//   - a trivial authenticated GET (session bearer and API key) against a hello Worker under its own
//     `wrangler dev` (target: ≤ 5 ms above it);
//   - autocannon at 8 and 32 connections, PERF_CANNON_SECONDS (20) each: trivial GET, keyword and hybrid on
//     the 20k notebook (target ≥ 300 req/s at 32 connections, p99 ≤ 250 ms), and after each run how long the
//     server takes to answer a trivial GET at idle speed again and the CPU it burns with nobody waiting.
// Ports: the api Worker on PERF_PORT (8822), the hello Worker on PERF_PORT + 2. Loopback only.
// `--build-only` builds (or finds) the kept corpus state and stops. `--json FILE` also writes the figures as JSON; `--markdown FILE` the table as Markdown. `--label L` names
// the tree in the header (bench/perf-pair.mjs runs this script in a before and an after tree).
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startStack } from "../e2e/stack.mjs";
import { percentile as pct, ROOT } from "./common.mjs";
import { load, searchRequest, stackGroup, startHello, timed } from "./perf-http.mjs";
import { bundle, d1File, nodeJson, perfState, signIn } from "./perf-state.mjs";

const PORT = Number(process.env.PERF_PORT ?? 8822);
const RUNS = Number(process.env.PERF_RUNS ?? 40);
const CANNON_SECONDS = Number(process.env.PERF_CANNON_SECONDS ?? 20);
const PLAN = { fillers: Number(process.env.PERF_FILLER_NOTEBOOKS ?? 8), fillerChunks: 5000 };
const started = Date.now();
const step = (label) => console.error(`→ ${label} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
const arg = (flag) => {
  const i = process.argv.indexOf(flag);
  return i === -1 ? undefined : process.argv[i + 1];
};
const questions = JSON.parse(readFileSync(path.join(ROOT, "bench/retrieval/ntsb-questions.json"), "utf8")).map(
  (q) => q.question,
);

const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "–");
const rows = [];
let cannon = [];
const notes = [];

function addRow(what, values, floor, floorLabel, extra = "") {
  const p50 = pct(values, 0.5);
  const floorP50 = floor ? pct(floor, 0.5) : Number.NaN;
  rows.push({
    what,
    n: values.length,
    p50,
    p95: pct(values, 0.95),
    floor: floorP50,
    floorLabel,
    ratio: p50 / floorP50,
    extra,
  });
}

bundle("bench/perf-floors.ts", ".bench/perf-floors.mjs");
const state = await perfState(PLAN, { port: PORT, step });
if (process.argv.includes("--build-only")) process.exit(0);
const { meta } = state;
const nb = meta.nb;
notes.push(
  `corpus state ${state.key} (${state.built ? `built in this run, ${meta.buildSeconds} s` : `reused, built ${meta.builtAt} in ${meta.buildSeconds} s`}): ${meta.uniqueChunks} distinct chunks of real text (10 NTSB reports + node_modules Markdown), ${meta.totalChunks} chunks in ${meta.documents} documents, ${3 + meta.fillers.length} notebooks; D1 file ${meta.d1Megabytes} MB`,
);
const fullDb = d1File(state.full);
const aloneDb = d1File(state.alone);
let stack;
let hello;
try {
  step("the 1k notebook alone in the database");
  stack = await startStack({ apiOnly: true, port: PORT, persistTo: state.alone });
  let session = await signIn(stack.apiUrl, stack.baseUrl, meta.email);
  const keywordEmpty = await timed(RUNS, searchRequest(stack.apiUrl, session, nb.k1, "keyword", questions));
  const floorEmpty = nodeJson(".bench/perf-floors.mjs", [aloneDb, nb.k1, String(RUNS)]);
  await stack.stop();

  step("full database");
  stack = await startStack({ apiOnly: true, port: PORT, persistTo: state.full });
  const api = stack.apiUrl;
  session = await signIn(api, stack.baseUrl, meta.email);
  const apiKey = { authorization: `Bearer ${meta.apiKey}` };
  hello = await startHello(PORT + 2);
  step("sequential rows");
  const helloGet = await timed(RUNS, () => [hello.url, {}]);
  const sessionGet = await timed(RUNS, () => [`${api}/v1/notebooks/${nb.k1}`, { headers: session }]);
  const keyGet = await timed(RUNS, () => [`${api}/v1/notebooks/${nb.k1}`, { headers: apiKey }]);
  const helloP50 = pct(helloGet.values, 0.5);
  const added = (v) => `added over hello p50 ${fmt(pct(v.values, 0.5) - helloP50)} ms`;
  addRow(
    "trivial GET /v1/notebooks/{id}, session bearer",
    sessionGet.values,
    helloGet.values,
    "hello Worker",
    `status ${sessionGet.statuses}; ${added(sessionGet)}`,
  );
  addRow(
    "trivial GET /v1/notebooks/{id}, API key",
    keyGet.values,
    helloGet.values,
    "hello Worker",
    `status ${keyGet.statuses}; ${added(keyGet)}`,
  );

  const keywordFull = await timed(RUNS, searchRequest(api, session, nb.k1, "keyword", questions));
  const floorFull = nodeJson(".bench/perf-floors.mjs", [fullDb, nb.k1, String(RUNS)]);
  addRow(
    "keyword search, 1k notebook, alone in the database",
    keywordEmpty.values,
    floorEmpty.keyword,
    "node:sqlite FTS",
    `status ${keywordEmpty.statuses}`,
  );
  addRow(
    `keyword search, same 1k notebook, ${meta.totalChunks} chunks in the database`,
    keywordFull.values,
    floorFull.keyword,
    "node:sqlite FTS",
    `status ${keywordFull.statuses}; ÷ alone ${fmt(pct(keywordFull.values, 0.5) / pct(keywordEmpty.values, 0.5), 2)}`,
  );
  for (const [label, id] of [
    ["1k", nb.k1],
    ["5k", nb.k5],
    ["20k", nb.k20],
  ]) {
    const runs = label === "20k" ? Math.min(RUNS, 20) : RUNS;
    const hybrid = await timed(runs, searchRequest(api, session, id, "hybrid", questions));
    const floor = nodeJson(".bench/perf-floors.mjs", [fullDb, id, String(Math.min(runs, 20))]);
    addRow(
      `hybrid search, ${label} notebook`,
      hybrid.values,
      floor.vectors,
      "node:sqlite vector read + cosine",
      `status ${hybrid.statuses}`,
    );
  }
  const keyword20k = await timed(RUNS, searchRequest(api, session, nb.k20, "keyword", questions));
  const floor20k = nodeJson(".bench/perf-floors.mjs", [fullDb, nb.k20, "20"]);
  addRow(
    "keyword search, 20k notebook",
    keyword20k.values,
    floor20k.keyword,
    "node:sqlite FTS",
    `status ${keyword20k.statuses}`,
  );

  const searchInit = (mode) => ({
    method: "POST",
    headers: { ...session, "content-type": "application/json" },
    body: (q) => JSON.stringify({ query: q, mode }),
  });
  const common = {
    questions,
    seconds: CANNON_SECONDS,
    probe: { url: `${api}/v1/notebooks/${nb.k1}`, headers: session, idleP50: pct(sessionGet.values, 0.5) },
    pgid: stackGroup(state.full),
    step,
  };
  const search20k = `${api}/v1/notebooks/${nb.k20}/search`;
  cannon = [
    ...(await load({
      ...common,
      title: "trivial GET, session",
      url: common.probe.url,
      init: { method: "GET", headers: session },
    })),
    ...(await load({ ...common, title: "keyword search, 20k notebook", url: search20k, init: searchInit("keyword") })),
    ...(await load({ ...common, title: "hybrid search, 20k notebook", url: search20k, init: searchInit("hybrid") })),
  ];
} finally {
  hello?.stop();
  await stack?.stop();
}

const header = `studyAI perf bench${arg("--label") ? ` (${arg("--label")})` : ""} — ${new Date().toISOString()} · ${os.cpus()[0]?.model} × ${os.cpus().length} · load ${os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(" ")} · ${((Date.now() - started) / 1000).toFixed(0)} s`;
const table = [
  "| what | n | p50 ms | p95 ms | floor p50 ms | floor | p50 ÷ floor | notes |",
  "|---|---|---|---|---|---|---|---|",
  ...rows.map(
    (r) =>
      `| ${r.what} | ${r.n} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.floor, 2)} | ${r.floorLabel} | ${fmt(r.ratio, 1)} | ${r.extra} |`,
  ),
  "",
  "| concurrency (autocannon) | connections | s | req/s | 2xx | 503 | other non-2xx | errors | timeouts | p50 ms | p99 ms | idle speed again after, s | stack CPU s in 5 s after |",
  "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ...cannon.map(
    (c) =>
      `| ${c.what} | ${c.connections} | ${c.seconds} | ${fmt(c.reqPerSec)} | ${c.ok} | ${c.busy503} | ${c.otherNon2xx} | ${c.errors} | ${c.timeouts} | ${fmt(c.p50)} | ${fmt(c.p99)} | ${Number.isFinite(c.drainedMs) ? fmt(c.drainedMs / 1000) : "> 120"} | ${fmt(c.cpuAfter5s)} |`,
  ),
  "",
  ...notes.map((n) => `- ${n}`),
].join("\n");
console.log(`\n${header}\n\n${table}`);
if (arg("--markdown")) writeFileSync(path.resolve(ROOT, arg("--markdown")), `${header}\n\n${table}\n`);
if (arg("--json"))
  writeFileSync(path.resolve(ROOT, arg("--json")), JSON.stringify({ header, rows, cannon, notes }, null, 2));

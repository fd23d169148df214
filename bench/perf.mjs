#!/usr/bin/env node
// `npm run bench:perf` (issue 20): what students feel, on notebooks of 1k / 5k / 20k chunks of real text
// (bench/corpus.ts builds them into the local D1 file; nothing is fetched, nothing committed), with every
// floor measured in the same run and the ratio printed.
//   - keyword search on an unchanged 1k notebook, first alone in the database, then with 65k more chunks of
//     other notebooks beside it (floor: the same statement in node:sqlite on the same file);
//   - hybrid search (the default, and every ask) at 1k / 5k / 20k (floor: the same vector rows read and
//     scored in node:sqlite; target p95 ≤ 50 ms at 20k);
//   - a trivial authenticated GET (session bearer and API key) against a hello Worker under the same
//     `wrangler dev` on its own port (target: ≤ 5 ms above it);
//   - autocannon at 8 and 32 connections, PERF_CANNON_SECONDS (20) each: hybrid and keyword on the 20k
//     notebook (target ≥ 300 req/s at 32 connections, p99 ≤ 250 ms).
// Ports: the api Worker on PERF_PORT (8822), the hello Worker on PERF_PORT + 1. Loopback only.
// `--json FILE` also writes the figures as JSON; `--markdown FILE` the table as Markdown.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { startStack } from "../e2e/stack.mjs";
import { BIN, ENV, percentile as pct, ROOT } from "./common.mjs";

const PORT = Number(process.env.PERF_PORT ?? 8822);
const RUNS = Number(process.env.PERF_RUNS ?? 40);
const CANNON_SECONDS = Number(process.env.PERF_CANNON_SECONDS ?? 20);
const FILLER_NOTEBOOKS = Number(process.env.PERF_FILLER_NOTEBOOKS ?? 8);
const FILLER_CHUNKS = 5000;
/** A sequential request that has not answered by then is counted as this long and the run goes on. */
const REQUEST_TIMEOUT_MS = 60_000;
const started = Date.now();
const step = (label) => console.error(`→ ${label} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
const questions = JSON.parse(readFileSync(path.join(ROOT, "bench/retrieval/ntsb-questions.json"), "utf8")).map(
  (q) => q.question,
);

const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "–");
const rows = [];
const cannon = [];
const notes = [];

function bundle(entry, out) {
  execFileSync(
    path.join(BIN, "esbuild"),
    [entry, "--bundle", "--platform=node", "--format=esm", "--log-level=warning", `--outfile=${out}`],
    { cwd: ROOT, env: ENV, stdio: "inherit" },
  );
}
const nodeJson = (script, args) =>
  JSON.parse(
    execFileSync(process.execPath, [script, ...args], { cwd: ROOT, env: ENV, encoding: "utf8", maxBuffer: 1 << 26 })
      .trim()
      .split("\n")
      .at(-1),
  );

function d1File(persistTo) {
  const dir = path.join(persistTo, "v3", "d1", "miniflare-D1DatabaseObject");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".sqlite"))
    .map((f) => path.join(dir, f));
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

/** `runs` sequential requests after 3 warm-ups; answers latencies (ms) and the statuses seen. */
async function timed(runs, makeRequest) {
  const values = [];
  const statuses = new Set();
  for (let i = 0; i < runs + 3; i++) {
    const [url, init] = makeRequest(i);
    const t0 = performance.now();
    let status;
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = "timeout";
    }
    if (i >= 3) values.push(performance.now() - t0);
    statuses.add(status);
  }
  return { values, statuses: [...statuses].join("/") };
}

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

function searchRequest(api, headers, notebookId, mode) {
  return (i) => [
    `${api}/v1/notebooks/${notebookId}/search`,
    {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ query: questions[i % questions.length], mode }),
    },
  ];
}

async function startHello() {
  const child = spawn(
    "wrangler",
    [
      "dev",
      "bench/hello-worker.js",
      "--name",
      "perf-hello",
      "--compatibility-date",
      "2026-11-01",
      "--port",
      String(PORT + 1),
      "--ip",
      "127.0.0.1",
      "--inspector-port",
      String(PORT + 2),
      "--show-interactive-dev-session=false",
    ],
    { cwd: ROOT, detached: true, stdio: "ignore", env: { ...ENV, CI: "true" } },
  );
  const url = `http://127.0.0.1:${PORT + 1}/`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {}
    await sleep(300);
  }
  return {
    url,
    stop: () => {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
    },
  };
}

async function load(title, url, init) {
  const requests = questions.map((q) => ({ ...init, body: init.body ? init.body(q) : undefined }));
  for (const connections of [8, 32]) {
    step(`autocannon ${connections} connections × ${CANNON_SECONDS} s: ${title}`);
    const latencies = [];
    const result = await new Promise((resolve, reject) => {
      const instance = autocannon(
        {
          url,
          connections,
          duration: CANNON_SECONDS,
          timeout: 10,
          requests,
          headers: init.headers,
          method: init.method,
        },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
    });
    cannon.push({
      what: title,
      connections,
      seconds: CANNON_SECONDS,
      reqPerSec: result.requests.average,
      ok: result["2xx"],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      p50: pct(latencies, 0.5),
      p99: pct(latencies, 0.99),
    });
  }
}

const persistTo = mkdtempSync(path.join(os.tmpdir(), "studyai-perf-"));
const stackOptions = { apiOnly: true, port: PORT, persistTo };
let stack;
let hello;
try {
  bundle("bench/corpus.ts", ".bench/corpus.mjs");
  bundle("bench/perf-floors.ts", ".bench/perf-floors.mjs");
  step("api Worker: accounts and empty notebooks");
  stack = await startStack(stackOptions);
  const api = stack.apiUrl;
  const signUp = await fetch(`${api}/v1/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: stack.baseUrl },
    body: JSON.stringify({ name: "Perf", email: `perf-${Date.now()}@example.test`, password: "perf-bench-password-1" }),
  });
  const session = { authorization: `Bearer ${signUp.headers.get("set-auth-token")}` };
  const createNotebook = async (title) =>
    (
      await (
        await fetch(`${api}/v1/notebooks`, {
          method: "POST",
          headers: { ...session, "content-type": "application/json" },
          body: JSON.stringify({ title }),
        })
      ).json()
    ).id;
  const nb = { k1: await createNotebook("1k"), k5: await createNotebook("5k"), k20: await createNotebook("20k") };
  const fillers = [];
  for (let i = 0; i < FILLER_NOTEBOOKS; i++) fillers.push(await createNotebook(`other ${i}`));
  const key = await (
    await fetch(`${api}/v1/api-keys`, {
      method: "POST",
      headers: { ...session, "content-type": "application/json" },
      body: JSON.stringify({ name: "perf", scopes: ["read"] }),
    })
  ).json();
  const apiKey = { authorization: `Bearer ${key.key}` };
  await stack.stop();

  const db = d1File(persistTo);
  const { DatabaseSync } = await import("node:sqlite");
  const probe = new DatabaseSync(db, { readOnly: true });
  const owner = probe.prepare("SELECT owner_id FROM notebook WHERE id = ?").get(nb.k1).owner_id;
  probe.close();

  step("corpus: the 1k notebook alone");
  const first = nodeJson(".bench/corpus.mjs", [db, owner, `${nb.k1}:1000`]);
  notes.push(
    `corpus: ${first.uniqueChunks} distinct chunks of real text available (NTSB reports + node_modules Markdown)`,
  );
  stack = await startStack(stackOptions);
  const keywordEmpty = await timed(RUNS, searchRequest(api, session, nb.k1, "keyword"));
  const floorEmpty = nodeJson(".bench/perf-floors.mjs", [db, nb.k1, String(RUNS)]);
  await stack.stop();

  step(`corpus: 5k and 20k notebooks, ${FILLER_NOTEBOOKS} × ${FILLER_CHUNKS} chunks of other notebooks`);
  const rest = nodeJson(".bench/corpus.mjs", [
    db,
    owner,
    `${nb.k5}:5000`,
    `${nb.k20}:20000`,
    ...fillers.map((id) => `${id}:${FILLER_CHUNKS}:novectors`),
  ]);
  const totalChunks = 1000 + rest.notebooks.reduce((s, n) => s + n.chunks, 0);
  notes.push(
    `full database: ${totalChunks} chunks in ${3 + FILLER_NOTEBOOKS} notebooks; D1 file ${(statSync(db).size / 2 ** 20).toFixed(0)} MB`,
  );

  stack = await startStack(stackOptions);
  hello = await startHello();
  step("sequential rows");
  const helloGet = await timed(RUNS, () => [hello.url, {}]);
  const sessionGet = await timed(RUNS, () => [`${api}/v1/notebooks/${nb.k1}`, { headers: session }]);
  const keyGet = await timed(RUNS, () => [`${api}/v1/notebooks/${nb.k1}`, { headers: apiKey }]);
  addRow(
    "trivial GET /v1/notebooks/{id}, session bearer",
    sessionGet.values,
    helloGet.values,
    "hello Worker",
    `status ${sessionGet.statuses}`,
  );
  addRow(
    "trivial GET /v1/notebooks/{id}, API key",
    keyGet.values,
    helloGet.values,
    "hello Worker",
    `status ${keyGet.statuses}`,
  );

  const keywordFull = await timed(RUNS, searchRequest(api, session, nb.k1, "keyword"));
  const floorFull = nodeJson(".bench/perf-floors.mjs", [db, nb.k1, String(RUNS)]);
  addRow(
    "keyword search, 1k notebook, alone in the database",
    keywordEmpty.values,
    floorEmpty.keyword,
    "node:sqlite FTS",
    `status ${keywordEmpty.statuses}`,
  );
  addRow(
    `keyword search, same 1k notebook, ${totalChunks} chunks in the database`,
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
    const hybrid = await timed(runs, searchRequest(api, session, id, "hybrid"));
    const floor = nodeJson(".bench/perf-floors.mjs", [db, id, String(Math.min(runs, 20))]);
    addRow(
      `hybrid search, ${label} notebook`,
      hybrid.values,
      floor.vectors,
      "node:sqlite vector read + cosine",
      `status ${hybrid.statuses}`,
    );
  }
  const keyword20k = await timed(RUNS, searchRequest(api, session, nb.k20, "keyword"));
  const floor20k = nodeJson(".bench/perf-floors.mjs", [db, nb.k20, "20"]);
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
  await load("trivial GET, session", `${api}/v1/notebooks/${nb.k1}`, { method: "GET", headers: session });
  await load("keyword search, 20k notebook", `${api}/v1/notebooks/${nb.k20}/search`, searchInit("keyword"));
  await load("hybrid search, 20k notebook", `${api}/v1/notebooks/${nb.k20}/search`, searchInit("hybrid"));
} finally {
  hello?.stop();
  await stack?.stop();
  rmSync(persistTo, { recursive: true, force: true });
}

const header = `studyAI perf bench — ${new Date().toISOString()} · ${os.cpus()[0]?.model} × ${os.cpus().length} · load ${os
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
  "| concurrency (autocannon) | connections | s | req/s | 2xx | non-2xx | errors | timeouts | p50 ms | p99 ms |",
  "|---|---|---|---|---|---|---|---|---|---|",
  ...cannon.map(
    (c) =>
      `| ${c.what} | ${c.connections} | ${c.seconds} | ${fmt(c.reqPerSec)} | ${c.ok} | ${c.non2xx} | ${c.errors} | ${c.timeouts} | ${fmt(c.p50)} | ${fmt(c.p99)} |`,
  ),
  "",
  ...notes.map((n) => `- ${n}`),
].join("\n");
console.log(`\n${header}\n\n${table}`);
const at = (flag) => {
  const i = process.argv.indexOf(flag);
  return i === -1 ? undefined : process.argv[i + 1];
};
if (at("--markdown")) writeFileSync(path.resolve(ROOT, at("--markdown")), `${header}\n\n${table}\n`);
if (at("--json"))
  writeFileSync(path.resolve(ROOT, at("--json")), JSON.stringify({ header, rows, cannon, notes }, null, 2));

#!/usr/bin/env node
// `npm run bench`: every benchmark in one run, one table (median, p95, ratio against the peers measured in the
// same run) and the machine's facts. Pieces:
//   ingest      bench/ingest.ts (Node: our extraction + chunking + local embedder), a generated 300-page PDF,
//               BENCH_INGEST_RUNS cold processes;
//   extraction  bench/extract-peers.ts: unpdf (ours) vs pdfjs-dist vs pdf2json on the NTSB set;
//   retrieval   bench/retrieval-peers.ts: ours (FTS5 bm25 in node:sqlite; hybrid) vs Orama vs MiniSearch;
//   auth        bench/auth-hash.bench.ts inside workerd (vitest.bench.config.ts);
//   concepts    bench/concepts-nlp.ts (Node: wink-nlp vs compromise on the NTSB pages) and bench/concepts.eval.ts
//               (workerd: a 2,000-page notebook through the extraction steps, the graph step, the map request);
//   worker      the api Worker under wrangler dev (loopback, fresh local D1): NTSB PDFs upload → ready, and
//               search / ask latency when the build has those routes (else the row says why it is skipped);
//   web         `vite build` (about 15 s), then bench/web.mjs: first-load JS and the notebook page's SSR time.
// Ratios: a row's median time ÷ its group's reference median (ours, or the row marked "ref"): > 1 = slower.
// Writes the table to stdout and, with --markdown FILE, as Markdown (docs/benchmarks.md is a copy of one run).
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { buildWeb, startStack } from "../e2e/stack.mjs";
import { BIN, ENV, percentile, ROOT } from "./common.mjs";

const INGEST_RUNS = Number(process.env.BENCH_INGEST_RUNS ?? 3);
const HTTP_RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 40);
const started = Date.now();
const rows = [];
const skipped = [];
const notes = [];

const fmt = (n, d = 1) =>
  Number.isFinite(n) ? n.toLocaleString("en", { maximumFractionDigits: d, minimumFractionDigits: d }) : "–";
const step = (label) => console.error(`→ ${label} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

/** One table row. `ratio` is "×" the reference row of its group (for time: peer / ours, >1 = ours faster). */
function row(group, subject, values, unit, extra = {}) {
  rows.push({
    group,
    subject,
    n: values.length,
    median: percentile(values, 0.5),
    p95: percentile(values, 0.95),
    unit,
    ratio: extra.ratio ?? "",
    quality: extra.quality ?? "",
  });
}

function bundle(entry, out, bundleAll = false) {
  const args = [entry, "--bundle", "--platform=node", "--format=esm", "--log-level=warning", `--outfile=${out}`];
  if (bundleAll)
    args.push(
      "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    );
  else args.push("--packages=external");
  execFileSync(path.join(BIN, "esbuild"), args, { cwd: ROOT, env: ENV, stdio: "inherit" });
}

function node(script, args = [], extraEnv = {}) {
  const out = execFileSync(process.execPath, ["--expose-gc", script, ...args], {
    cwd: ROOT,
    env: { ...ENV, ...extraEnv },
    encoding: "utf8",
    maxBuffer: 1 << 24,
    stdio: ["ignore", "pipe", "ignore"],
  });
  return JSON.parse(out.trim().split("\n").at(-1));
}

function machineFacts() {
  const cpus = os.cpus();
  let workerd = "unknown";
  try {
    workerd = execFileSync(path.join(BIN, "workerd"), ["--version"], { encoding: "utf8" }).trim();
  } catch {}
  let wrangler = "unknown";
  try {
    wrangler = JSON.parse(readFileSync(path.join(ROOT, "node_modules/wrangler/package.json"), "utf8")).version;
  } catch {}
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGb: (os.totalmem() / 1024 ** 3).toFixed(1),
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    workerd,
    wrangler,
  };
}

// ── ingest (Node) ────────────────────────────────────────────────────────────────────────────────────────
function ingest() {
  step("ingest: extract + chunk + embed, generated 300-page PDF");
  bundle("bench/ingest.ts", ".bench/ingest.mjs", true);
  const results = [];
  for (let i = 0; i < INGEST_RUNS; i++) results.push(node(".bench/ingest.mjs", ["--case=generated-300"]));
  const pagesPerSecond = results.map((r) => r.pages / (r.extractChunkMs / 1000));
  row(
    "ingest (Node)",
    "extract+clean+chunk, 300-page PDF, cold process",
    results.map((r) => r.extractChunkMs / r.pages),
    "ms/page",
    {
      quality: `${fmt(percentile(pagesPerSecond, 0.5), 0)} pages/s; peak ${fmt(Math.max(...results.map((r) => r.peakMemoryMb)), 0)} MB heap+buffers; max step CPU ${fmt(Math.max(...results.map((r) => r.maxStepCpuMs)), 0)} ms`,
    },
  );
  row(
    "ingest (Node)",
    "local hashing embedder, same chunks",
    results.map((r) => r.embedMs),
    "ms",
  );
}

// ── extraction peers ─────────────────────────────────────────────────────────────────────────────────────
function extraction() {
  step("extraction: unpdf vs pdfjs-dist vs pdf2json (NTSB set)");
  bundle("bench/extract-peers.ts", ".bench/extract-peers.mjs");
  const results = node(".bench/extract-peers.mjs", ["--json"]);
  const ours = results.find((r) => r.extractor.startsWith("unpdf"));
  const oursMedian = percentile(ours.runsMs, 0.5);
  for (const r of results) {
    const perPage = r.runsMs.map((ms) => ms / r.pages);
    row("PDF extraction (Node, 10 NTSB PDFs)", r.extractor, perPage, "ms/page", {
      ratio: r === ours ? "1.00 (ref)" : `${fmt(percentile(r.runsMs, 0.5) / oursMedian, 2)}`,
      quality: `${fmt(r.pages / (percentile(r.runsMs, 0.5) / 1000), 0)} pages/s; peak RSS ${fmt(r.peakRssMb, 0)} MB, heap ${fmt(r.peakHeapMb, 0)} MB; token F1 ${r.f1.toFixed(4)}, bigram F1 ${r.bigramF1.toFixed(4)} vs ${r.reference}`,
    });
  }
}

// ── retrieval peers ──────────────────────────────────────────────────────────────────────────────────────
function retrieval() {
  step("retrieval: ours vs Orama vs MiniSearch (70 NTSB questions)");
  bundle("bench/retrieval-peers.ts", ".bench/retrieval-peers.mjs");
  const results = node(".bench/retrieval-peers.mjs", ["--json"]);
  const ours = results[0];
  const oursMedian = percentile(ours.latenciesMs, 0.5);
  for (const r of results) {
    const m = percentile(r.latenciesMs, 0.5);
    row("retrieval (Node, 70 questions, 40 pages)", r.name, r.latenciesMs, "ms/query", {
      ratio: r === ours ? "1.00 (ref)" : `${fmt(m / oursMedian, 2)}`,
      quality: `hit@1 ${r.hit1.toFixed(2)}, hit@5 ${r.hit5.toFixed(2)}, MRR ${r.mrr.toFixed(3)}, nDCG@10 ${r.ndcg10.toFixed(3)}`,
    });
  }
  notes.push(
    "retrieval 'ours: keyword' is our indexText + toFtsMatch + bm25 in Node's SQLite FTS5 (node:sqlite), not D1.",
  );
}

// ── concept map: the NLP choice (Node) and a 2,000-page notebook (workerd) ────────────────────────────────
function concepts() {
  step("concepts: wink-nlp vs compromise (NTSB pages, Node)");
  bundle("bench/concepts-nlp.ts", ".bench/concepts-nlp.mjs");
  const nlp = node(".bench/concepts-nlp.mjs");
  const kb = (b) => `${fmt(b / 1024, 0)} KB minified`;
  row("concepts: NLP (Node)", "wink-nlp + eng-lite model (ours): CPU per page", [nlp.winkMsPerPage], "ms/page", {
    ratio: "1.00 (ref)",
    quality: `cold start ${nlp.winkColdMs} ms; ${kb(nlp.winkBytes)}; ${nlp.mentionsPerPage} mentions/page of ${nlp.charactersPerPage} chars`,
  });
  row("concepts: NLP (Node)", "compromise: CPU per page", [nlp.compromiseMsPerPage], "ms/page", {
    ratio: fmt(nlp.compromiseMsPerPage / nlp.winkMsPerPage, 2),
    quality: `cold start ${nlp.compromiseColdMs} ms; ${kb(nlp.compromiseBytes)}`,
  });
  step("concepts: a 2,000-page notebook inside workerd (extraction steps, graph, map request)");
  const result = spawnSync(
    path.join(BIN, "vitest"),
    ["run", "--config", "vitest.eval.config.ts", "bench/concepts.eval.ts"],
    {
      cwd: ROOT,
      env: ENV,
      encoding: "utf8",
      maxBuffer: 1 << 26,
    },
  );
  const line = `${result.stdout}\n${result.stderr}`.match(/CONCEPTS_BENCH (\{.+\})/)?.[1];
  if (!line) {
    skipped.push(`concepts at scale: the eval printed no figures (exit ${result.status})`);
    return;
  }
  const f = JSON.parse(line);
  const group = "concepts: 2,000 pages (workerd)";
  row(group, `extraction step of ${f.pagesPerStep} pages (wall, incl. D1)`, [f.stepMsMedian, f.stepMsMax], "ms", {
    quality: `${f.steps} steps, ${f.msPerPage} ms/page; ${f.mentions} mentions; largest step state ${f.largestStepStateBytes} B`,
  });
  row(group, "graph step (merges, PMI edges, Louvain)", [f.graphMs], "ms", {
    quality: `${f.concepts} concepts in the graph, ${f.edges} edges, ${f.communities} communities`,
  });
  row(group, "GET …/concept-map (150 nodes, stored snapshot)", [f.mapMsP50, f.mapMsP95], "ms", {
    quality: `p50 ${f.mapMsP50} / p95 ${f.mapMsP95} ms; ${f.mapNodes} nodes, ${f.mapEdges} edges`,
  });
  if (f.docsMapMsP50 !== undefined) {
    row(group, "GET …/concept-map?documentIds= (read live)", [f.docsMapMsP50, f.docsMapMsP95], "ms", {
      quality: `p50 ${f.docsMapMsP50} / p95 ${f.docsMapMsP95} ms`,
    });
  }
  row(group, "GET /v1/concepts/{id}", [f.conceptMsP50, f.conceptMsP95], "ms", {
    quality: `p50 ${f.conceptMsP50} / p95 ${f.conceptMsP95} ms`,
  });
}

// ── auth hashing (workerd) ───────────────────────────────────────────────────────────────────────────────
function auth() {
  step("auth: password hashing inside workerd");
  const result = spawnSync(path.join(BIN, "vitest"), ["run", "--config", "vitest.bench.config.ts"], {
    cwd: ROOT,
    env: ENV,
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const lines = [
    ...`${result.stdout}\n${result.stderr}`.matchAll(
      /^(.+?)\s+median\s+([\d.]+) ms\s+p95\s+([\d.]+) ms.*\((\d+) runs\)/gm,
    ),
  ];
  if (!lines.length) {
    skipped.push(`auth hashing: vitest bench produced no figures (exit ${result.status})`);
    return;
  }
  const ref = lines.find((l) => l[1].startsWith("better-auth hashPassword"));
  for (const [, name, median, p95, runs] of lines) {
    rows.push({
      group: "auth hashing (workerd)",
      subject: name.trim(),
      n: Number(runs),
      median: Number(median),
      p95: Number(p95),
      unit: "ms",
      ratio: ref && name === ref[1] ? "1.00 (ref)" : ref ? `${fmt(Number(median) / Number(ref[2]), 2)}` : "",
      quality: "",
    });
  }
}

// ── the api Worker under wrangler dev ────────────────────────────────────────────────────────────────────
async function worker() {
  step("worker: starting the api Worker (wrangler dev, loopback, fresh D1)");
  let stack;
  try {
    stack = await startStack({ apiOnly: true });
  } catch (error) {
    skipped.push(
      `worker rows (upload→ready, search, ask): the api Worker did not start: ${String(error).slice(0, 200)}`,
    );
    return;
  }
  try {
    const api = stack.apiUrl;
    const signUp = await fetch(`${api}/v1/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: stack.baseUrl },
      body: JSON.stringify({
        name: "Bench",
        email: `bench-${Date.now()}@example.test`,
        password: "bench-password-123",
      }),
    });
    const authHeaders = { authorization: `Bearer ${signUp.headers.get("set-auth-token")}` };
    const nb = await (
      await fetch(`${api}/v1/notebooks`, {
        method: "POST",
        headers: { ...authHeaders, "content-type": "application/json" },
        body: JSON.stringify({ title: "Bench" }),
      })
    ).json();

    step("worker: NTSB PDFs upload → ready, one at a time");
    const dir = path.join(ROOT, "workers/api/test/fixtures/ntsb");
    const files = [
      "20071229X02007.pdf",
      "20080102X00005.pdf",
      "20080108X00029.pdf",
      "20080111X00041.pdf",
      "20080109X00035.pdf",
    ];
    const times = [];
    for (const f of files) {
      const form = new FormData();
      form.set("file", new File([readFileSync(path.join(dir, f))], f, { type: "application/pdf" }));
      const t0 = performance.now();
      const res = await fetch(`${api}/v1/notebooks/${nb.id}/documents`, {
        method: "POST",
        headers: authHeaders,
        body: form,
      });
      const { id } = await res.json();
      for (let i = 0; i < 600; i++) {
        const doc = await (await fetch(`${api}/v1/documents/${id}`, { headers: authHeaders })).json();
        if (["ready", "failed", "rejected"].includes(doc.status)) {
          if (doc.status !== "ready") notes.push(`upload→ready: ${f} ended ${doc.status}`);
          break;
        }
        await sleep(100);
      }
      times.push(performance.now() - t0);
    }
    row(
      "ingest (workerd, wrangler dev)",
      "NTSB PDF upload → ready (Queue + Workflow + D1 + local vectors)",
      times,
      "ms",
      {
        quality: "polled every 100 ms",
      },
    );

    const paths = Object.keys((await (await fetch(`${api}/v1/openapi.json`)).json()).paths ?? {});
    const timed = async (label, url, init) => {
      const values = [];
      const statuses = new Set();
      for (let i = 0; i < HTTP_RUNS + 3; i++) {
        const t0 = performance.now();
        const res = await fetch(url, init);
        await res.arrayBuffer();
        if (i >= 3) values.push(performance.now() - t0);
        statuses.add(res.status);
      }
      return { label, values, statuses: [...statuses].join("/") };
    };
    const json = { ...authHeaders, "content-type": "application/json" };
    const baseline = await timed(
      "GET /v1/notebooks/{id}/documents (reference read)",
      `${api}/v1/notebooks/${nb.id}/documents`,
      {
        headers: authHeaders,
      },
    );
    row("HTTP (workerd, sequential)", baseline.label, baseline.values, "ms", {
      ratio: "1.00 (ref)",
      quality: `status ${baseline.statuses}`,
    });
    const baseMedian = percentile(baseline.values, 0.5);
    const routes = [
      ["search", "/v1/notebooks/{notebookId}/search", { query: "probable cause engine power" }],
      [
        "ask (extractive, no model keys)",
        "/v1/notebooks/{notebookId}/ask",
        { question: "What was the probable cause?" },
      ],
    ];
    for (const [name, route, body] of routes) {
      if (!paths.includes(route)) {
        skipped.push(
          `${name}: POST ${route} is not on this build (/v1/openapi.json) — it lands with the answers branch`,
        );
        continue;
      }
      const r = await timed(`POST ${route}`, `${api}${route.replace("{notebookId}", nb.id)}`, {
        method: "POST",
        headers: json,
        body: JSON.stringify(body),
      });
      row("HTTP (workerd, sequential)", `${name}: ${r.label}`, r.values, "ms", {
        ratio: `${fmt(percentile(r.values, 0.5) / baseMedian, 2)}`,
        quality: `status ${r.statuses}`,
      });
    }
  } finally {
    await stack.stop();
  }
}

// ── web (needs a built app) ──────────────────────────────────────────────────────────────────────────────
function web() {
  step("web: vite build, then first-load JS and server render (bench/web.mjs)");
  try {
    buildWeb();
  } catch (error) {
    skipped.push(`web (first-load JS, SSR time): the web build failed: ${String(error).slice(0, 200)}`);
    return;
  }
  const result = spawnSync(process.execPath, ["bench/web.mjs"], {
    cwd: ROOT,
    env: { ...ENV, BENCH_SKIP_BUILD: "1", BENCH_RUNS: "30" },
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const out = `${result.stdout}\n${result.stderr}`;
  const total = out.match(/^total\s+([\d.]+) KB\s+([\d.]+) KB/m);
  const render = out.match(/median ([\d.]+) ms · p90 ([\d.]+) ms · p95 ([\d.]+) ms/);
  if (!total || !render) {
    skipped.push(`web: bench/web.mjs gave no figures (exit ${result.status})`);
    return;
  }
  rows.push({
    group: "web (wrangler dev)",
    subject: "notebook page server render, signed in",
    n: 30,
    median: Number(render[1]),
    p95: Number(render[3]),
    unit: "ms",
    ratio: "",
    quality: `first-load JS ${total[2]} KB gzipped (budget 150 KB)`,
  });
}

function table(markdown) {
  const header = ["group", "subject", "n", "median", "p95", "unit", "÷ ref median", "quality & notes"];
  const body = rows.map((r) => [
    r.group,
    r.subject,
    String(r.n),
    fmt(r.median, r.median < 10 ? 3 : 1),
    fmt(r.p95, r.p95 < 10 ? 3 : 1),
    r.unit,
    r.ratio,
    r.quality,
  ]);
  if (markdown) {
    const esc = (s) => s.replaceAll("|", "\\|");
    return [
      `| ${header.join(" | ")} |`,
      `|${header.map(() => "---").join("|")}|`,
      ...body.map((c) => `| ${c.map(esc).join(" | ")} |`),
    ].join("\n");
  }
  const widths = header.map((h, i) =>
    Math.min(i === 7 ? 200 : 60, Math.max(h.length, ...body.map((c) => c[i].length))),
  );
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join(" │ ");
  return [line(header), widths.map((w) => "─".repeat(w)).join("─┼─"), ...body.map(line)].join("\n");
}

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
} catch (error) {
  console.error(`✗ bench step failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
}
const seconds = ((Date.now() - started) / 1000).toFixed(0);
const factLine = `${facts.date} · ${facts.cpu} · ${facts.cores} cores · ${facts.memoryGb} GB · ${facts.os} · Node ${facts.node} · ${facts.workerd} · wrangler ${facts.wrangler} · load avg at start ${facts.loadAverage} · ${seconds} s`;
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

// The pieces of `npm run bench` (bench/run.mjs) that run in Node or in workerd through vitest: ingestion,
// PDF extraction and retrieval against their peers, auth hashing, the concept map.
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { BIN, ENV, percentile, ROOT } from "./common.mjs";
import { fmt, notes, row, rows, skipped, step } from "./run-report.mjs";

const INGEST_RUNS = Number(process.env.BENCH_INGEST_RUNS ?? 3);

export function bundle(entry, out, bundleAll = false) {
  const args = [entry, "--bundle", "--platform=node", "--format=esm", "--log-level=warning", `--outfile=${out}`];
  if (bundleAll)
    args.push(
      "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    );
  else args.push("--packages=external");
  execFileSync(path.join(BIN, "esbuild"), args, { cwd: ROOT, env: ENV, stdio: "inherit" });
}

export function node(script, args = [], extraEnv = {}) {
  const out = execFileSync(process.execPath, ["--expose-gc", script, ...args], {
    cwd: ROOT,
    env: { ...ENV, ...extraEnv },
    encoding: "utf8",
    maxBuffer: 1 << 24,
    stdio: ["ignore", "pipe", "ignore"],
  });
  return JSON.parse(out.trim().split("\n").at(-1));
}

// ── ingest (Node) ────────────────────────────────────────────────────────────────────────────────────────
export function ingest() {
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
export function extraction() {
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
export function retrieval() {
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
export function concepts() {
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
export function auth() {
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

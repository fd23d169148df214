#!/usr/bin/env node
// `npm run bench:perf` (issue 20): what students feel, on notebooks of 1k / 5k / 20k chunks of real text
// (bench/corpus.ts; built once and kept under .bench/perf-state/, bench/perf-state.mjs), in both content
// layouts side by side — 'd1' (content in the primary D1, as written by the corpus script) and 'object' (each
// notebook's content in its own NotebookContent object, the product's default since issue 21; the same
// notebooks moved by the MigrateContent Workflow, bench/perf-objects.mjs) — with every floor measured in the
// same run on the file the Worker serves and the ratio printed (bench/perf-layout.mjs):
//   - keyword search on an unchanged 1k notebook, first with no other notebook's content, then with the 5k,
//     20k and filler notebooks beside it (floor: the same statement in node:sqlite on the same file);
//   - hybrid search (the default, and every ask) at 1k / 5k / 20k (floor: the same vector rows read and
//     scored in node:sqlite; target p95 ≤ 50 ms at 20k);
//   - a trivial authenticated GET (session bearer and API key) against a hello Worker under its own
//     `wrangler dev` (target: ≤ 5 ms above it);
//   - autocannon at 8 and 32 connections, PERF_CANNON_SECONDS (20) each: keyword and hybrid on the 20k
//     notebook, and a trivial GET in the first layout only (target ≥ 300 req/s at 32 connections, p99 ≤ 250
//     ms), and after each run how long the server takes to answer a trivial GET at idle speed again and the
//     CPU it burns with nobody waiting.
// PERF_LAYOUTS ("d1,object"): which layouts, in which order (run "object,d1" next for ABBA; "d1" alone in a
// tree from before issue 21). Ports: the api Worker on PERF_PORT (8822), the hello Worker on PERF_PORT + 2.
// Loopback only. `--build-only` builds (or finds) the kept states and stops. `--json FILE` also writes the
// figures as JSON; `--markdown FILE` the table as Markdown. `--label L` names the tree in the header
// (bench/perf-pair.mjs runs this script in a before and an after tree).
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./common.mjs";
import { startHello } from "./perf-http.mjs";
import { measureLayout } from "./perf-layout.mjs";
import { objectFile, objectStates } from "./perf-objects.mjs";
import { bundle, d1File, perfState } from "./perf-state.mjs";

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
const notes = [];
const LAYOUTS = (process.env.PERF_LAYOUTS ?? "d1,object").split(",").filter(Boolean);
const NAMES = { d1: "D1", object: "object" };

bundle("bench/perf-floors.ts", ".bench/perf-floors.mjs");
const state = await perfState(PLAN, { port: PORT, step });
const objects = LAYOUTS.includes("object") ? await objectStates(state, { port: PORT, step }) : null;
if (process.argv.includes("--build-only")) process.exit(0);
const { meta } = state;
notes.push(
  `corpus state ${state.key} (${state.built ? `built in this run, ${meta.buildSeconds} s` : `reused, built ${meta.builtAt} in ${meta.buildSeconds} s`}): ${meta.uniqueChunks} distinct chunks of real text (10 NTSB reports + node_modules Markdown), ${meta.totalChunks} chunks in ${meta.documents} documents, ${3 + meta.fillers.length} notebooks; D1 file ${meta.d1Megabytes} MB`,
);
if (objects)
  notes.push(
    `object layout ${objects.key} (${objects.built ? "built in this run" : `reused, built ${objects.meta.builtAt}`}): the same notebooks moved by the MigrateContent Workflow through POST /v1/admin/content-moves (${objects.meta.alone.moveSeconds} s for the 1k notebook alone, ${objects.meta.full.moveSeconds} s for all ${3 + meta.fillers.length}, one-minute grace included); floors on each notebook's own object's SQLite file`,
  );
const where = {
  d1: { states: state, floorDb: (dir) => d1File(dir) },
  object: { states: objects, floorDb: objectFile },
};
const rows = [];
const cannon = [];
let hello;
try {
  hello = await startHello(PORT + 2);
  for (const [i, layout] of LAYOUTS.entries()) {
    const measured = await measureLayout({
      layout,
      ...where[layout],
      meta,
      port: PORT,
      hello,
      questions,
      runs: RUNS,
      cannonSeconds: CANNON_SECONDS,
      cannonGet: i === 0,
      step,
    });
    rows.push(...measured.rows);
    cannon.push(...measured.cannon);
  }
} finally {
  hello?.stop();
}

/** One table row per key (or run and connections), the layouts side by side in LAYOUTS' order. */
const byKey = (list, keyOf) => {
  const out = new Map();
  for (const x of list) out.set(keyOf(x), { ...(out.get(keyOf(x)) ?? {}), [x.layout]: x });
  return [...out.values()];
};
const first = (g) => g[LAYOUTS.find((l) => g[l])];
const cells = (x, f) => (x ? f(x) : f({}).map(() => "–"));
const rowCells = (r) => [fmt(r.p50), fmt(r.p95), fmt(r.floor, 2), fmt(r.ratio, 1)];
const cannonCells = (c) => [
  fmt(c.reqPerSec),
  `${fmt(c.p50, 0)} / ${fmt(c.p99, 0)}`,
  `${c.ok} / ${c.busy503} / ${c.otherNon2xx} / ${c.errors} / ${c.timeouts}`,
  `${Number.isFinite(c.drainedMs) ? fmt(c.drainedMs / 1000) : "> 120"}, ${fmt(c.cpuAfter5s)}`,
];
const versus = LAYOUTS.length === 2 ? `${NAMES[LAYOUTS[1]]} ÷ ${NAMES[LAYOUTS[0]]}` : null;
const head = (names) => LAYOUTS.flatMap((l) => names.map((n) => `${NAMES[l]} ${n}`));
const line = (parts) => `| ${parts.join(" | ")} |`;
const sep = (n) => `|${"---|".repeat(n)}`;
const rowHead = [
  "what",
  "n",
  ...head(["p50 ms", "p95 ms", "floor p50 ms", "÷ floor"]),
  ...(versus ? [`${versus} p50`] : []),
  "floor",
  "notes",
];
const cannonHead = [
  "concurrency (autocannon)",
  "conns",
  "s",
  ...head(["req/s", "p50 / p99 ms", "2xx / 503 / other / errors / timeouts", "idle again after s, CPU s in 5 s"]),
  ...(versus ? [`${versus} req/s`] : []),
];
const ratioOf = (g, f) =>
  versus && g[LAYOUTS[0]] && g[LAYOUTS[1]] ? [fmt(f(g[LAYOUTS[1]]) / f(g[LAYOUTS[0]]), 2)] : versus ? ["–"] : [];
const header = `studyAI perf bench${arg("--label") ? ` (${arg("--label")})` : ""} — ${new Date().toISOString()} · ${os.cpus()[0]?.model} × ${os.cpus().length} · load ${os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(" ")} · ${((Date.now() - started) / 1000).toFixed(0)} s`;
const table = [
  line(rowHead),
  sep(rowHead.length),
  ...byKey(rows, (r) => r.key).map((g) =>
    line([
      first(g).what,
      LAYOUTS.map((l) => g[l]?.n ?? "–").join(" / "),
      ...LAYOUTS.flatMap((l) => cells(g[l], rowCells)),
      ...ratioOf(g, (r) => r.p50),
      first(g).floorLabel,
      LAYOUTS.filter((l) => g[l])
        .map((l) => `${NAMES[l]}: ${g[l].extra}`)
        .join("; "),
    ]),
  ),
  "",
  line(cannonHead),
  sep(cannonHead.length),
  ...byKey(cannon, (c) => `${c.what}|${c.connections}`).map((g) =>
    line([
      first(g).what,
      first(g).connections,
      first(g).seconds,
      ...LAYOUTS.flatMap((l) => cells(g[l], cannonCells)),
      ...ratioOf(g, (c) => c.reqPerSec),
    ]),
  ),
  "",
  ...notes.map((n) => `- ${n}`),
].join("\n");
console.log(`\n${header}\n\n${table}`);
if (arg("--markdown")) writeFileSync(path.resolve(ROOT, arg("--markdown")), `${header}\n\n${table}\n`);
if (arg("--json"))
  writeFileSync(
    path.resolve(ROOT, arg("--json")),
    JSON.stringify({ header, layouts: LAYOUTS, rows, cannon, notes }, null, 2),
  );

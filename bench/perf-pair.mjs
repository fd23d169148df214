#!/usr/bin/env node
// Before/after for issue 20: bench/perf.mjs run alternately in a "before" worktree (a commit before the
// search/auth changes, given by --before DIR) and in this tree, same corpus script and same bench copied in,
// in ABBA order (before, after, after, before, …) so drift on a shared machine falls on both sides.
// Each run's JSON lands in .bench/perf-pair/; the summary (medians over the runs, the spread of p50 across
// runs, floors and ratios) is printed and written to .bench/perf-pair/summary.md.
//   node bench/perf-pair.mjs --before /work/h-graph-before [--pairs 2] [--out .bench/perf-pair]
// The before tree needs node_modules (a symlink to this tree's works) and its own kept corpus state, built
// on its first run (its migrations differ, so its key does). Both layouts are measured on both sides unless
// PERF_LAYOUTS says otherwise: a before tree older than the object layout (issue 21) or than e2e/stack.mjs's
// `vars` (which bench/perf-objects.mjs needs) runs with PERF_LAYOUTS=d1.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./common.mjs";

const arg = (flag, fallback) => {
  const i = process.argv.indexOf(flag);
  return i === -1 ? fallback : process.argv[i + 1];
};
const BEFORE = path.resolve(arg("--before", "/work/h-graph-before"));
const PAIRS = Number(arg("--pairs", "2"));
const OUT = path.resolve(ROOT, arg("--out", ".bench/perf-pair"));
const BENCH_FILES = [
  "perf.mjs",
  "perf-http.mjs",
  "perf-state.mjs",
  "perf-layout.mjs",
  "perf-objects.mjs",
  "perf-floors.ts",
  "corpus.ts",
  "corpus-text.ts",
  "common.mjs",
  "hello-worker.js",
];

mkdirSync(OUT, { recursive: true });
for (const f of BENCH_FILES) copyFileSync(path.join(ROOT, "bench", f), path.join(BEFORE, "bench", f));

const before = execFileSync("git", ["-C", BEFORE, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
const after = execFileSync("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
const runs = { before: [], after: [] };
const order = [];
for (let i = 0; i < PAIRS; i++) order.push(...(i % 2 ? ["after", "before"] : ["before", "after"]));
order.forEach((side, n) => {
  const tree = side === "before" ? BEFORE : ROOT;
  const file = path.join(OUT, `${side}-${n + 1}.json`);
  console.error(`=== run ${n + 1}/${order.length}: ${side} (${side === "before" ? before : after})`);
  execFileSync(
    process.execPath,
    ["bench/perf.mjs", "--label", `${side} ${side === "before" ? before : after}`, "--json", file],
    {
      cwd: tree,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, PATH: `${path.join(tree, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}` },
    },
  );
  runs[side].push(JSON.parse(readFileSync(file, "utf8")));
});

const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "–");
const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const spread = (xs) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
const side = (name, what, key) =>
  runs[name].map((r) =>
    r[key].find((x) => x.what === what.what && x.connections === what.connections && x.layout === what.layout),
  );

const lines = [
  `before ${before}, after ${after}; ${PAIRS} pair(s), ABBA order; medians over the runs, p50 spread across runs in brackets`,
  "",
  "| what | before p50 ms | before p95 | before floor p50 | before ÷ floor | after p50 ms | after p95 | after floor p50 | after ÷ floor | after ÷ before (p50) |",
  "|---|---|---|---|---|---|---|---|---|---|",
];
for (const row of runs.after[0].rows) {
  const b = side("before", row, "rows").filter(Boolean);
  const a = side("after", row, "rows").filter(Boolean);
  const cell = (xs) => {
    const p50 = median(xs.map((x) => x.p50));
    const floor = median(xs.map((x) => x.floor));
    return `${fmt(p50)} (${spread(xs.map((x) => x.p50))}) | ${fmt(median(xs.map((x) => x.p95)))} | ${fmt(floor, 2)} | ${fmt(p50 / floor)}`;
  };
  const ratio = median(a.map((x) => x.p50)) / median(b.map((x) => x.p50));
  lines.push(
    `| ${row.what}${row.layout ? ` [${row.layout}]` : ""} | ${b.length ? cell(b) : "– | – | – | –"} | ${cell(a)} | ${fmt(ratio, 3)} |`,
  );
}
lines.push(
  "",
  "| concurrency (autocannon) | conns | before req/s | before p50/p99 ms | before 2xx / 503 / other / timeouts | before: idle again after s, CPU s in 5 s | after req/s | after p50/p99 ms | after 2xx / 503 / other / timeouts | after: idle again after s, CPU s in 5 s |",
  "|---|---|---|---|---|---|---|---|---|---|",
);
for (const c of runs.after[0].cannon) {
  const cell = (xs) =>
    xs
      .map(
        (x) =>
          `${fmt(x.reqPerSec)} | ${fmt(x.p50)}/${fmt(x.p99)} | ${x.ok} / ${x.busy503} / ${x.otherNon2xx} / ${x.timeouts} | ${Number.isFinite(x.drainedMs) ? fmt(x.drainedMs / 1000) : "> 120"}, ${fmt(x.cpuAfter5s)}`,
      )
      .map((s) => s.split(" | "))
      .reduce((acc, parts) => acc.map((v, i) => (v ? `${v}; ${parts[i]}` : parts[i])), ["", "", "", ""])
      .join(" | ");
  lines.push(
    `| ${c.what}${c.layout ? ` [${c.layout}]` : ""} | ${c.connections} | ${cell(side("before", c, "cannon").filter(Boolean))} | ${cell(side("after", c, "cannon").filter(Boolean))} |`,
  );
}
lines.push(
  "",
  "Run headers:",
  ...[...runs.before, ...runs.after].map((r) => `- ${r.header}`),
  "",
  ...runs.after[0].notes.map((n) => `- ${n}`),
);
const summary = lines.join("\n");
console.log(`\n${summary}`);
writeFileSync(path.join(OUT, "summary.md"), `${summary}\n`);

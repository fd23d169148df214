#!/usr/bin/env node
// `wrangler check startup` on two prebuilt bundles, interleaved A B B A (× rounds), with the 1-minute load
// before each run; prints each run's "Active" CPU time and the medians (docs/performance.md, "Startup and
// bundle"). Bundles come from `wrangler deploy --dry-run --outfile <file>` (add `--env production` for the
// deployed layout).
//   node bench/startup-compare.mjs /tmp/before.bundle /tmp/after.bundle [rounds=2]
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";

const [a, b, rounds = "2"] = process.argv.slice(2);
if (!a || !b) {
  console.error("usage: node bench/startup-compare.mjs <before.bundle> <after.bundle> [rounds]");
  process.exit(2);
}
const active = { A: [], B: [] };
const run = (label, bundle, i) => {
  const load = loadavg()[0].toFixed(2);
  const out = execFileSync(
    "wrangler",
    ["check", "startup", "--worker", bundle, "--outfile", `${bundle}.${label}${i}.cpuprofile`],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  const ms = Number(/Active: ([\d.]+) ms/.exec(out)?.[1]);
  active[label].push(ms);
  console.log(`${label} run ${i}: active ${ms.toFixed(1)} ms (load ${load})`);
};
for (let r = 0; r < Number(rounds); r++)
  for (const [label, bundle] of [
    ["A", a],
    ["B", b],
    ["B", b],
    ["A", a],
  ])
    run(label, bundle, active[label].length + 1);
const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`median active: A ${median(active.A).toFixed(1)} ms, B ${median(active.B).toFixed(1)} ms`);

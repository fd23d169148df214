#!/usr/bin/env node
// Self time by package of a `wrangler check startup` profile (docs/performance.md, lazy routers): each sample's
// line in the bundle is mapped to the module esbuild's `// path` comment above it.
//   npx wrangler deploy --dry-run --outdir /tmp/api && npx wrangler deploy --dry-run --outfile /tmp/api.bundle
//   npx wrangler check startup --worker /tmp/api.bundle --outfile /tmp/api.cpuprofile
//   node bench/startup-profile.mjs /tmp/api/index.js /tmp/api.cpuprofile

import { readFileSync } from "node:fs";

const [js, prof] = process.argv.slice(2);
const lines = readFileSync(js, "utf8").split("\n");
const markers = []; // [line, module]
lines.forEach((l, i) => {
  const m = /^\/\/ (\S+)$/.exec(l);
  if (m && /[/.]/.test(m[1])) markers.push([i, m[1].replace(/^(\.\.\/)+[^/]+\/(?=node_modules\/)/, "")]);
});
const moduleAt = (line) => {
  let lo = 0,
    hi = markers.length - 1,
    ans = "(prelude)";
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (markers[mid][0] <= line) {
      ans = markers[mid][1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
};
const p = JSON.parse(readFileSync(prof, "utf8"));
const dt = {};
for (let i = 0; i < p.samples.length; i++)
  dt[p.samples[i]] = (dt[p.samples[i]] ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000;
const by = {};
let total = 0;
for (const n of p.nodes) {
  const t = dt[n.id] ?? 0;
  if (!t) continue;
  const f = n.callFrame;
  let key;
  if (f.functionName === "(idle)" || f.functionName === "(program)") key = f.functionName;
  else if (f.functionName === "(garbage collector)") key = "(gc)";
  else if (!f.url?.includes("index.js")) key = `(other: ${f.url || f.functionName})`;
  else {
    const mod = moduleAt(f.lineNumber);
    const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(mod);
    key = m
      ? m[1]
      : mod.startsWith("workers/") || mod.startsWith("schemas/")
        ? mod.split("/").slice(0, 4).join("/")
        : mod;
  }
  by[key] = (by[key] ?? 0) + t;
  if (key !== "(idle)") total += t;
}
const zod = by.zod ?? 0;
const rows = Object.entries(by)
  .filter(([k]) => k !== "(idle)")
  .sort((a, b) => b[1] - a[1])
  .slice(0, 14);
console.log(`non-idle ${total.toFixed(1)} ms; zod ${zod.toFixed(1)} ms (${((100 * zod) / total).toFixed(1)}%)`);
for (const [k, v] of rows)
  console.log(`  ${v.toFixed(1).padStart(7)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);

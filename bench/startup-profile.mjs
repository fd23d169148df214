#!/usr/bin/env node
// Self time by package of a `wrangler check startup` profile (docs/performance.md, "Startup and bundle"): each
// sample's line is mapped to the module esbuild's `// path` comment above it, in the file the sample is in.
// Takes the one-file bundle (index.js) or the directory of a split build (dist/api, or --outdir of a dry run).
// Time is attributed as wrangler's summary does (each time delta to the sample it ends), so the non-idle
// total is the "Active" figure check startup prints.
//   npx wrangler deploy --env production --dry-run --outdir /tmp/api --outfile /tmp/api.bundle
//   npx wrangler check startup --worker /tmp/api.bundle --outfile /tmp/api.cpuprofile
//   node bench/startup-profile.mjs /tmp/api /tmp/api.cpuprofile

import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const [target, prof] = process.argv.slice(2);
const files = statSync(target).isDirectory()
  ? readdirSync(target, { recursive: true })
      .filter((f) => f.endsWith(".js"))
      .map((f) => [f.split(path.sep).join("/"), path.join(target, f)])
  : [["index.js", target]];

/** Per file: [line, module] markers, in line order. */
const markersOf = new Map(
  files.map(([name, file]) => {
    const markers = [];
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((l, i) => {
        const m = /^\/\/ (\S+)$/.exec(l);
        if (m && /[/.]/.test(m[1])) markers.push([i, m[1].replace(/^(\.\.\/)+[^/]+\/(?=node_modules\/)/, "")]);
      });
    return [name, markers];
  }),
);
const fileOf = (url) => [...markersOf.keys()].find((name) => url === name || url.endsWith(`/${name}`));
const moduleAt = (markers, line) => {
  let lo = 0;
  let hi = markers.length - 1;
  let ans = "(prelude)";
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
for (let i = 0; i < p.samples.length; i++) dt[p.samples[i]] = (dt[p.samples[i]] ?? 0) + (p.timeDeltas[i] ?? 0) / 1000;
const by = {};
let total = 0;
for (const n of p.nodes) {
  const t = dt[n.id] ?? 0;
  if (!t) continue;
  const f = n.callFrame;
  const file = f.url ? fileOf(f.url) : undefined;
  let key;
  if (f.functionName === "(idle)" || f.functionName === "(program)") key = f.functionName;
  else if (f.functionName === "(garbage collector)") key = "(gc)";
  else if (!file) key = `(other: ${f.url || f.functionName})`;
  else if (f.lineNumber < 0) key = `(top level of ${file})`;
  else {
    const mod = moduleAt(markersOf.get(file), f.lineNumber);
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
  .slice(0, 16);
console.log(`non-idle ${total.toFixed(1)} ms; zod ${zod.toFixed(1)} ms (${((100 * zod) / total).toFixed(1)}%)`);
for (const [k, v] of rows)
  console.log(`  ${v.toFixed(1).padStart(7)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);

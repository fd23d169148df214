#!/usr/bin/env node
// `npm run check:bundle` (part of `npm run test:static`): builds the api Worker as it is deployed (the split
// build of scripts/build-api.mjs, in memory) and the ingest Worker's one-file bundle the way wrangler does
// (workerd conditions, node: and cloudflare: external), and fails when
//  - the api Worker's import graph reaches an ingestion-only library or module (scripts/bundle-rules.mjs),
//    printing how it is reached;
//  - the modules the api Worker loads at isolate startup (the entry and what it imports statically) exceed
//    STARTUP_BUDGET_GZIP: what the routers and handlers import must stay behind their import()
//    (docs/performance.md, "Startup and bundle");
//  - a request path (the startup modules plus each chain of lazily imported chunks a request can load, each
//    with its static imports) exceeds REQUEST_PATH_BUDGET_GZIP (1 MiB);
//  - the ingest Worker's bundle lacks the extractors, so a check that silently stopped seeing them cannot pass.
// Prints both Workers' sizes, the api Worker's startup modules, and its largest request path
// (CHECK_BUNDLE_PATHS=n prints the n largest).
import { builtinModules } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { apiBuildOptions } from "./build-api.mjs";
import { ingestOnlyInputs, packagesIn } from "./bundle-rules.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "dist/check-api");
const STARTUP_BUDGET_GZIP = 160 * 1024;
/** What one request may load: the startup modules plus every chunk it imports lazily (issue 20, item 6). */
const REQUEST_PATH_BUDGET_GZIP = 1024 * 1024;

async function ingestBundle() {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ["workers/ingest/src/index.ts"],
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "neutral",
    target: "es2024",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["browser", "module", "main"],
    external: ["cloudflare:*", "node:*", ...builtinModules],
    logLevel: "error",
  });
  const code = result.outputFiles[0].contents;
  return { metafile: result.metafile, raw: code.length, gzip: gzipSync(code).length };
}

async function apiBundle() {
  const result = await build({
    ...apiBuildOptions({ outdir: OUT }),
    write: false,
    sourcemap: false,
    logLevel: "error",
  });
  const size = new Map(
    result.outputFiles.map((f) => [
      path.relative(ROOT, f.path),
      { raw: f.contents.length, gzip: gzipSync(f.contents).length },
    ]),
  );
  const outputs = result.metafile.outputs;
  const closure = (from) => {
    const seen = new Set(from);
    const todo = [...from];
    while (todo.length) {
      for (const i of outputs[todo.pop()].imports)
        if (i.kind === "import-statement" && !i.external && !seen.has(i.path)) seen.add(i.path) && todo.push(i.path);
    }
    return seen;
  };
  const sum = (files) =>
    [...files].reduce((t, f) => ({ raw: t.raw + size.get(f).raw, gzip: t.gzip + size.get(f).gzip }), {
      raw: 0,
      gzip: 0,
    });
  const entry = path.relative(ROOT, path.join(OUT, "index.js"));
  const startup = closure([entry]);
  // A request path: the startup modules, then each chunk a request imports lazily, in turn (a route group,
  // then what its handler imports on first use, ...), each with what it imports statically. Every chain of
  // lazy imports from the entry is followed (a few dozen), so a heavy library two imports deep is counted
  // with the route group that reaches it.
  const lazyIn = (files) => [
    ...new Set(
      [...files].flatMap((f) =>
        outputs[f].imports.filter((i) => i.kind === "dynamic-import" && !i.external).map((i) => i.path),
      ),
    ),
  ];
  const paths = new Map();
  // `added`: the modules the last lazy import brought in; what they import lazily is the next step.
  const follow = (chain, loaded, added) => {
    for (const chunk of lazyIn(added)) {
      if (chain.includes(chunk)) continue;
      const fresh = [...closure([chunk])].filter((f) => !loaded.has(f));
      const now = new Set([...loaded, ...fresh]);
      const p = { chain: [...chain, chunk], ...sum(now) };
      if (p.gzip > (paths.get(chunk)?.gzip ?? -1)) paths.set(chunk, p);
      follow(p.chain, now, fresh);
    }
  };
  follow([], startup, startup);
  return {
    metafile: result.metafile,
    all: sum(size.keys()),
    modules: size.size,
    startup: { count: startup.size, ...sum(startup) },
    paths: [...paths.values()].sort((a, b) => b.gzip - a.gzip),
  };
}

const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
const [api, ingest] = await Promise.all([apiBundle(), ingestBundle()]);
console.log(`api Worker:    ${api.modules} modules, ${kib(api.all.raw)} / gzip ${kib(api.all.gzip)}`);
console.log(`  at startup:  ${api.startup.count} modules, ${kib(api.startup.raw)} / gzip ${kib(api.startup.gzip)}`);
const chunkName = (f) => path.basename(f).replace(/-[A-Z0-9]{8}\.js$/, "");
const chainOf = (p) => ["startup", ...p.chain.map(chunkName)].join(" → ");
if (process.env.CHECK_BUNDLE_PATHS)
  for (const p of api.paths.slice(0, Number(process.env.CHECK_BUNDLE_PATHS)))
    console.log(`    ${kib(p.gzip).padStart(9)} gzip  ${chainOf(p)}`);
const [heaviest] = api.paths;
if (heaviest)
  console.log(`  largest request path (${chainOf(heaviest)}): ${kib(heaviest.raw)} / gzip ${kib(heaviest.gzip)}`);
console.log(`ingest Worker: ${kib(ingest.raw)} / gzip ${kib(ingest.gzip)}`);

let failed = false;
const stray = ingestOnlyInputs(api.metafile);
if (stray.length) {
  failed = true;
  console.error("✗ the api Worker's bundle reaches ingestion-only code (it belongs to workers/ingest/):");
  // One chain per package (its first file reached), every ingestion-only module's own.
  const shown = new Set();
  for (const { file, chain } of stray) {
    const where = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? file;
    if (shown.has(where)) continue;
    shown.add(where);
    console.error(`  ${where}: ${chain.slice(1).join("\n    ← ")}`);
  }
}
if (api.startup.gzip > STARTUP_BUDGET_GZIP) {
  failed = true;
  console.error(
    `✗ the api Worker loads ${kib(api.startup.gzip)} gzip at startup (budget ${kib(STARTUP_BUDGET_GZIP)}): ` +
      "something the entry imports statically should be imported on first use (docs/performance.md)",
  );
}
const over = api.paths.filter((p) => p.gzip > REQUEST_PATH_BUDGET_GZIP);
if (over.length) {
  failed = true;
  console.error(
    `✗ ${over.length} api request path(s) load more than ${kib(REQUEST_PATH_BUDGET_GZIP)} gzip ` +
      "(a library that heavy belongs to the ingest Worker, or behind a smaller import; docs/performance.md):",
  );
  for (const p of over) console.error(`  ${kib(p.gzip).padStart(9)} gzip  ${chainOf(p)}`);
}
const extractors = packagesIn(ingest.metafile);
for (const wanted of ["unpdf", "mammoth", "linkedom", "@mozilla/readability", "wink-eng-lite-web-model"]) {
  if (!extractors.includes(wanted)) {
    failed = true;
    console.error(`✗ the ingest Worker's bundle has no ${wanted}: the check no longer sees the extractors`);
  }
}
if (failed) process.exit(1);
console.log(`✓ no ingestion-only module in the api bundle (the ingest Worker has ${extractors.join(", ")})`);
console.log(`✓ api startup modules within ${kib(STARTUP_BUDGET_GZIP)} gzip`);
console.log(`✓ every api request path (${api.paths.length}) within ${kib(REQUEST_PATH_BUDGET_GZIP)} gzip`);

#!/usr/bin/env node
// `npm run check:bundle` (part of `npm run test:static`): bundles the api Worker's entry and the ingest
// Worker's with esbuild the way wrangler does (workerd conditions, node: and cloudflare: external, the api's
// [alias]) and fails when the api Worker's import graph reaches an ingestion-only library or module
// (scripts/bundle-rules.mjs), printing how it is reached. It also fails when the ingest Worker's bundle lacks
// the extractors, so a check that silently stopped seeing them cannot pass. Prints both bundles' sizes.
import { builtinModules } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { ingestOnlyInputs, packagesIn } from "./bundle-rules.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const NO_KYSELY = path.join(ROOT, "workers/api/src/auth/no-kysely.ts");

async function bundle(entry) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "neutral",
    target: "es2024",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["browser", "module", "main"],
    external: ["cloudflare:*", "node:*", ...builtinModules],
    alias: { kysely: NO_KYSELY, "@better-auth/kysely-adapter": NO_KYSELY },
    logLevel: "error",
  });
  const code = result.outputFiles[0].contents;
  return { metafile: result.metafile, raw: code.length, gzip: gzipSync(code).length };
}

const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
const [api, ingest] = await Promise.all([bundle("workers/api/src/index.ts"), bundle("workers/ingest/src/index.ts")]);
console.log(`api Worker bundle:    ${kib(api.raw)} / gzip ${kib(api.gzip)}`);
console.log(`ingest Worker bundle: ${kib(ingest.raw)} / gzip ${kib(ingest.gzip)}`);

let failed = false;
const stray = ingestOnlyInputs(api.metafile);
if (stray.length) {
  failed = true;
  console.error("✗ the api Worker's bundle reaches ingestion-only code (it belongs to workers/ingest/):");
  for (const { chain } of stray) console.error(`  ${chain.join("\n    ← ")}`);
}
const extractors = packagesIn(ingest.metafile);
for (const wanted of ["unpdf", "mammoth", "linkedom", "@mozilla/readability"]) {
  if (!extractors.includes(wanted)) {
    failed = true;
    console.error(`✗ the ingest Worker's bundle has no ${wanted}: the check no longer sees the extractors`);
  }
}
if (failed) process.exit(1);
console.log(`✓ no ingestion-only module in the api bundle (the ingest Worker has ${extractors.join(", ")})`);

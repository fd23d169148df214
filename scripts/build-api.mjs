#!/usr/bin/env node
// Builds the api Worker into dist/api/ as separate ES modules (esbuild code splitting): the entry and what it
// imports statically in index.js and shared chunks, each lazily imported group (platform/lazy-routes.ts,
// the queue consumer, the cron jobs, the Workflows' steps) in chunks of its own, uploaded as extra modules
// (wrangler.toml: no_bundle, rules). Bundled as one file, the whole API is parsed and compiled at isolate
// startup even where its evaluation is deferred; split, a chunk is compiled when first imported.
// Same esbuild settings as wrangler's own bundling (workerd conditions, es2024, node: and cloudflare:
// external, the [alias] of wrangler.toml, NODE_ENV defined), so the code is the same, only cut in modules.
//   node scripts/build-api.mjs [--outdir dist/api] [--dev]
import { rm } from "node:fs/promises";
import { builtinModules } from "node:module";
import path from "node:path";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "..");
const NO_KYSELY = path.join(ROOT, "workers/api/src/auth/no-kysely.ts");
export const API_ENTRY = "workers/api/src/index.ts";

/**
 * zod's `locales` namespace (`z.locales`, 50 languages, a third of the zod code at startup) reduced to English,
 * the only one it uses by default; nothing here calls `z.config(z.locales.xx())`. The one-file bundle of the
 * top level (dev, tests) keeps them all.
 */
export const zodEnglishOnly = {
  name: "zod-english-only",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]v4[\\/]/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), "../locales/en.js"), namespace: "zod-locales" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
      loader: "js",
    }));
  },
};

/** esbuild options for the api Worker, split into modules under `outdir`. */
export function apiBuildOptions({ outdir = path.join(ROOT, "dist/api"), nodeEnv = "production" } = {}) {
  const env = JSON.stringify(nodeEnv);
  return {
    absWorkingDir: ROOT,
    entryPoints: { index: API_ENTRY },
    bundle: true,
    splitting: true,
    format: "esm",
    outdir,
    chunkNames: "chunks/[name]-[hash]",
    platform: "neutral",
    target: "es2024",
    supported: { "import-source": true, using: true },
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["browser", "module", "main"],
    external: ["cloudflare:*", "node:*", ...builtinModules],
    alias: { kysely: NO_KYSELY, "@better-auth/kysely-adapter": NO_KYSELY },
    define: {
      "process.env.NODE_ENV": env,
      "global.process.env.NODE_ENV": env,
      "globalThis.process.env.NODE_ENV": env,
    },
    loader: { ".js": "jsx", ".mjs": "jsx", ".cjs": "jsx" },
    plugins: [zodEnglishOnly],
    sourcemap: true,
    metafile: true,
    logLevel: "warning",
  };
}

export async function buildApi(options = {}) {
  const opts = apiBuildOptions(options);
  await rm(opts.outdir, { recursive: true, force: true });
  return build(opts);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--outdir");
  const outdir = at >= 0 ? path.resolve(args[at + 1]) : undefined;
  const result = await buildApi({ outdir, nodeEnv: args.includes("--dev") ? "development" : "production" });
  const js = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith(".js"));
  const total = js.reduce((n, [, o]) => n + o.bytes, 0);
  console.log(`api Worker: ${js.length} modules, ${(total / 1024).toFixed(0)} KiB`);
}

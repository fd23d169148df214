#!/usr/bin/env node
// Wall time of an api Worker isolate's first requests, in a fresh local runtime (miniflare) per run: startup
// plus the first request to a route group, which imports that group (docs/performance.md, "Startup and
// bundle"). Takes the --outdir of `wrangler deploy --dry-run` (one index.js, or the split modules of the
// deployed environments); runs directories interleaved A B B A.
//   node bench/first-request.mjs /tmp/before-dir /tmp/after-dir [rounds=2]
import { readdirSync } from "node:fs";
import path from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";

const [a, b, rounds = "2"] = process.argv.slice(2);
const PATHS = ["/health", "/v1/notebooks", "/v1/openapi.json"];

async function once(dir) {
  // The entry first (the main module), then the chunks of a split build.
  const files = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".js") && f !== "index.js");
  const modules = ["index.js", ...files].map((f) => ({ type: "ESModule", path: path.join(dir, f) }));
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      name: "api",
      handleStructuredLogs: () => {},
      modules,
      modulesRoot: dir,
      compatibilityDate: "2026-11-01",
      compatibilityFlags: ["nodejs_compat", "enable_request_signal"],
      bindings: { ENVIRONMENT: "development", APP_URL: "http://localhost:8787" },
      d1Databases: ["DB"],
      r2Buckets: ["FILES", "BACKUP_BUCKET"],
      queueProducers: { INGEST_QUEUE: { queueName: "ingest" }, CHANNEL_QUEUE: { queueName: "channel-messages" } },
      ratelimits: Object.fromEntries(
        ["SIGN_IN_LIMITER", "ASK_LIMITER", "UPLOAD_LIMITER"].map((n, i) => [
          n,
          { namespace_id: String(1001 + i), simple: { limit: 1000, period: 60 } },
        ]),
      ),
    }),
  );
  await mf.ready;
  const times = [];
  for (const p of PATHS) {
    const started = performance.now();
    const res = await mf.dispatchFetch(`http://localhost${p}`);
    await res.arrayBuffer();
    times.push(`${p} ${res.status} ${(performance.now() - started).toFixed(0)} ms`);
  }
  await mf.dispose();
  return times.join(", ");
}

for (let r = 0; r < Number(rounds); r++)
  for (const [label, dir] of [
    ["A", a],
    ["B", b],
    ["B", b],
    ["A", a],
  ])
    console.log(`${label}: ${await once(dir)}`);

#!/usr/bin/env node
// `npm run release -- --env staging|production`: the judged canary for the Workers (issue 17.3).
//   1. a Time Travel bookmark, then the remote migrations (skip with --skip-migrations);
//   1b. the ingest Worker (workers/ingest/, no HTTP to probe): its new version at 100%, before the api Worker
//      whose Workflow binding names it; put back on its stable version if the api canary is rolled back;
//   2. api Worker: upload a version, deploy it at --percentage (default 10) beside the stable one, probe both
//      pinned with Cloudflare-Workers-Version-Overrides, promote to 100% or put the stable back at 100%;
//   3. the web Worker the same way (built first), only when the api was promoted.
// Probes go to RELEASE_API_URL (the api Worker's own hostname) and RELEASE_WEB_URL. Exit 0 only when both
// were promoted. The decision is scripts/release/judge-canary.mjs; the sequence scripts/release/release-flow.mjs.
import { execFileSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { unstable_readConfig } from "wrangler";
import { migrateWithBookmark } from "./release/migrate.mjs";
import { release } from "./release/release-flow.mjs";
import { recordLine, runCommand } from "./release/run-command.mjs";

const { values } = parseArgs({
  options: {
    env: { type: "string" },
    percentage: { type: "string", default: "10" },
    only: { type: "string" },
    "skip-migrations": { type: "boolean", default: false },
  },
});
const env = values.env;
const percentage = Number(values.percentage);
const fail = (message) => {
  console.error(message);
  process.exit(2);
};
if (env !== "staging" && env !== "production")
  fail("usage: npm run release -- --env staging|production [--percentage 10] [--only api|web] [--skip-migrations]");
if (!Number.isInteger(percentage) || percentage < 1 || percentage > 50)
  fail("--percentage must be a whole number from 1 to 50");

const urls = { api: process.env.RELEASE_API_URL, web: process.env.RELEASE_WEB_URL };
const workerName = (config) => unstable_readConfig({ config, env }).name;
const all = [
  {
    label: "ingest",
    name: workerName("workers/ingest/wrangler.toml"),
    cwd: "workers/ingest",
    whole: true,
    stepsWith: "api",
  },
  {
    label: "api",
    name: workerName("wrangler.toml"),
    cwd: ".",
    url: urls.api,
    // Routes that must answer 200 on a healthy version without an account: readiness (D1, R2, queue,
    // vectors, providers), the OpenAPI document (every router loaded) and liveness.
    probes: [
      { path: "/health/ready", expect: 200 },
      { path: "/v1/openapi.json", expect: 200 },
      { path: "/health/live", expect: 200 },
    ],
  },
  {
    label: "web",
    name: workerName("web/wrangler.toml"),
    cwd: "web",
    url: urls.web,
    build: [["npm", "run", "build:web"]],
    probes: [
      { path: "/", expect: 200 },
      { path: "/sign-in", expect: 200 },
    ],
  },
];
// --only api releases the ingest Worker with it (they deploy in step); --only web the web Worker alone.
const workers = values.only ? all.filter((w) => w.label === values.only || w.stepsWith === values.only) : all;
if (workers.length === 0 || values.only === "ingest") fail("--only is api or web");
for (const w of workers)
  if (!w.whole && !w.url) fail(`set RELEASE_${w.label.toUpperCase()}_URL (where the ${w.label} Worker answers)`);

const sha = process.env.GITHUB_SHA ?? execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
const tag = sha.slice(0, 7);
const log = (line) => console.log(`release: ${line}`);
try {
  if (!values["skip-migrations"] && workers.some((w) => w.label === "api" || w.label === "ingest")) {
    await migrateWithBookmark({ env, runner: runCommand, log, record: (e) => recordLine("bookmarks.ndjson", e) });
  }
  const outcome = await release(
    {
      env,
      percentage,
      tag,
      message: `release ${tag}`,
      runner: runCommand,
      fetch,
      sleep,
      log,
      roundDelayMs: 3000,
      settleMs: 15_000,
    },
    workers,
  );
  for (const r of outcome.results) {
    await recordLine("releases.ndjson", { at: new Date().toISOString(), env, tag, ...r });
    log(`${r.worker}: ${r.action === "promote" ? "promoted" : "rolled back"} ${r.canary} (${r.reason})`);
  }
  process.exit(outcome.ok ? 0 : 1);
} catch (err) {
  console.error(`release: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}

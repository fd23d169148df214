#!/usr/bin/env node
// `npm run dev`: local D1 migrations, the web build, the three Workers in one wrangler process (web first,
// so it owns the printed URL; the api Worker is reached through the API service binding, the ingest Worker
// through the ingest queue and the Workflow binding; local D1/R2/Queues/Workflows shared), then the
// idempotent demo seed through the public API. No keys needed. Any port: `PORT=8931 npm run dev` — the
// api and ingest Workers run from copies of their configs whose .dev.vars trust that URL (scripts/local-api-config.mjs).
// Quiet by default: a line per step, then the URL and the demo account; from the tools only errors (and the
// whole output of a step that fails). `npm run dev -- --verbose` or STUDYAI_DEV_VERBOSE=1: everything.
import { spawn, spawnSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { createOutputFilter, isVerbose, migrationSummary } from "./dev-output.mjs";
import { writeLocalWorkerConfigs } from "./local-api-config.mjs";
import { seedDemo } from "./seed-demo.mjs";

const PORT = Number(process.env.PORT ?? 8787);
const URL_BASE = `http://localhost:${PORT}`;
const PERSIST = ".wrangler/state";
const verbose = isVerbose();

/** Runs a step; quiet, its output is shown only when it fails. Returns what it printed. */
function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { stdio: verbose ? "inherit" : "pipe", encoding: "utf8", ...opts });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.status !== 0) {
    if (!verbose) process.stderr.write(output);
    console.error(`\n✗ ${cmd} ${args.join(" ")} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
  return output;
}

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

let started = Date.now();
const migrated = run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", PERSIST], {
  env: { ...process.env, CI: "true" },
});
if (!verbose) console.log(`✓ local D1: ${migrationSummary(migrated)}`);

started = Date.now();
run("npm", ["run", "build:web", "--silent"]);
if (!verbose) console.log(`✓ web app built (${seconds(started)})`);

started = Date.now();
if (verbose) console.log("→ starting web + api + ingest Workers");
// Your own .dev.vars (OPENAI_API_KEY …) goes along; APP_URL / CORS_ORIGINS follow PORT.
const configs = await writeLocalWorkerConfigs({
  root: process.cwd(),
  dir: ".wrangler/dev-api",
  baseUrl: URL_BASE,
  withDeveloperVars: true,
});
const dev = spawn(
  "wrangler",
  [
    "dev",
    "-c",
    "web/wrangler.toml",
    "-c",
    configs.api,
    "-c",
    configs.ingest,
    "--persist-to",
    PERSIST,
    "--port",
    String(PORT),
    "--ip",
    "127.0.0.1",
    "--show-interactive-dev-session=false",
  ],
  { stdio: verbose ? "inherit" : ["ignore", "pipe", "pipe"] },
);
const filter = createOutputFilter((line) => console.log(line));
if (!verbose) {
  dev.stdout.setEncoding("utf8").on("data", (chunk) => filter.push(chunk));
  dev.stderr.setEncoding("utf8").on("data", (chunk) => filter.push(chunk));
}
let stopping = false;
const stop = () => {
  stopping = true;
  dev.kill("SIGINT");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
dev.on("exit", (code) => {
  filter.end();
  // A crash: what wrangler said last, in full.
  if (code && !stopping && !verbose)
    console.error(`\n✗ wrangler dev exited (${code}); its last lines:\n${filter.recent().join("\n")}`);
  process.exit(code ?? 0);
});

async function waitForApi() {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${URL_BASE}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`the app did not answer on ${URL_BASE}/api/health within 60 s`);
}

try {
  await waitForApi();
  const demo = await seedDemo(`${URL_BASE}/api`);
  console.log(`✓ web + api + ingest Workers ready (${seconds(started)})

  studyAI is running at ${URL_BASE}
    API through the web app: ${URL_BASE}/api/v1/…   readiness: ${URL_BASE}/api/health/ready
    API reference:           ${URL_BASE}/api/docs
    demo account:            ${demo.email} / ${demo.password} (notebook "${demo.notebookTitle}")
  ${verbose ? "" : "Errors are shown here; every log line with `npm run dev -- --verbose`. "}Press Ctrl+C to stop.
`);
} catch (err) {
  console.error(`\n✗ ${err instanceof Error ? err.message : err}`);
}

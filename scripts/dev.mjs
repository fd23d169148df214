#!/usr/bin/env node
// `npm run dev`: local D1 migrations, the web build, both Workers in one wrangler process (web first,
// so it owns the printed URL; the api Worker is reached through the API service binding), then the
// idempotent demo seed through the public API. No keys needed. Any port: `PORT=8931 npm run dev` — the
// api Worker runs from a copy of wrangler.toml whose .dev.vars trusts that URL (scripts/local-api-config.mjs).
import { spawn, spawnSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { writeLocalApiConfig } from "./local-api-config.mjs";
import { seedDemo } from "./seed-demo.mjs";

const PORT = Number(process.env.PORT ?? 8787);
const URL_BASE = `http://localhost:${PORT}`;
const PERSIST = ".wrangler/state";

function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { stdio: "inherit", shell: false, ...opts });
  if (result.status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(" ")} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

console.log("→ applying local D1 migrations");
run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", PERSIST], {
  env: { ...process.env, CI: "true" },
});

console.log("→ building the web app");
run("npm", ["run", "build:web", "--silent"]);

console.log("→ starting web + api Workers");
// Your own .dev.vars (OPENAI_API_KEY …) goes along; APP_URL / CORS_ORIGINS follow PORT.
const apiConfig = await writeLocalApiConfig({
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
    apiConfig,
    "--persist-to",
    PERSIST,
    "--port",
    String(PORT),
    "--ip",
    "127.0.0.1",
    "--show-interactive-dev-session=false",
  ],
  { stdio: "inherit" },
);
const stop = () => dev.kill("SIGINT");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
dev.on("exit", (code) => process.exit(code ?? 0));

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
  console.log(`
  studyAI is running at ${URL_BASE}
    API through the web app: ${URL_BASE}/api/v1/…   readiness: ${URL_BASE}/api/health/ready
    API reference:           ${URL_BASE}/api/docs
    demo account:            ${demo.email} / ${demo.password} (notebook "${demo.notebookTitle}")
  Press Ctrl+C to stop.
`);
} catch (err) {
  console.error(`\n✗ ${err instanceof Error ? err.message : err}`);
}

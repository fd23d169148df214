// The local stack for browser tests and benchmarks: the web, api and ingest Workers in one `wrangler dev` (as
// scripts/dev.mjs runs them), on a free port, with a throwaway --persist-to directory (a fresh D1 with the migrations applied).
import { spawn, spawnSync } from "node:child_process";
import { appendFile, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { writeLocalWorkerConfigs } from "../scripts/local-api-config.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
// node_modules/.bin first, as in npm scripts: wrangler, and the Node 24 it needs.
const ENV = {
  ...process.env,
  CI: "true",
  WRANGLER_SEND_METRICS: "false",
  PATH: `${path.join(ROOT, "node_modules", ".bin")}${path.delimiter}${process.env.PATH ?? ""}`,
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(cmd, args, label) {
  const result = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", env: ENV });
  if (result.status !== 0) {
    throw new Error(`${label} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

export function buildWeb() {
  run("npm", ["run", "build:web", "--silent"], "web build");
}

/**
 * Starts `cmd` in a process group of its own (wrangler and its workerd children), keeping its last 400 output
 * chunks; `stop()` sends SIGTERM, then SIGKILL after 5 s, to the whole group.
 */
export function spawnGroup(cmd, args, log = () => {}) {
  const output = [];
  const child = spawn(cmd, args, { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env: ENV });
  const keep = (chunk) => {
    const text = chunk.toString();
    output.push(text);
    if (output.length > 400) output.shift();
    log(text);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  const stop = async () => {
    for (const signal of ["SIGTERM", "SIGKILL"]) {
      if (exited) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        return; // already gone
      }
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
    }
  };
  return { output, exited: () => exited, stop };
}

/**
 * Starts web + api + ingest Workers; resolves once /api/health answers. `stop()` ends wrangler and its workerd
 * children (its own process group) and removes the state directory. `apiOnly` starts the api Worker and the ingest
 * Worker without the web one (no web build needed: load tests); `apiUrl` is where the API answers either way. `uploadBurst`: uploads per
 * burst window instead of wrangler.toml's 20 (the e2e run lowers it, see e2e/upload-burst.mjs). `vars`: more
 * variables for the api Worker's .dev.vars ({ ADMIN_TOKEN }: bench/perf-objects.mjs moves notebooks with the admin API).
 */
export async function startStack({
  log = () => {},
  apiOnly = false,
  port: fixedPort,
  persistTo: keptState,
  uploadBurst,
  vars = {},
} = {}) {
  const port = fixedPort ?? (await freePort());
  const baseUrl = `http://localhost:${port}`;
  // A caller's own state directory (bench/perf.mjs seeds it between runs) is kept, and migrated only once.
  const persistTo = keptState ?? (await mkdtemp(path.join(tmpdir(), "studyai-e2e-")));
  // Keyless on purpose: a developer's .dev.vars (API keys) stays out of the tests.
  const configs = await writeLocalWorkerConfigs({ root: ROOT, dir: persistTo, baseUrl, uploadBurst });
  const extra = Object.entries(vars).map(([key, value]) => `${key}=${value}\n`);
  if (extra.length) await appendFile(path.join(path.dirname(configs.api), ".dev.vars"), extra.join(""));
  run(
    "wrangler",
    ["d1", "migrations", "apply", "DB", "--local", "-c", configs.api, "--persist-to", persistTo],
    "D1 migrations",
  );
  if (keptState) log(`state kept in ${persistTo}`);

  const {
    output,
    exited,
    stop: stopWrangler,
  } = spawnGroup(
    "wrangler",
    [
      "dev",
      ...(apiOnly ? [] : ["-c", "web/wrangler.toml"]),
      "-c",
      configs.api,
      "-c",
      configs.ingest,
      "--persist-to",
      persistTo,
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--show-interactive-dev-session=false",
    ],
    log,
  );
  const stop = async () => {
    await stopWrangler();
    if (!keptState) await rm(persistTo, { recursive: true, force: true });
  };

  const apiUrl = apiOnly ? baseUrl : `${baseUrl}/api`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (exited()) break;
    try {
      const res = await fetch(`${apiUrl}/health`);
      if (res.ok) return { baseUrl, apiUrl, port, stop, output };
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  await stop();
  throw new Error(`the stack did not answer on ${apiUrl}/health:\n${output.join("").slice(-4000)}`);
}

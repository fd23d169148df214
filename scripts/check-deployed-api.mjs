#!/usr/bin/env node
// `npm run test:deployed` (part of `npm test`): the api Worker in the layout it is deployed in, run locally.
// Dev, e2e and vitest run wrangler's one-file bundle of the source; staging and production upload the split
// modules of scripts/build-api.mjs (wrangler.toml [env.staging]: main = dist/api/index.js, no_bundle, rules).
// This builds them with the staging environment's own build command (into this run's directory, not dist/api/),
// starts them under `wrangler dev` with that environment's module layout (main, no_bundle, rules) but the top
// level's local bindings (a generated config in .wrangler/deployed-check-*/, a fresh --persist-to there, a free
// port), applies the D1 migrations, and makes real requests that load the startup modules and several lazily
// imported chunks: /health, sign-up, an API key, a notebook created and searched with it, a real PDF uploaded
// with it and ingested (the ingest Worker runs beside, as in dev: it defines the notebooks' content object and
// the Workflow) until a search finds its text, /v1/openapi.json (equal to schemas/openapi.json) and a 404
// problem. A missing chunk fails the start (a static import) or the request that imports it (lazily).
//   node scripts/check-deployed-api.mjs [--no-build]   (--no-build: run dist/api/ as a deploy left it)
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { isDeepStrictEqual } from "node:util";
import { unstable_readConfig } from "wrangler";
import { freePort, spawnGroup } from "../e2e/stack.mjs";
import { builtInto, withModuleLayout, writeLocalApiConfig, writeLocalIngestConfig } from "./local-api-config.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
// A directory per run (two runs in one checkout do not meet): the config, its .dev.vars and the local state.
await mkdir(path.join(ROOT, ".wrangler"), { recursive: true });
const DIR = await mkdtemp(path.join(ROOT, ".wrangler", "deployed-check-"));
const STATE = path.join(DIR, "state");
// The split modules are built here too, not in dist/api/: `wrangler deploy --env …` builds and uploads from there,
// and a build starts by deleting it, so a deploy (or a --no-build run) beside this check would read a directory
// half rebuilt, and this check's wrangler dev would be served what a deploy's build left.
const BUILT = path.join(DIR, "api");
const ENV = {
  ...process.env,
  CI: "true",
  WRANGLER_SEND_METRICS: "false",
  PATH: `${path.join(ROOT, "node_modules", ".bin")}${path.delimiter}${process.env.PATH ?? ""}`,
};
const noBuild = process.argv.includes("--no-build");
const started = Date.now();
// A real report (public domain), ingested by the check: PDF extraction, chunking and the content object.
const UPLOAD = "workers/api/test/fixtures/ntsb/20080102X00005.pdf";
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** Runs `command` (a shell command line when `args` is null); throws with its output when it fails. */
function run(command, args, label) {
  const result = spawnSync(command, args ?? [], { cwd: ROOT, encoding: "utf8", env: ENV, shell: args === null });
  if (result.status !== 0)
    throw new Error(`${label} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
}

/** The top level's local config with the staging environment's module layout in place of its `main`. */
async function deployedLayoutConfig(baseUrl) {
  const staging = unstable_readConfig({ config: path.join(ROOT, "wrangler.toml"), env: "staging" });
  if (!staging.no_bundle || !staging.main) throw new Error("[env.staging] no longer uploads prebuilt modules");
  const config = await writeLocalApiConfig({ root: ROOT, dir: DIR, baseUrl });
  const { main, build } = noBuild ? { main: staging.main, build: undefined } : builtInto(staging, BUILT);
  await writeFile(config, withModuleLayout(await readFile(config, "utf8"), { ...staging, main }));
  // The ingest Worker as dev runs it (its own bundle): the api Worker's content object and Workflow live there.
  const ingest = await writeLocalIngestConfig({ root: ROOT, dir: DIR, baseUrl });
  return { config, ingest, main, build };
}

async function startWorker({ config, ingest }, port) {
  const { output, exited, stop } = spawnGroup("wrangler", [
    "dev",
    "-c",
    config,
    "-c",
    ingest,
    "--persist-to",
    STATE,
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
  ]);
  const log = () => output.join("").slice(-3000);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !exited()) {
    try {
      await fetch(`http://127.0.0.1:${port}/health/live`);
      return { stop, log };
    } catch {
      await sleep(250);
    }
  }
  await stop();
  throw new Error(`wrangler dev did not serve the deployed layout (${exited() ? "it exited" : "60 s"}):\n${log()}`);
}

/** The requests, each checked; answers the lines to print. */
async function exercise(base) {
  const lines = [];
  const expectStatus = async (label, res, status) => {
    if (res.status !== status) throw new Error(`${label}: ${res.status}, wanted ${status}: ${await res.text()}`);
    lines.push(`✓ ${label} → ${res.status}`);
    return res;
  };
  const json = (body, headers = {}) => ({
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  await expectStatus("GET /health", await fetch(`${base}/health`), 200);
  const email = `deployed-${Date.now()}@example.test`;
  const signUp = await expectStatus(
    "POST /v1/auth/sign-up/email",
    await fetch(
      `${base}/v1/auth/sign-up/email`,
      json({ email, password: "correct horse battery", name: "Check" }, { origin: base }),
    ),
    200,
  );
  const session = { authorization: `Bearer ${signUp.headers.get("set-auth-token")}` };
  const created = await expectStatus(
    "POST /v1/api-keys",
    await fetch(`${base}/v1/api-keys`, json({ name: "deployed check", scopes: ["read", "write"] }, session)),
    201,
  );
  const key = { "x-api-key": (await created.json()).key };
  const notebook = await expectStatus(
    "POST /v1/notebooks (API key)",
    await fetch(`${base}/v1/notebooks`, json({ title: "Deployed layout" }, key)),
    201,
  );
  const { id } = await notebook.json();
  await expectStatus(
    "POST /v1/notebooks/{id}/search (API key)",
    await fetch(`${base}/v1/notebooks/${id}/search`, json({ query: "engine" }, key)),
    200,
  );
  const form = new FormData();
  const pdf = await readFile(path.join(ROOT, UPLOAD));
  form.set("file", new File([pdf], path.basename(UPLOAD), { type: "application/pdf" }));
  const uploaded = await expectStatus(
    "POST /v1/notebooks/{id}/documents (API key, a 4-page NTSB report)",
    await fetch(`${base}/v1/notebooks/${id}/documents`, { method: "POST", headers: key, body: form }),
    202,
  );
  const documentId = (await uploaded.json()).id;
  const deadline = Date.now() + 60_000;
  let status = "queued";
  while (!["ready", "rejected", "failed"].includes(status) && Date.now() < deadline) {
    await sleep(250);
    const doc = await fetch(`${base}/v1/documents/${documentId}`, { headers: key });
    if (!doc.ok) throw new Error(`GET /v1/documents/{id}: ${doc.status}, wanted 200: ${await doc.text()}`);
    status = (await doc.json()).status;
  }
  if (status !== "ready") throw new Error(`the uploaded report is ${status} after ingestion, not ready`);
  lines.push("✓ the report was ingested (ready)");
  const found = await (
    await expectStatus(
      "POST /v1/notebooks/{id}/search for the report's words",
      await fetch(`${base}/v1/notebooks/${id}/search`, json({ query: "probable cause ground loop" }, key)),
      200,
    )
  ).json();
  if (!found.results?.some((r) => r.documentId === documentId))
    throw new Error(`the search did not find the ingested report: ${JSON.stringify(found).slice(0, 300)}`);
  lines.push("✓ the search finds the ingested report");
  const served = await (await expectStatus("GET /v1/openapi.json", await fetch(`${base}/v1/openapi.json`), 200)).json();
  const committed = JSON.parse(await readFile(path.join(ROOT, "schemas/openapi.json"), "utf8"));
  if (!isDeepStrictEqual(served, committed))
    throw new Error("GET /v1/openapi.json differs from schemas/openapi.json (npm run api:types)");
  lines.push("✓ /v1/openapi.json equals schemas/openapi.json");
  const missing = await expectStatus("GET /v1/no-such-route", await fetch(`${base}/v1/no-such-route`), 404);
  const type = missing.headers.get("content-type") ?? "";
  if (!type.startsWith("application/problem+json")) throw new Error(`the 404 is ${type}, not a problem`);
  const problem = await missing.json();
  if (problem.status !== 404 || !problem.title) throw new Error(`the 404 problem is ${JSON.stringify(problem)}`);
  lines.push("✓ 404 is application/problem+json");
  return lines;
}

const port = Number(process.env.DEPLOYED_CHECK_PORT) || (await freePort());
const base = `http://127.0.0.1:${port}`;
let worker;
try {
  const layout = await deployedLayoutConfig(base);
  const { config, main, build } = layout;
  if (build) run(build, null, `the staging build (${build})`);
  run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "-c", config, "--persist-to", STATE], "D1 migrations");
  worker = await startWorker(layout, port);
  const lines = await exercise(base);
  console.log(
    `deployed layout (${path.relative(ROOT, main)}, split modules) under wrangler dev on :${port}\n${lines.join("\n")}\n✓ done in ${seconds()}`,
  );
} catch (err) {
  console.error(`✗ the deployed layout: ${err instanceof Error ? err.message : err}`);
  if (worker) console.error(`wrangler dev's last output:\n${worker.log()}`);
  process.exitCode = 1;
} finally {
  await worker?.stop();
  await rm(DIR, { recursive: true, force: true });
}

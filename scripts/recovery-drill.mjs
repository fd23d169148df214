#!/usr/bin/env node
// `npm run drill` — the timed recovery drill of docs/operations.md: a database is lost, the daily backup
// in R2 is all that is left, and it is restored into an empty database with the runbook's own tool
// (scripts/db-restore.mjs). Everything is local and fresh, under .wrangler/drill/:
//
//   1. source: migrations applied, the api Worker started on it (wrangler dev --test-scheduled), the demo
//      account seeded with a real PDF plus DRILL_DOCUMENTS generated notes through the public API, all
//      ingested to `ready`;
//   2. the backup cron (30 3 * * *) triggered — the same code as in production writes backups/<id>/;
//   3. the clock starts: an empty target database gets the migrations and `db:restore <id>` from the
//      source's R2; the clock stops when the restore has finished;
//   4. verification: every table's row count in the target equals the manifest's, and the keyword index
//      answers a query (the FTS index was rebuilt).
//
// Prints each phase's duration and the restore figure that docs/operations.md quotes. Exit 1 on any mismatch.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { writeLocalWorkerConfigs } from "./local-api-config.mjs";
import { seedDemo } from "./seed-demo.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const DIR = path.join(ROOT, ".wrangler/drill");
const SOURCE = path.join(DIR, "source");
const TARGET = path.join(DIR, "target");
const PORT = Number(process.env.DRILL_PORT ?? 8849);
const BASE = `http://localhost:${PORT}`;
const NOTES = Number(process.env.DRILL_DOCUMENTS ?? 10);
const CRON_BACKUP = "30 3 * * *";

const phases = [];
async function phase(name, run) {
  const started = performance.now();
  const detail = await run();
  const ms = Math.round(performance.now() - started);
  phases.push({ name, ms });
  console.log(`✓ ${name.padEnd(28)} ${String(ms).padStart(7)} ms  ${detail ?? ""}`);
  return detail;
}

function wrangler(args, { capture = true } = {}) {
  const result = spawnSync("wrangler", args, {
    cwd: ROOT,
    encoding: "utf8",
    stdio: capture ? "pipe" : "inherit",
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
  });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${result.stderr}`);
  return result.stdout;
}

function query(persistTo, sql) {
  const out = wrangler(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--json", "--command", sql]);
  return JSON.parse(out)[0]?.results ?? [];
}

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not answering yet
    }
    await sleep(500);
  }
  throw new Error(`${what} within ${timeoutMs} ms`);
}

rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });

await phase("source: migrations", async () => {
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", SOURCE]);
});

const configs = await writeLocalWorkerConfigs({ root: ROOT, dir: path.join(DIR, "api"), baseUrl: BASE });
const dev = spawn(
  "wrangler",
  [
    "dev",
    "-c",
    configs.api,
    "-c",
    configs.ingest,
    "--persist-to",
    SOURCE,
    "--port",
    String(PORT),
    "--ip",
    "127.0.0.1",
    "--test-scheduled",
  ],
  { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
);
// The Worker's own log lines: the backup cron names the backup it wrote.
const written = [];
const contentRuns = [];
let pending = "";
dev.stdout.on("data", (chunk) => {
  pending += chunk;
  const lines = pending.split("\n");
  pending = lines.pop() ?? "";
  for (const line of lines) {
    const match = line.match(/\{.*"message":"backup written".*\}/);
    if (match) written.push(JSON.parse(match[0]).id);
    // The notebooks' objects (operations/content-backup.ts), exported right after the primary.
    const content = line.match(/\{.*"message":"content backup (complete|continued)".*\}/);
    if (content) contentRuns.push(JSON.parse(content[0]));
  }
});
const stopDev = () => dev.exitCode === null && dev.kill("SIGINT");
process.on("exit", stopDev);

let backupId;
try {
  await phase("source: api Worker up", () =>
    waitFor("the api Worker did not answer /health", async () => (await fetch(`${BASE}/health`)).ok, 90_000),
  );
  await phase("source: data through the API", async () => {
    const demo = await seedDemo(BASE);
    const token = (
      await fetch(`${BASE}/v1/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE },
        body: JSON.stringify({ email: demo.email, password: demo.password }),
      })
    ).headers.get("set-auth-token");
    const auth = { authorization: `Bearer ${token}`, origin: BASE };
    for (let i = 0; i < NOTES; i++) {
      const text = Array.from(
        { length: 40 },
        (_, j) => `Lecture ${i + 1}, paragraph ${j + 1}: the recovery drill restores notebooks, documents and chunks.`,
      ).join("\n\n");
      const res = await fetch(`${BASE}/v1/notebooks/${demo.notebookId}/documents`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ title: `Drill lecture ${i + 1}`, text }),
      });
      if (res.status !== 202) throw new Error(`note upload answered ${res.status}: ${await res.text()}`);
    }
    await waitFor(
      "the documents did not all become ready",
      async () => {
        const list = await (
          await fetch(`${BASE}/v1/notebooks/${demo.notebookId}/documents?limit=100`, { headers: auth })
        ).json();
        return list.items.length === NOTES + 1 && list.items.every((d) => d.status === "ready");
      },
      180_000,
    );
    return `1 PDF + ${NOTES} notes ready`;
  });
  await phase("source: backup cron", async () => {
    const res = await fetch(`${BASE}/__scheduled?cron=${encodeURIComponent(CRON_BACKUP)}`);
    if (!res.ok) throw new Error(`the backup cron answered ${res.status}`);
    await waitFor("the backup cron logged no backup", async () => written.length > 0, 30_000);
    backupId = written[0];
    await waitFor("the backup cron logged no content export", async () => contentRuns.length > 0, 30_000);
    const objects = contentRuns.at(-1);
    return `backups/${backupId}/ (+ ${objects.exported} notebook objects, ${objects.rows} rows${objects.complete ? "" : ", export continues hourly"})`;
  });
} finally {
  stopDev();
}
await new Promise((resolve) => (dev.exitCode === null ? dev.once("exit", resolve) : resolve()));

const manifestFile = path.join(DIR, "manifest.json");
wrangler([
  "r2",
  "object",
  "get",
  `studyai-files/backups/${backupId}/manifest.json`,
  "--local",
  "--persist-to",
  SOURCE,
  "--file",
  manifestFile,
]); // prettier-ignore
const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
const bytes = manifest.tables.flatMap((t) => t.parts).reduce((n, p) => n + p.bytes, 0);
console.log(`  backup ${backupId}: ${manifest.tables.length} tables, ${rows} rows, ${(bytes / 1024).toFixed(0)} KiB`);

const restoreStarted = performance.now();
await phase("target: migrations", async () => {
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", TARGET]);
});
await phase("target: db:restore", async () => {
  const result = spawnSync(
    process.execPath,
    ["scripts/db-restore.mjs", backupId, "--persist-to", TARGET, "--source-persist-to", SOURCE],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" } },
  );
  if (result.status !== 0) throw new Error(`db:restore failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout.trim().split("\n").at(-1);
});
const restoreMs = Math.round(performance.now() - restoreStarted);

await phase("verify: row counts + search", async () => {
  // One query for every table (one row, a column per table: D1 caps compound SELECTs).
  const quote = (name) => `"${name.replace(/"/g, '""')}"`;
  const [restored] = query(
    TARGET,
    `SELECT ${manifest.tables.map((t) => `(SELECT count(*) FROM ${quote(t.name)}) AS ${quote(t.name)}`).join(", ")}`,
  );
  const mismatches = manifest.tables
    .filter((t) => restored?.[t.name] !== t.rows)
    .map((t) => `${t.name}: ${restored?.[t.name]} restored, ${t.rows} in the backup`);
  if (mismatches.length) throw new Error(`restored data differs from the backup:\n  ${mismatches.join("\n  ")}`);
  const [hit] = query(TARGET, "SELECT count(*) AS n FROM chunk_terms WHERE chunk_terms MATCH 'drill'");
  if (!(hit?.n > 0)) throw new Error("the restored keyword index finds nothing");
  return `${manifest.tables.length} tables match; keyword index finds ${hit.n} chunks`;
});

console.log(
  `\nRecovery drill: restored ${rows} rows (${(bytes / 1024).toFixed(0)} KiB of NDJSON) into an empty database in ` +
    `${(restoreMs / 1000).toFixed(1)} s (migrations + db:restore); whole drill ${(phases.reduce((n, p) => n + p.ms, 0) / 1000).toFixed(1)} s.`,
);

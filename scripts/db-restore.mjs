#!/usr/bin/env node
// `npm run db:restore -- <backup-id> [--env staging] [--local] [--persist-to DIR] [--replace]`
//
// Restores a daily logical backup (R2 backups/<id>/, written by the api Worker's backup cron) into the
// local database (default) or a deployed one (`--env staging`). Production restores are deliberately
// not offered here: use D1 Time Travel (`wrangler d1 time-travel restore`) first, or restore into
// staging, check it, and promote. Every part's checksum is verified before any SQL is run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  BACKUP_FORMAT,
  decodeRow,
  quoteIdent,
  sha256Hex,
  sqlLiteral,
} from "../workers/api/src/operations/backup-format.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    env: { type: "string" },
    local: { type: "boolean", default: false },
    "persist-to": { type: "string", default: ".wrangler/state" },
    // Where the backup objects are, when they come from another local state (e.g. a copy of staging's).
    "source-persist-to": { type: "string" },
    bucket: { type: "string" },
    // The off-site bucket lives in another jurisdiction (wrangler.toml: BACKUP_BUCKET, jurisdiction "eu").
    jurisdiction: { type: "string" },
    replace: { type: "boolean", default: false },
  },
});
const id = positionals[0];
if (!id) {
  console.error(
    "usage: npm run db:restore -- <backup-id> [--env staging] [--bucket NAME [--jurisdiction eu]] [--persist-to DIR] [--replace]",
  );
  process.exit(2);
}
if (values.env === "production") {
  console.error(
    "Refusing to restore into production from here: use `wrangler d1 time-travel restore`, or restore into staging first.",
  );
  process.exit(2);
}
const remote = Boolean(values.env) && !values.local;
const bucket = values.bucket ?? (values.env === "staging" ? "studyai-files-staging" : "studyai-files");
const where = remote ? ["--remote", "--env", values.env] : ["--local", "--persist-to", values["persist-to"]];
const dir = mkdtempSync(join(tmpdir(), "studyai-restore-"));

function wrangler(args, { capture = false } = {}) {
  const result = spawnSync("wrangler", args, { encoding: "utf8", stdio: capture ? "pipe" : "inherit" });
  if (result.status !== 0) {
    console.error(`✗ wrangler ${args.join(" ")} (exit ${result.status ?? result.signal})\n${result.stderr ?? ""}`);
    process.exit(1);
  }
  return result.stdout;
}

function getObject(key, { optional = false } = {}) {
  const file = join(dir, key.replace(/\//g, "__"));
  const args = [
    "r2",
    "object",
    "get",
    `${bucket}/${key}`,
    "--file",
    file,
    ...(values.jurisdiction ? ["--jurisdiction", values.jurisdiction] : []),
    ...(remote ? ["--remote"] : ["--local", "--persist-to", values["source-persist-to"] ?? values["persist-to"]]),
  ];
  if (optional) {
    // A missing object is an answer here (e.g. an unfinished content export), not a failure.
    const result = spawnSync("wrangler", args, { encoding: "utf8", stdio: "pipe" });
    return result.status === 0 ? readFileSync(file) : null;
  }
  wrangler(args, { capture: true });
  return readFileSync(file);
}

function query(sql) {
  const out = wrangler(["d1", "execute", "DB", ...where, "--json", "--command", sql], { capture: true });
  return JSON.parse(out)[0]?.results ?? [];
}

const manifest = JSON.parse(getObject(`backups/${id}/manifest.json`).toString("utf8"));
if (manifest.format !== BACKUP_FORMAT) throw new Error(`unknown backup format ${manifest.format}`);

const applied = new Set(query("SELECT name FROM d1_migrations").map((r) => r.name));
const missing = manifest.migrations.filter((m) => !applied.has(m));
if (missing.length) {
  console.error(`✗ apply migrations to the target first (missing ${missing.join(", ")})`);
  process.exit(1);
}

const statements = ["PRAGMA defer_foreign_keys = ON;"];
if (values.replace)
  for (const t of [...manifest.tables].reverse()) statements.push(`DELETE FROM ${quoteIdent(t.name)};`);
if (!values.replace) {
  // One query for every table (one row, a column per table: D1 caps compound SELECTs), since each wrangler
  // call starts a local runtime or makes a remote round trip.
  const [counts] = query(
    `SELECT ${manifest.tables.map((t) => `(SELECT count(*) FROM ${quoteIdent(t.name)}) AS ${quoteIdent(t.name)}`).join(", ")}`,
  );
  const full = manifest.tables.find((t) => counts?.[t.name] > 0);
  if (full) {
    console.error(`✗ table ${full.name} is not empty; restore into an empty database or pass --replace`);
    process.exit(1);
  }
}
let total = 0;
for (const table of manifest.tables) {
  for (const part of table.parts) {
    const bytes = getObject(part.key);
    if ((await sha256Hex(new Uint8Array(bytes))) !== part.sha256) throw new Error(`backup part ${part.key} is corrupt`);
    for (const line of bytes.toString("utf8").split("\n").filter(Boolean)) {
      const cells = decodeRow(line).map(sqlLiteral);
      statements.push(
        `INSERT INTO ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(", ")}) VALUES (${cells.join(", ")});`,
      );
      total += 1;
    }
  }
}
for (const vt of query("SELECT name, sql FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")) {
  if (/content\s*=\s*'[^']+'/i.test(vt.sql))
    statements.push(`INSERT INTO ${quoteIdent(vt.name)}(${quoteIdent(vt.name)}) VALUES ('rebuild');`);
}

const sqlFile = join(dir, "restore.sql");
writeFileSync(sqlFile, `${statements.join("\n")}\n`);
wrangler(["d1", "execute", "DB", ...where, "--yes", "--file", sqlFile]);
// The notebooks' own databases (issue 21) are in the same backup, under content/; this script restores the
// primary only: Durable Objects are reached through the api Worker (operations/content-restore.ts
// `restoreContent`), not through wrangler.
if (manifest.content) {
  const bytes = getObject(manifest.content.manifest, { optional: true });
  const content = bytes ? JSON.parse(bytes.toString("utf8")) : undefined;
  console.log(
    content
      ? `! this backup also holds ${content.notebooks} notebooks' objects (${content.rows} rows, ${content.deleted.length} deleted and skipped): restore them from the api Worker with restoreContent (operations/content-restore.ts)`
      : `! this backup's export of the notebooks' objects is incomplete (no ${manifest.content.manifest}): the hourly cron continues it`,
  );
}
console.log(
  `✓ restored backup ${id}: ${manifest.tables.length} tables, ${total} rows into ${remote ? values.env : "the local database"}`,
);

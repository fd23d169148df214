#!/usr/bin/env node
// `npm run db:migrate:remote -- --env staging|production`: records a D1 Time Travel bookmark, then applies the
// remote migrations (scripts/release/migrate.mjs). The deploy scripts and the deploy workflow migrate only
// through here, so no migration runs without a recorded way back.
import { parseArgs } from "node:util";
import { migrateWithBookmark } from "./release/migrate.mjs";
import { recordLine, runCommand } from "./release/run-command.mjs";

const { values } = parseArgs({ options: { env: { type: "string" } } });
if (values.env !== "staging" && values.env !== "production") {
  console.error("usage: npm run db:migrate:remote -- --env staging|production");
  process.exit(2);
}
try {
  await migrateWithBookmark({
    env: values.env,
    runner: runCommand,
    log: (line) => console.log(line),
    record: (entry) => recordLine("bookmarks.ndjson", entry),
  });
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}

#!/usr/bin/env node
// One notebook: `ADMIN_TOKEN=… npm run content:move -- --api https://api.example.com --notebook nb_… --reason "OPS-51"`
// Every notebook still in D1: `ADMIN_TOKEN=… npm run content:move -- --api … --all --reason "OPS-51" [--after nb_…]`
// Moves notebooks' content from the primary D1 to their own databases (docs/operations.md, "Moving notebooks'
// content to their own databases"). One notebook: waits for the outcome and prints the verification per
// table; exit 0 when it switched, 1 when it stayed in D1 (the reason is printed). --all: starts the moves
// (≤ 100 a second) without waiting; exit 0 when every batch was accepted. 2 on bad usage.
import { parseArgs } from "node:util";
import { moveAllNotebooks, moveNotebookContent } from "./content-move-client.mjs";

const { values } = parseArgs({
  options: {
    api: { type: "string", default: process.env.STUDYAI_API_URL },
    notebook: { type: "string" },
    all: { type: "boolean", default: false },
    after: { type: "string" },
    limit: { type: "string", default: "100" },
    reason: { type: "string" },
  },
});
const token = process.env.ADMIN_TOKEN;
if (!values.api || !values.reason || !token || values.all === Boolean(values.notebook)) {
  console.error(
    'usage: ADMIN_TOKEN=… npm run content:move -- --api <api url> (--notebook <id> | --all [--after <id>] [--limit 100]) --reason "why"',
  );
  process.exit(2);
}
const { ok } = values.all
  ? await moveAllNotebooks({
      api: values.api,
      token,
      reason: values.reason,
      after: values.after,
      limit: Number(values.limit),
    })
  : await moveNotebookContent({ api: values.api, token, notebookId: values.notebook, reason: values.reason });
process.exit(ok ? 0 : 1);

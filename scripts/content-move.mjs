#!/usr/bin/env node
// `ADMIN_TOKEN=… npm run content:move -- --api https://api.example.com --notebook nb_… --reason "OPS-51"`
// Moves one notebook's content from the primary D1 to its own database (docs/operations.md, "Moving a
// notebook's content to its own database") and waits for the outcome, printing the verification per table:
// exit 0 when it switched, 1 when it stayed in D1 (the reason is printed), 2 on bad usage.
import { parseArgs } from "node:util";
import { moveNotebookContent } from "./content-move-client.mjs";

const { values } = parseArgs({
  options: {
    api: { type: "string", default: process.env.STUDYAI_API_URL },
    notebook: { type: "string" },
    reason: { type: "string" },
  },
});
const token = process.env.ADMIN_TOKEN;
if (!values.api || !values.notebook || !values.reason || !token) {
  console.error('usage: ADMIN_TOKEN=… npm run content:move -- --api <api url> --notebook <id> --reason "why"');
  process.exit(2);
}
const { ok } = await moveNotebookContent({
  api: values.api,
  token,
  notebookId: values.notebook,
  reason: values.reason,
});
process.exit(ok ? 0 : 1);

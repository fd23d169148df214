#!/usr/bin/env node
// `ADMIN_TOKEN=… npm run reembed -- --api https://api.example.com --notebook nb_… --model <provider/model> --reason "OPS-42"`
// Moves one notebook to another embedding model (docs/operations.md, "Re-embedding a notebook") and waits for
// the outcome: exit 0 when it switched, 1 when it kept the old model (the reason is printed), 2 on bad usage.
import { parseArgs } from "node:util";
import { reembedNotebook } from "./reembed-client.mjs";

const { values } = parseArgs({
  options: {
    api: { type: "string", default: process.env.STUDYAI_API_URL },
    notebook: { type: "string" },
    model: { type: "string" },
    reason: { type: "string" },
  },
});
const token = process.env.ADMIN_TOKEN;
if (!values.api || !values.notebook || !values.model || !values.reason || !token) {
  console.error(
    'usage: ADMIN_TOKEN=… npm run reembed -- --api <api url> --notebook <id> --model <provider/model> --reason "why"',
  );
  process.exit(2);
}
const { ok } = await reembedNotebook({
  api: values.api,
  token,
  notebookId: values.notebook,
  model: values.model,
  reason: values.reason,
});
process.exit(ok ? 0 : 1);

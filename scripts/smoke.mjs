#!/usr/bin/env node
// `SMOKE_URL=http://localhost:8841 npm run smoke` — the post-deploy smoke test of a running studyAI.
//
// It does what a new student does, through the public API behind the web app (`<SMOKE_URL>/api`): reads
// readiness, signs up a fresh account, creates a notebook, uploads a real PDF (an NTSB accident report from
// the test fixtures), waits until it is `ready` (searchable), searches it, asks a question and checks the
// answer cites the document, then deletes the notebook (the account stays; it is named smoke+<time>@…).
// Every step prints one line with its duration; any failure exits 1 naming the step and the response.
//
// Options (environment): SMOKE_URL (required), SMOKE_API_PATH (default "/api"; "" to talk to the api
// Worker directly), SMOKE_READY_TIMEOUT_MS (default 180000: ingestion of a 10-page PDF on staging takes
// well under a minute; the margin covers a cold queue consumer).
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

const base = process.env.SMOKE_URL?.replace(/\/$/, "");
if (!base) {
  console.error("usage: SMOKE_URL=https://staging.example.com npm run smoke");
  process.exit(2);
}
const api = `${base}${process.env.SMOKE_API_PATH ?? "/api"}`;
const readyTimeoutMs = Number(process.env.SMOKE_READY_TIMEOUT_MS ?? 180_000);
const FIXTURE = new URL("../workers/api/test/fixtures/ntsb/20080102X00002.pdf", import.meta.url);
// A question the report answers in its own words (the pilot's statement; the e2e test asks it too).
const SEARCH = "pilot landing";
const QUESTION = "What did the pilot report about the landing?";

class SmokeFailure extends Error {}

async function call(method, path, { token, json, form } = {}) {
  // The web app refuses cross-site posts: say where we come from, as a browser would.
  const headers = { origin: base };
  if (token) headers.authorization = `Bearer ${token}`;
  let body;
  if (json) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form) body = form;
  const res = await fetch(`${api}${path}`, { method, headers, body });
  const text = await res.text();
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    data = { raw: text.slice(0, 300) };
  }
  return { status: res.status, headers: res.headers, data };
}

function expect(condition, what, response) {
  if (!condition) throw new SmokeFailure(`${what}${response ? `: ${JSON.stringify(response).slice(0, 500)}` : ""}`);
}

const steps = [];
async function step(name, run) {
  const started = performance.now();
  try {
    const detail = await run();
    const ms = Math.round(performance.now() - started);
    steps.push({ name, ms });
    console.log(`✓ ${name.padEnd(10)} ${String(ms).padStart(6)} ms  ${detail ?? ""}`);
  } catch (err) {
    console.error(`✗ ${name}: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}

const ctx = {};
console.log(`smoke test of ${api}`);

await step("ready", async () => {
  const r = await call("GET", "/health/ready");
  expect(r.status === 200 && r.data.status === "ready", `readiness answered ${r.status}`, r.data);
  return `version ${r.data.version}, embeddings=${r.data.providers?.embeddings}, answers=${r.data.providers?.answers}`;
});

await step("sign-up", async () => {
  const email = `smoke+${Date.now()}-${Math.random().toString(36).slice(2, 8)}@studyai.dev`;
  const password = `smoke-${crypto.randomUUID()}`;
  const r = await call("POST", "/v1/auth/sign-up/email", { json: { email, password, name: "Smoke Test" } });
  ctx.token = r.headers.get("set-auth-token");
  expect(r.status === 200 && ctx.token, `sign-up answered ${r.status}`, r.data);
  const session = await call("GET", "/v1/auth/get-session", { token: ctx.token });
  expect(session.data?.user?.email === email, "the new session is not the new account's", session.data);
  return email;
});

await step("notebook", async () => {
  const r = await call("POST", "/v1/notebooks", {
    token: ctx.token,
    json: { title: `Smoke ${new Date().toISOString()}` },
  });
  expect(r.status === 201 && r.data.id, `create notebook answered ${r.status}`, r.data);
  ctx.notebookId = r.data.id;
  return ctx.notebookId;
});

await step("upload", async () => {
  const bytes = await readFile(FIXTURE);
  const form = new FormData();
  form.set("file", new Blob([bytes], { type: "application/pdf" }), "ntsb-20080102X00002.pdf");
  form.set("title", "NTSB accident report 20080102X00002");
  const r = await call("POST", `/v1/notebooks/${ctx.notebookId}/documents`, { token: ctx.token, form });
  expect(r.status === 202 && r.data.id, `upload answered ${r.status}`, r.data);
  ctx.documentId = r.data.id;
  return `${bytes.length} bytes → ${ctx.documentId}`;
});

await step("ingest", async () => {
  const deadline = Date.now() + readyTimeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await call("GET", `/v1/documents/${ctx.documentId}`, { token: ctx.token });
    expect(last.status === 200, `document status answered ${last.status}`, last.data);
    if (last.data.status === "ready") {
      return `ready: ${last.data.pageCount} pages, ${last.data.chunkCount} chunks (${last.data.embeddingModel})`;
    }
    expect(!["failed", "rejected"].includes(last.data.status), `ingestion ended ${last.data.status}`, last.data);
    await sleep(1000);
  }
  throw new SmokeFailure(`not ready after ${readyTimeoutMs} ms: ${JSON.stringify(last?.data).slice(0, 300)}`);
});

await step("search", async () => {
  const r = await call("POST", `/v1/notebooks/${ctx.notebookId}/search`, {
    token: ctx.token,
    json: { query: SEARCH, limit: 5 },
  });
  expect(r.status === 200, `search answered ${r.status}`, r.data);
  const hits = r.data.results ?? [];
  expect(hits.length > 0, "search found nothing in the uploaded report", r.data);
  expect(
    hits.every((h) => h.documentId === ctx.documentId),
    "search returned a chunk of another document",
    hits,
  );
  return `${hits.length} results (mode ${r.data.mode}), best on page ${hits[0].pageStart}`;
});

await step("ask", async () => {
  const r = await call("POST", `/v1/notebooks/${ctx.notebookId}/ask`, {
    token: ctx.token,
    json: { question: QUESTION },
  });
  expect(r.status === 200, `ask answered ${r.status}`, r.data);
  expect(r.data.mode !== "not-covered", "the answer says the report does not cover the pilot's own statement", r.data);
  const citations = r.data.citations ?? [];
  expect(citations.length > 0, "the answer cites nothing", r.data);
  expect(
    citations.every((c) => c.documentId === ctx.documentId && Number.isInteger(c.page)),
    "a citation does not point to a page of the uploaded report",
    citations,
  );
  return `${r.data.mode} answer, ${citations.length} citations (pages ${[...new Set(citations.map((c) => c.page))].join(", ")})`;
});

await step("cleanup", async () => {
  const r = await call("DELETE", `/v1/notebooks/${ctx.notebookId}`, { token: ctx.token });
  expect(r.status === 204 || r.status === 200, `delete notebook answered ${r.status}`, r.data);
  return "notebook deleted";
});

const total = steps.reduce((sum, s) => sum + s.ms, 0);
console.log(`✓ smoke test passed in ${(total / 1000).toFixed(1)} s`);

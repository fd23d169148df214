#!/usr/bin/env node
// `npm run bench:load`: the api Worker under `wrangler dev` (local D1/R2/Queues/Workflows, a throwaway
// --persist-to directory, a free loopback port; see e2e/stack.mjs), then
//  1. 20 concurrent uploads (two users x 10: the upload burst limiter allows 20 per minute per user) of small
//     generated files (text, Markdown, HTML and one-page PDFs, all distinct) — every document must reach a
//     terminal state, with 20 distinct ids, each listed exactly once;
//  2. autocannon at LOAD_CONNECTIONS (32) for LOAD_SECONDS (30) per route: POST /v1/notebooks/{id}/search and
//     POST /v1/notebooks/{id}/ask when /v1/openapi.json publishes them, else (this build) GET
//     /v1/notebooks/{id}/documents and GET /v1/notebooks. Requests/s, latency p50/p95/p99 (every response timed,
//     exact percentiles), errors and non-2xx.
// Only loopback is contacted. `--json` prints the figures as one JSON line (for bench/run.mjs).
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { startStack } from "../e2e/stack.mjs";

const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const UPLOADS = 20;
const USERS = 2;
const TERMINAL = new Set(["ready", "failed", "rejected"]);
const json = process.argv.includes("--json");
const say = (...a) => (json ? console.error(...a) : console.log(...a));

/** A one-page PDF with a line of text (Helvetica), valid xref offsets included. */
function onePagePdf(text) {
  const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 12 Tf 72 720 Td (${escaped}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

function generatedFile(i) {
  const line = `Load test document ${i}: the mitochondrion converts nutrients into energy (run ${Date.now()}).`;
  switch (i % 4) {
    case 0:
      return { name: `doc-${i}.pdf`, type: "application/pdf", bytes: onePagePdf(line) };
    case 1:
      return {
        name: `doc-${i}.md`,
        type: "text/markdown",
        bytes: new TextEncoder().encode(`# Notes ${i}\n\n${line}\n`),
      };
    case 2:
      return {
        name: `doc-${i}.html`,
        type: "text/html",
        bytes: new TextEncoder().encode(
          `<!doctype html><html><head><title>Page ${i}</title></head><body><p>${line}</p></body></html>`,
        ),
      };
    default:
      return { name: `doc-${i}.txt`, type: "text/plain", bytes: new TextEncoder().encode(`${line}\n`) };
  }
}

async function signUp(api, base, n) {
  const res = await fetch(`${api}/v1/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({
      name: `Load ${n}`,
      email: `load-${n}-${Date.now()}@example.test`,
      password: "load-test-password-1",
    }),
  });
  if (!res.ok) throw new Error(`sign-up answered ${res.status}: ${await res.text()}`);
  const auth = { authorization: `Bearer ${res.headers.get("set-auth-token")}` };
  const nb = await fetch(`${api}/v1/notebooks`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ title: `Load notebook ${n}` }),
  });
  if (nb.status !== 201) throw new Error(`notebook create answered ${nb.status}`);
  return { auth, notebookId: (await nb.json()).id };
}

async function listAll(api, user) {
  const items = [];
  let cursor;
  do {
    const url = `${api}/v1/notebooks/${user.notebookId}/documents?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const page = await (await fetch(url, { headers: user.auth })).json();
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

async function concurrentUploads(api, users) {
  const started = performance.now();
  const responses = await Promise.all(
    Array.from({ length: UPLOADS }, async (_, i) => {
      const user = users[i % users.length];
      const file = generatedFile(i);
      const form = new FormData();
      form.set("file", new File([file.bytes], file.name, { type: file.type }));
      const res = await fetch(`${api}/v1/notebooks/${user.notebookId}/documents`, {
        method: "POST",
        headers: user.auth,
        body: form,
      });
      const body = await res.json();
      return { status: res.status, id: body.id, user: i % users.length, problem: res.ok ? null : body };
    }),
  );
  const acceptedMs = performance.now() - started;
  const refused = responses.filter((r) => r.status !== 202);
  const ids = responses.filter((r) => r.status === 202).map((r) => r.id);
  // Poll until every accepted document is terminal (bounded: 180 s).
  const deadline = Date.now() + 180_000;
  let statuses = new Map();
  for (;;) {
    statuses = new Map();
    for (const [u, user] of users.entries()) for (const d of await listAll(api, user)) statuses.set(d.id, { ...d, u });
    const pending = ids.filter((id) => !TERMINAL.has(statuses.get(id)?.status));
    if (pending.length === 0 || Date.now() > deadline) break;
    await sleep(500);
  }
  const terminalMs = performance.now() - started;
  const listed = [...statuses.values()];
  const byStatus = {};
  for (const id of ids) {
    const s = statuses.get(id)?.status ?? "missing";
    byStatus[s] = (byStatus[s] ?? 0) + 1;
  }
  const check = {
    sent: UPLOADS,
    accepted: ids.length,
    refused: refused.map((r) => ({ status: r.status, type: r.problem?.type })),
    distinctIds: new Set(ids).size,
    listed: listed.length,
    listedDistinct: new Set(listed.map((d) => d.id)).size,
    missing: ids.filter((id) => !statuses.has(id)).length,
    byStatus,
    acceptedMs: Math.round(acceptedMs),
    allTerminalMs: Math.round(terminalMs),
  };
  check.ok =
    check.accepted === UPLOADS &&
    check.distinctIds === UPLOADS &&
    check.listed === UPLOADS &&
    check.listedDistinct === UPLOADS &&
    check.missing === 0 &&
    ids.every((id) => TERMINAL.has(statuses.get(id)?.status));
  return check;
}

function percentile(sorted, p) {
  return sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]
    : Number.NaN;
}

async function hammer(name, opts) {
  const latencies = [];
  const statuses = {};
  const instance = autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
  instance.on("response", (_client, status, _bytes, ms) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const non2xx = Object.entries(statuses)
    .filter(([s]) => !s.startsWith("2"))
    .reduce((n, [, c]) => n + c, 0);
  return {
    route: name,
    connections: CONNECTIONS,
    seconds: SECONDS,
    requests: latencies.length,
    rps: latencies.length / (result.duration || SECONDS),
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    errors: result.errors + result.timeouts,
    non2xx,
    statuses,
  };
}

let stack;
let exitCode = 1;
try {
  say("→ starting the api Worker (wrangler dev, fresh local D1, loopback)");
  stack = await startStack({ apiOnly: true });
  const api = stack.apiUrl;
  const users = [];
  for (let n = 0; n < USERS; n++) users.push(await signUp(api, stack.baseUrl, n));

  say(`→ ${UPLOADS} concurrent uploads (${USERS} users)`);
  const uploads = await concurrentUploads(api, users);

  const paths = Object.keys((await (await fetch(`${api}/v1/openapi.json`)).json()).paths ?? {});
  const hasSearch = paths.includes("/v1/notebooks/{notebookId}/search");
  const hasAsk = paths.includes("/v1/notebooks/{notebookId}/ask");
  const [user] = users;
  const headers = { ...user.auth, "content-type": "application/json" };
  const targets = [];
  if (hasSearch)
    targets.push([
      "POST /v1/notebooks/{id}/search",
      {
        url: `${api}/v1/notebooks/${user.notebookId}/search`,
        method: "POST",
        headers,
        body: JSON.stringify({ query: "mitochondrion energy" }),
      },
    ]);
  if (hasAsk)
    targets.push([
      "POST /v1/notebooks/{id}/ask (extractive; ASK_LIMITER 30/min and 100 questions/day apply: 429s expected)",
      {
        url: `${api}/v1/notebooks/${user.notebookId}/ask`,
        method: "POST",
        headers,
        body: JSON.stringify({ question: "What converts nutrients into energy?" }),
      },
    ]);
  const note = [];
  if (!hasSearch || !hasAsk) {
    note.push(
      `search ${hasSearch ? "available" : "NOT available"}, ask ${hasAsk ? "available" : "NOT available"} on this build (/v1/openapi.json): measuring the read routes instead`,
    );
    targets.push([
      "GET /v1/notebooks/{id}/documents",
      { url: `${api}/v1/notebooks/${user.notebookId}/documents`, headers: user.auth },
    ]);
    targets.push(["GET /v1/notebooks", { url: `${api}/v1/notebooks`, headers: user.auth }]);
  }
  const load = [];
  for (const [name, opts] of targets) {
    say(`→ autocannon ${CONNECTIONS} connections x ${SECONDS} s: ${name}`);
    load.push(await hammer(name, opts));
  }

  const report = { uploads, load, note, hasSearch, hasAsk };
  if (json) console.log(JSON.stringify(report));
  else {
    console.log(`\n${UPLOADS} concurrent uploads: ${uploads.ok ? "OK" : "FAILED"}`, uploads);
    for (const n of note) console.log(`note: ${n}`);
    console.table(
      load.map((l) => ({
        route: l.route,
        "req/s": l.rps.toFixed(0),
        requests: l.requests,
        "p50 ms": l.p50.toFixed(1),
        "p95 ms": l.p95.toFixed(1),
        "p99 ms": l.p99.toFixed(1),
        errors: l.errors,
        "non-2xx": l.non2xx,
      })),
    );
  }
  exitCode = uploads.ok && load.every((l) => l.errors === 0) ? 0 : 1;
} catch (error) {
  console.error(`✗ load test failed: ${error?.stack ?? error}`);
} finally {
  await stack?.stop();
}
process.exit(exitCode);

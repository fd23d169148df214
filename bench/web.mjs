#!/usr/bin/env node
// `npm run bench:web`: after a production build, starts the local stack (fresh D1), signs a student up,
// and measures on the notebook page (1) the JavaScript the browser loads on first visit — every script
// the server-rendered HTML starts (its entry imports and modulepreload links), gzipped with node:zlib —
// and (2) the server render time: the median of N signed-in requests, measured end to end from Node.
// pdf.js is not counted: it will be loaded on demand when a citation opens the viewer.
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { buildWeb, startStack } from "../e2e/stack.mjs";

const BUDGET_GZIP_BYTES = 150 * 1024;
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARMUP = 5;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];

/**
 * Script URLs a first visit loads: modulepreload links (SvelteKit sends them as a `Link` header here, or as
 * <link> tags), script tags and the inline bootstrap's import() calls.
 */
export function scriptsOf(html, linkHeader, pageUrl) {
  const urls = new Set();
  for (const part of (linkHeader ?? "").split(/,\s*(?=<)/)) {
    const match = part.match(/^<([^>]+)>(.*)$/);
    if (match?.[2].includes('rel="modulepreload"')) urls.add(match[1]);
  }
  for (const [, href] of html.matchAll(/<link[^>]+rel="modulepreload"[^>]*href="([^"]+)"/g)) urls.add(href);
  for (const [, href] of html.matchAll(/<link[^>]+href="([^"]+)"[^>]*rel="modulepreload"/g)) urls.add(href);
  for (const [, src] of html.matchAll(/<script[^>]+src="([^"]+)"/g)) urls.add(src);
  for (const [, script] of html.matchAll(/<script>([\s\S]*?)<\/script>/g)) {
    for (const [, spec] of script.matchAll(/import\("([^"]+)"\)/g)) urls.add(spec);
  }
  return [...urls].map((u) => new URL(u, pageUrl).href);
}

let stack;
let exitCode = 1;
try {
  if (!process.env.BENCH_SKIP_BUILD) {
    console.log("→ vite build");
    buildWeb();
  }
  console.log("→ starting web + api Workers (fresh local D1)");
  stack = await startStack();
  const base = stack.baseUrl;

  // Node's fetch sends Sec-Fetch-* headers, so better-auth wants an Origin it trusts (the stack's own URL).
  const signUp = await fetch(`${base}/api/v1/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ name: "Bench", email: `bench-${Date.now()}@example.test`, password: "bench-password-123" }),
  });
  if (!signUp.ok) throw new Error(`sign-up answered ${signUp.status}: ${await signUp.text()}`);
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const token = signUp.headers.get("set-auth-token");
  const created = await fetch(`${base}/api/v1/notebooks`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ title: "Benchmark notebook" }),
  });
  if (created.status !== 201) throw new Error(`notebook create answered ${created.status}`);
  const notebook = await created.json();
  const pageUrl = `${base}/notebooks/${notebook.id}`;

  const first = await fetch(pageUrl, { headers: { cookie, "accept-language": "en" } });
  if (first.status !== 200) throw new Error(`notebook page answered ${first.status}`);
  const html = await first.text();
  const scripts = scriptsOf(html, first.headers.get("link"), pageUrl);

  const rows = [];
  for (const url of scripts) {
    const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
    rows.push({
      file: new URL(url).pathname.replace("/_app/immutable/", ""),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  rows.sort((a, b) => b.gzip - a.gzip);
  const total = rows.reduce(
    (sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }),
    {
      raw: 0,
      gzip: 0,
      brotli: 0,
    },
  );

  for (let i = 0; i < WARMUP; i++) await (await fetch(pageUrl, { headers: { cookie } })).text();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const res = await fetch(pageUrl, { headers: { cookie } });
    await res.text();
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`render ${i} answered ${res.status}`);
  }

  const width = Math.max(4, ...rows.map((r) => r.file.length));
  console.log(
    `\nJavaScript on first load of the notebook page (${scripts.length} files; pdf.js excluded, loads on demand)`,
  );
  console.log(`${"file".padEnd(width)}  ${"raw".padStart(10)}  ${"gzip".padStart(10)}  ${"brotli".padStart(10)}`);
  for (const r of rows) {
    console.log(
      `${r.file.padEnd(width)}  ${kb(r.raw).padStart(10)}  ${kb(r.gzip).padStart(10)}  ${kb(r.brotli).padStart(10)}`,
    );
  }
  console.log(
    `${"total".padEnd(width)}  ${kb(total.raw).padStart(10)}  ${kb(total.gzip).padStart(10)}  ${kb(total.brotli).padStart(10)}`,
  );
  const within = total.gzip <= BUDGET_GZIP_BYTES;
  console.log(`budget: ${kb(BUDGET_GZIP_BYTES)} gzipped → ${within ? "within" : "OVER"} budget`);

  console.log(
    `\nServer render of the notebook page, signed in (${RUNS} requests after ${WARMUP} warm-up, local wrangler dev)`,
  );
  console.log(
    `median ${median(times).toFixed(1)} ms · p90 ${percentile(times, 0.9).toFixed(1)} ms · p95 ${percentile(times, 0.95).toFixed(1)} ms · min ${Math.min(...times).toFixed(1)} ms · max ${Math.max(...times).toFixed(1)} ms`,
  );
  console.log(`HTML: ${kb(Buffer.byteLength(html))} raw, ${kb(gzipSync(html).length)} gzipped`);
  exitCode = within ? 0 : 1;
} catch (error) {
  console.error(`✗ bench failed: ${error?.stack ?? error}`);
} finally {
  await stack?.stop();
}
process.exit(exitCode);

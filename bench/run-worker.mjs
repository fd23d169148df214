// The pieces of `npm run bench` (bench/run.mjs) that start the Workers: upload → ready and search / ask under
// `wrangler dev`, the web build's first-load JS and server render, and the issue-20 rows of bench/perf.mjs.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { buildWeb, startStack } from "../e2e/stack.mjs";
import { ENV, percentile, ROOT } from "./common.mjs";
import { fmt, notes, row, rows, skipped, step } from "./run-report.mjs";

const HTTP_RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 40);

// ── the api Worker under wrangler dev ────────────────────────────────────────────────────────────────────
export async function worker() {
  step("worker: starting the api Worker (wrangler dev, loopback, fresh D1)");
  let stack;
  try {
    stack = await startStack({ apiOnly: true });
  } catch (error) {
    skipped.push(
      `worker rows (upload→ready, search, ask): the api Worker did not start: ${String(error).slice(0, 200)}`,
    );
    return;
  }
  try {
    const api = stack.apiUrl;
    const signUp = await fetch(`${api}/v1/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: stack.baseUrl },
      body: JSON.stringify({
        name: "Bench",
        email: `bench-${Date.now()}@example.test`,
        password: "bench-password-123",
      }),
    });
    const authHeaders = { authorization: `Bearer ${signUp.headers.get("set-auth-token")}` };
    const nb = await (
      await fetch(`${api}/v1/notebooks`, {
        method: "POST",
        headers: { ...authHeaders, "content-type": "application/json" },
        body: JSON.stringify({ title: "Bench" }),
      })
    ).json();

    step("worker: NTSB PDFs upload → ready, one at a time");
    const dir = path.join(ROOT, "workers/api/test/fixtures/ntsb");
    const files = [
      "20071229X02007.pdf",
      "20080102X00005.pdf",
      "20080108X00029.pdf",
      "20080111X00041.pdf",
      "20080109X00035.pdf",
    ];
    const times = [];
    for (const f of files) {
      const form = new FormData();
      form.set("file", new File([readFileSync(path.join(dir, f))], f, { type: "application/pdf" }));
      const t0 = performance.now();
      const res = await fetch(`${api}/v1/notebooks/${nb.id}/documents`, {
        method: "POST",
        headers: authHeaders,
        body: form,
      });
      const { id } = await res.json();
      for (let i = 0; i < 600; i++) {
        const doc = await (await fetch(`${api}/v1/documents/${id}`, { headers: authHeaders })).json();
        if (["ready", "failed", "rejected"].includes(doc.status)) {
          if (doc.status !== "ready") notes.push(`upload→ready: ${f} ended ${doc.status}`);
          break;
        }
        await sleep(100);
      }
      times.push(performance.now() - t0);
    }
    row(
      "ingest (workerd, wrangler dev)",
      "NTSB PDF upload → ready (Queue + Workflow + D1 + local vectors)",
      times,
      "ms",
      {
        quality: "polled every 100 ms",
      },
    );

    const paths = Object.keys((await (await fetch(`${api}/v1/openapi.json`)).json()).paths ?? {});
    const timed = async (label, url, init) => {
      const values = [];
      const statuses = new Set();
      for (let i = 0; i < HTTP_RUNS + 3; i++) {
        const t0 = performance.now();
        const res = await fetch(url, init);
        await res.arrayBuffer();
        if (i >= 3) values.push(performance.now() - t0);
        statuses.add(res.status);
      }
      return { label, values, statuses: [...statuses].join("/") };
    };
    const json = { ...authHeaders, "content-type": "application/json" };
    const baseline = await timed(
      "GET /v1/notebooks/{id}/documents (reference read)",
      `${api}/v1/notebooks/${nb.id}/documents`,
      {
        headers: authHeaders,
      },
    );
    row("HTTP (workerd, sequential)", baseline.label, baseline.values, "ms", {
      ratio: "1.00 (ref)",
      quality: `status ${baseline.statuses}`,
    });
    const baseMedian = percentile(baseline.values, 0.5);
    const routes = [
      ["search", "/v1/notebooks/{notebookId}/search", { query: "probable cause engine power" }],
      [
        "ask (extractive, no model keys)",
        "/v1/notebooks/{notebookId}/ask",
        { question: "What was the probable cause?" },
      ],
    ];
    for (const [name, route, body] of routes) {
      if (!paths.includes(route)) {
        skipped.push(
          `${name}: POST ${route} is not on this build (/v1/openapi.json) — it lands with the answers branch`,
        );
        continue;
      }
      const r = await timed(`POST ${route}`, `${api}${route.replace("{notebookId}", nb.id)}`, {
        method: "POST",
        headers: json,
        body: JSON.stringify(body),
      });
      row("HTTP (workerd, sequential)", `${name}: ${r.label}`, r.values, "ms", {
        ratio: `${fmt(percentile(r.values, 0.5) / baseMedian, 2)}`,
        quality: `status ${r.statuses}`,
      });
    }
  } finally {
    await stack.stop();
  }
}

// ── web (needs a built app) ──────────────────────────────────────────────────────────────────────────────
export function web() {
  step("web: vite build, then first-load JS and server render (bench/web.mjs)");
  try {
    buildWeb();
  } catch (error) {
    skipped.push(`web (first-load JS, SSR time): the web build failed: ${String(error).slice(0, 200)}`);
    return;
  }
  const result = spawnSync(process.execPath, ["bench/web.mjs"], {
    cwd: ROOT,
    env: { ...ENV, BENCH_SKIP_BUILD: "1", BENCH_RUNS: "30" },
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const out = `${result.stdout}\n${result.stderr}`;
  const total = out.match(/^total\s+([\d.]+) KB\s+([\d.]+) KB/m);
  const render = out.match(/median ([\d.]+) ms · p90 ([\d.]+) ms · p95 ([\d.]+) ms/);
  if (!total || !render) {
    skipped.push(`web: bench/web.mjs gave no figures (exit ${result.status})`);
    return;
  }
  rows.push({
    group: "web (wrangler dev)",
    subject: "notebook page server render, signed in",
    n: 30,
    median: Number(render[1]),
    p95: Number(render[3]),
    unit: "ms",
    ratio: "",
    quality: `first-load JS ${total[2]} KB gzipped (budget 150 KB)`,
  });
}

// ── issue 20: search / GET / concurrency on 1k–20k-chunk notebooks (bench/perf.mjs) ──────────────────────
/**
 * bench/perf.mjs in its own process (its kept corpus states are built on the first run, ~5 min here): every
 * row with its floor measured in the same run and the ratio, and the autocannon runs, for each content layout
 * (`[d1]`, `[object]` in the subject). The before/after
 * pair is `node bench/perf-pair.mjs` (docs/performance.md).
 */
export function perf() {
  step("perf: search, trivial GET and autocannon on 1k/5k/20k-chunk notebooks (bench/perf.mjs)");
  const out = path.join(ROOT, ".bench", "perf-last.json");
  const result = spawnSync(process.execPath, ["bench/perf.mjs", "--json", out], {
    cwd: ROOT,
    env: ENV,
    encoding: "utf8",
    maxBuffer: 1 << 24,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (result.status !== 0) {
    skipped.push(`perf rows: bench/perf.mjs exited ${result.status}`);
    return;
  }
  const perfRun = JSON.parse(readFileSync(out, "utf8"));
  for (const r of perfRun.rows) {
    rows.push({
      group: "issue 20 (bench/perf.mjs)",
      subject: r.layout ? `${r.what} [${r.layout}]` : r.what,
      n: r.n,
      median: r.p50,
      p95: r.p95,
      unit: "ms",
      ratio: `${fmt(r.ratio, 1)} × floor`,
      quality: `floor (${r.floorLabel}) p50 ${fmt(r.floor, 2)} ms; ${r.extra}`,
    });
  }
  for (const c of perfRun.cannon) {
    rows.push({
      group: "issue 20 concurrency (autocannon)",
      subject: `${c.what}, ${c.connections} connections × ${c.seconds} s${c.layout ? ` [${c.layout}]` : ""}`,
      n: c.ok,
      median: c.p50,
      p95: c.p99,
      unit: "ms (p50, p99)",
      ratio: "",
      quality: `${fmt(c.reqPerSec, 0)} req/s; ${c.busy503} × 503, ${c.otherNon2xx} other non-2xx, ${c.timeouts} timeouts; idle speed again ${Number.isFinite(c.drainedMs) ? `${fmt(c.drainedMs / 1000)} s` : "> 120 s"} after`,
    });
  }
  notes.push(...perfRun.notes, "issue 20 before/after figures: docs/performance.md (node bench/perf-pair.mjs)");
}

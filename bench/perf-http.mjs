// What bench/perf.mjs sends: sequential timed requests, the hello Worker floor, and the autocannon runs with
// what happens after the clients leave (abandoned work).
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { ENV, percentile as pct, ROOT } from "./common.mjs";

/** A sequential request that has not answered by then is counted as this long and the run goes on. */
const REQUEST_TIMEOUT_MS = 60_000;
/** After a load run, how long to wait at most for the server to answer a trivial GET at its idle speed. */
const DRAIN_LIMIT_MS = 120_000;
const TICKS = 100; // getconf CLK_TCK on Linux

/** `runs` sequential requests after 3 warm-ups; answers latencies (ms) and the statuses seen. */
export async function timed(runs, makeRequest) {
  const values = [];
  const statuses = new Set();
  for (let i = 0; i < runs + 3; i++) {
    const [url, init] = makeRequest(i);
    const t0 = performance.now();
    let status;
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = "timeout";
    }
    if (i >= 3) values.push(performance.now() - t0);
    statuses.add(status);
  }
  return { values, statuses: [...statuses].join("/") };
}

export function searchRequest(api, headers, notebookId, mode, questions) {
  return (i) => [
    `${api}/v1/notebooks/${notebookId}/search`,
    {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ query: questions[i % questions.length], mode }),
    },
  ];
}

/**
 * The runtime floor: bench/hello-worker.js under its own `wrangler dev` on `port`, with a config of its own
 * (without one, wrangler would read the api Worker's wrangler.toml from the repository root and its bindings).
 */
export async function startHello(port) {
  const config = path.join(ROOT, ".bench", "hello-wrangler.json");
  mkdirSync(path.dirname(config), { recursive: true });
  writeFileSync(
    config,
    JSON.stringify({ name: "perf-hello", main: "../bench/hello-worker.js", compatibility_date: "2026-11-01" }),
  );
  const child = spawn(
    "wrangler",
    [
      "dev",
      "-c",
      config,
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--inspector-port",
      String(port + 1),
      "--show-interactive-dev-session=false",
    ],
    { cwd: ROOT, detached: true, stdio: "ignore", env: { ...ENV, CI: "true" } },
  );
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
  };
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return { url, stop };
    } catch {}
    await sleep(500);
  }
  stop();
  throw new Error(`the hello Worker did not answer on ${url}`);
}

/** The process group of the `wrangler dev` serving `persistTo` (its workerd children share it). */
export function stackGroup(persistTo) {
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (cmd.includes("dev") && cmd.includes(persistTo) && cmd.some((a) => a.includes("wrangler")))
        return Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[2]);
    } catch {}
  }
  return null;
}

/** CPU seconds (user + system) used so far by the processes of group `pgid`. */
export function groupCpuSeconds(pgid) {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {}
  }
  return ticks / TICKS;
}

/**
 * After the clients of a load run have gone: how long until a trivial GET answers within 3× its idle p50
 * (twice in a row), and how much CPU the stack burnt in the first 5 s with nobody waiting.
 */
async function drain(probe, idleP50, pgid) {
  const end = performance.now();
  const cpu0 = pgid ? groupCpuSeconds(pgid) : Number.NaN;
  // Sampled on its own timer: a probe stuck behind abandoned work must not stretch the window.
  const cpu5 = sleep(5000).then(() => (pgid ? groupCpuSeconds(pgid) - cpu0 : Number.NaN));
  let fast = 0;
  let drainedMs = Number.NaN;
  while (performance.now() - end < DRAIN_LIMIT_MS) {
    const t0 = performance.now();
    try {
      const res = await fetch(probe.url, { headers: probe.headers, signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      fast = res.ok && performance.now() - t0 <= Math.max(3 * idleP50, 30) ? fast + 1 : 0;
    } catch {
      fast = 0;
    }
    if (fast >= 2) {
      drainedMs = performance.now() - end;
      break;
    }
    await sleep(250);
  }
  return { drainedMs, cpu5: await cpu5 };
}

/**
 * autocannon at 8 and 32 connections for `seconds` each against `url`; `init.body(q)` makes each request's
 * body from a question. `probe` ({ url, headers, idleP50 }) and `pgid` measure the drain after each run.
 */
export async function load({ title, url, init, questions, seconds, probe, pgid, step }) {
  const out = [];
  const requests = questions.map((q) => ({ ...init, body: init.body ? init.body(q) : undefined }));
  for (const connections of [8, 32]) {
    step(`autocannon ${connections} connections × ${seconds} s: ${title}`);
    const latencies = [];
    const statuses = {};
    const result = await new Promise((resolve, reject) => {
      const instance = autocannon(
        { url, connections, duration: seconds, timeout: 10, requests, headers: init.headers, method: init.method },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      instance.on("response", (_client, status, _bytes, ms) => {
        latencies.push(ms);
        statuses[status] = (statuses[status] ?? 0) + 1;
      });
    });
    const after = await drain(probe, probe.idleP50, pgid);
    out.push({
      what: title,
      connections,
      seconds,
      reqPerSec: result.requests.average,
      ok: result["2xx"],
      busy503: statuses[503] ?? 0,
      otherNon2xx: result.non2xx - (statuses[503] ?? 0),
      errors: result.errors,
      timeouts: result.timeouts,
      p50: pct(latencies, 0.5),
      p99: pct(latencies, 0.99),
      drainedMs: after.drainedMs,
      cpuAfter5s: after.cpu5,
    });
  }
  return out;
}

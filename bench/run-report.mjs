// The `npm run bench` table (bench/run.mjs): its rows, skipped pieces and notes, shared by the pieces in
// bench/run-node.mjs and bench/run-worker.mjs; the machine's facts; the table as text or Markdown.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BIN, percentile, ROOT } from "./common.mjs";

export const rows = [];
export const skipped = [];
export const notes = [];
const started = Date.now();

export const fmt = (n, d = 1) =>
  Number.isFinite(n) ? n.toLocaleString("en", { maximumFractionDigits: d, minimumFractionDigits: d }) : "–";
export const step = (label) => console.error(`→ ${label} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
export const elapsedSeconds = () => ((Date.now() - started) / 1000).toFixed(0);

/** One table row. `ratio` is "×" the reference row of its group (for time: peer / ours, >1 = ours faster). */
export function row(group, subject, values, unit, extra = {}) {
  rows.push({
    group,
    subject,
    n: values.length,
    median: percentile(values, 0.5),
    p95: percentile(values, 0.95),
    unit,
    ratio: extra.ratio ?? "",
    quality: extra.quality ?? "",
  });
}

export function machineFacts() {
  const cpus = os.cpus();
  let workerd = "unknown";
  try {
    workerd = execFileSync(path.join(BIN, "workerd"), ["--version"], { encoding: "utf8" }).trim();
  } catch {}
  let wrangler = "unknown";
  try {
    wrangler = JSON.parse(readFileSync(path.join(ROOT, "node_modules/wrangler/package.json"), "utf8")).version;
  } catch {}
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGb: (os.totalmem() / 1024 ** 3).toFixed(1),
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    workerd,
    wrangler,
  };
}

export function table(markdown) {
  const header = ["group", "subject", "n", "median", "p95", "unit", "÷ ref median", "quality & notes"];
  const body = rows.map((r) => [
    r.group,
    r.subject,
    String(r.n),
    fmt(r.median, r.median < 10 ? 3 : 1),
    fmt(r.p95, r.p95 < 10 ? 3 : 1),
    r.unit,
    r.ratio,
    r.quality,
  ]);
  if (markdown) {
    const esc = (s) => s.replaceAll("|", "\\|");
    return [
      `| ${header.join(" | ")} |`,
      `|${header.map(() => "---").join("|")}|`,
      ...body.map((c) => `| ${c.map(esc).join(" | ")} |`),
    ].join("\n");
  }
  const widths = header.map((h, i) =>
    Math.min(i === 7 ? 200 : 60, Math.max(h.length, ...body.map((c) => c[i].length))),
  );
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join(" │ ");
  return [line(header), widths.map((w) => "─".repeat(w)).join("─┼─"), ...body.map(line)].join("\n");
}

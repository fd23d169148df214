// Shared by the bench scripts (bench/run.mjs, bench/perf.mjs): paths, the environment wrangler and esbuild
// run in, percentiles.
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const BIN = path.join(ROOT, "node_modules", ".bin");
export const ENV = {
  ...process.env,
  PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}`,
  WRANGLER_SEND_METRICS: "false",
};

/** Nearest-rank percentile (`p` in 0–1); the median of an even count is the mean of its two middles. */
export const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  if (p === 0.5 && s.length % 2 === 0) return (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};

/** POST /v1/notebooks as `auth`; answers the new notebook's id. */
export async function createNotebook(api, auth, title) {
  const res = await fetch(`${api}/v1/notebooks`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ title }),
  });
  if (res.status !== 201) throw new Error(`notebook: ${res.status} ${await res.text()}`);
  return (await res.json()).id;
}

// Shared by the scale benches (bench/scale/*.mjs): where miniflare keeps local D1 files, and figure formatting.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Every local D1 SQLite file under a `--persist-to` directory, largest first. */
export function d1Files(persistTo) {
  const dir = path.join(persistTo, "v3", "d1", "miniflare-D1DatabaseObject");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sqlite"))
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size);
}

/** The api Worker's D1 file (the only, or largest, local database). */
export const d1File = (persistTo) => d1Files(persistTo)[0];

export const kb = (bytes) => (bytes / 1024).toFixed(1);

/** A Markdown table. */
export function table(head, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

// The real runner for the release and migration scripts: runs a command, shows its output as it comes,
// and hands back what it printed (the scripts parse wrangler's answers). Node only (child_process).
import { spawn } from "node:child_process";

export function runCommand(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
      if (!args.includes("--json")) process.stdout.write(d);
    });
    child.stderr.on("data", (d) => {
      stderr += d;
      process.stderr.write(d);
    });
    child.on("error", (err) => resolve({ code: 127, stdout, stderr: `${stderr}${err.message}` }));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Appends one JSON line to .release/<file> (kept out of git), so bookmarks and verdicts survive the log. */
export async function recordLine(file, entry) {
  const { appendFileSync, mkdirSync } = await import("node:fs");
  mkdirSync(".release", { recursive: true });
  appendFileSync(`.release/${file}`, `${JSON.stringify(entry)}\n`);
}

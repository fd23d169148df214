// The perf bench's corpus in the product's default layout (issue 21: every notebook's content in its own
// NotebookContent object), kept beside the D1 state it comes from (bench/perf-state.mjs):
// .bench/perf-state/<key>/objects-<okey>/{alone,full} and objects.json.
// Built through the product's own path: each D1 state is copied, served by `wrangler dev` with an ADMIN_TOKEN
// of the run's own, and every notebook is moved by the MigrateContent Workflow through the admin API
// (POST /v1/admin/content-moves, scripts/content-move-client.mjs — what `npm run content:move -- --all` runs);
// the build waits until every job is `switched` with phase `done` (verified, switched, D1 rows deleted after the
// one-minute grace, which the moves sleep in parallel) and checks in the D1 file that no content row is left.
// <okey> hashes the D1 state's key and what decides the objects: the object's schema and class (content/) and
// the move (content-move/, its client). Change any and the next run moves again.
import { createHash, randomBytes } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { setTimeout as sleep } from "node:timers/promises";
import { startStack } from "../e2e/stack.mjs";
import { moveAllNotebooks } from "../scripts/content-move-client.mjs";
import { ROOT } from "./common.mjs";
import { d1File, keptState } from "./perf-state.mjs";

const INPUTS = ["workers/api/src/content", "workers/api/src/content-move", "scripts/content-move-client.mjs"];
/** A move that has not ended by then fails the build. */
const MOVE_LIMIT_MS = 30 * 60_000;

function objectsKey(d1Key) {
  const hash = createHash("sha256").update(d1Key);
  for (const input of INPUTS) {
    const full = path.join(ROOT, input);
    const files = full.endsWith(".mjs")
      ? [full]
      : readdirSync(full)
          .filter((f) => f.endsWith(".ts") && !f.includes(".test."))
          .sort()
          .map((f) => path.join(full, f));
    for (const f of files) hash.update(path.relative(ROOT, f)).update(readFileSync(f));
  }
  return hash.digest("hex").slice(0, 16);
}

/** The NotebookContent objects' SQLite files under a --persist-to directory, by notebook id (read from each). */
export function objectFiles(persistTo) {
  const doRoot = path.join(persistTo, "v3", "do");
  const byNotebook = {};
  if (!existsSync(doRoot)) return byNotebook;
  for (const dir of readdirSync(doRoot).filter((d) => d.endsWith("NotebookContent"))) {
    for (const f of readdirSync(path.join(doRoot, dir)).filter((f) => f.endsWith(".sqlite"))) {
      const file = path.join(doRoot, dir, f);
      const db = new DatabaseSync(file, { readOnly: true, timeout: 30_000 });
      try {
        const row = db.prepare("SELECT notebook_id FROM chunk LIMIT 1").get();
        if (row) byNotebook[row.notebook_id] = file;
      } catch {
        // not a content object's database (or one without tables yet)
      } finally {
        db.close();
      }
    }
  }
  return byNotebook;
}

/** The SQLite file of `notebookId`'s own object under `persistTo`. */
export function objectFile(persistTo, notebookId) {
  const file = objectFiles(persistTo)[notebookId];
  if (!file) throw new Error(`no NotebookContent object holds notebook ${notebookId} under ${persistTo}`);
  return file;
}

/** Every notebook of `persistTo` moved to its object with the admin API; answers each job as it ended. */
async function moveAll(persistTo, port, notebookIds, step) {
  const token = randomBytes(24).toString("hex");
  const stack = await startStack({ apiOnly: true, port, persistTo, vars: { ADMIN_TOKEN: token } });
  try {
    const started = Date.now();
    const lines = [];
    const bulk = await moveAllNotebooks({
      api: stack.apiUrl,
      token,
      reason: "bench:perf: the corpus in the object layout",
      print: (line) => lines.push(line),
    });
    if (!bulk.ok || bulk.started !== notebookIds.length)
      throw new Error(`content moves: ${bulk.started} of ${notebookIds.length} started\n${lines.join("\n")}`);
    const jobs = {};
    for (const id of notebookIds) {
      const url = `${stack.apiUrl}/v1/admin/notebooks/${id}/content-move`;
      for (;;) {
        const job = await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json();
        if (job.status !== "running" && job.phase !== "cleanup") {
          jobs[id] = job;
          break;
        }
        if (Date.now() - started > MOVE_LIMIT_MS) throw new Error(`content move of ${id} still ${job.phase}`);
        await sleep(2000);
      }
      const job = jobs[id];
      step(`moved ${id}: ${job.status} (${job.phase}), ${job.d1RowsDeleted} D1 rows deleted`);
      if (job.status !== "switched" || job.phase !== "done" || !job.report?.passed || job.failure)
        throw new Error(`content move of ${id}: ${JSON.stringify(job)}`);
    }
    return { seconds: Math.round((Date.now() - started) / 1000), jobs };
  } finally {
    await stack.stop();
  }
}

/** The D1 file no longer holds content, and every notebook says 'object'. */
function checkD1(persistTo) {
  const db = new DatabaseSync(d1File(persistTo), { readOnly: true, timeout: 30_000 });
  try {
    const layouts = db.prepare("SELECT content_layout AS layout, count(*) AS n FROM notebook GROUP BY 1").all();
    const chunks = db.prepare("SELECT count(*) AS n FROM chunk").get().n;
    if (layouts.some((l) => l.layout !== "object") || chunks)
      throw new Error(`after the moves: layouts ${JSON.stringify(layouts)}, ${chunks} chunks left in D1`);
  } finally {
    db.close();
  }
}

/**
 * The object-layout copies of `state` (perfState's answer), built now if missing. Answers
 * { alone, full, meta, built, key }; meta holds how long each move took.
 */
export async function objectStates(state, { port, step }) {
  const key = objectsKey(state.key);
  const dir = path.join(path.dirname(state.full), `objects-${key}`);
  const kept = keptState(dir, "objects.json", key);
  if (kept) return kept;

  const building = `${dir}.building`;
  rmSync(building, { recursive: true, force: true });
  const { nb, fillers } = state.meta;
  const meta = { builtAt: new Date().toISOString() };
  for (const [name, ids] of [
    ["alone", [nb.k1]],
    ["full", [nb.k1, nb.k5, nb.k20, ...fillers]],
  ]) {
    const target = path.join(building, name);
    step(`objects ${key}: copying the ${name} D1 state, moving its ${ids.length} notebook(s) with MigrateContent`);
    cpSync(name === "alone" ? state.alone : state.full, target, { recursive: true });
    const moved = await moveAll(target, port, ids, step);
    checkD1(target);
    const files = objectFiles(target);
    if (ids.some((id) => !files[id])) throw new Error(`objects missing after the moves: ${JSON.stringify(files)}`);
    meta[name] = { moveSeconds: moved.seconds, d1RowsDeleted: ids.map((id) => moved.jobs[id].d1RowsDeleted) };
  }
  writeFileSync(path.join(building, "objects.json"), JSON.stringify(meta, null, 2));
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  step(`objects ${key} built: moves took ${meta.alone.moveSeconds} s (alone) and ${meta.full.moveSeconds} s (full)`);
  return keptState(dir, "objects.json", key, true);
}

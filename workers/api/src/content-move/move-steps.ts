/**
 * The MigrateContent Workflow's step bodies. Each is idempotent: copies are upserts on the table's key from a
 * recorded cursor, the checks only read, the layout moves in guarded UPDATEs, deletes of rows already gone
 * change nothing. Step results are keys and counts, never rows.
 */
import { NonRetryableError } from "cloudflare:workflows";
import type { ContentMoveReport, TableCheck } from "../../../../schemas/content-move";
import { NotebookContentGone, notebookObject } from "../content/content-db";
import { createLogger } from "../platform/logger";
import { keywordRanking } from "../retrieval/reads";
import { failMoveJob, loadMove, moveRefusal } from "./content-move.store";
import {
  bindable,
  deleteD1PageSql,
  type Key,
  keyOf,
  PAGE_ROWS,
  readPage,
  specOf,
  tableChecksum,
  upsertSql,
} from "./move-tables";

type Marked = { ok: true; notebookId: string } | { ok: false; failure: string };

/** Step 1: the notebook goes from 'd1' to 'migrating' (from nothing else), its object emptied of any leftover. */
export async function markMigrating(env: Env, jobId: string): Promise<Marked> {
  const job = await loadMove(env, jobId);
  if (job.status !== "running") return { ok: false, failure: job.failure ?? `the job is already ${job.status}` };
  const notebookId = job.notebookId;
  const before = await env.DB.prepare("SELECT content_layout AS layout FROM notebook WHERE id = ?")
    .bind(notebookId)
    .first<{ layout: string }>();
  if (!before) return { ok: false, failure: "the notebook was deleted" };
  // 'migrating' here is this job's own mark (a replay): one running job per notebook, and a failed one
  // puts the layout back to 'd1'.
  if (before.layout === "object") return { ok: false, failure: "the notebook's content is already in its object" };
  const refusal = await moveRefusal(env, notebookId);
  if (refusal) return { ok: false, failure: refusal };
  await env.DB.prepare(
    "UPDATE notebook SET content_layout = 'migrating', updated_at = ? WHERE id = ? AND content_layout = 'd1'",
  )
    .bind(Date.now(), notebookId)
    .run();
  // An upload that passed its guard just before the mark: wait for it like for any busy document.
  const late = await moveRefusal(env, notebookId);
  if (late) {
    await unmark(env, notebookId);
    return { ok: false, failure: late };
  }
  const object = notebookObject(env, notebookId);
  if (await object.stub.isGone()) return { ok: false, failure: "the notebook's object was deleted" };
  await object.stub.clearContent();
  await setPhase(env, jobId, "copy");
  return { ok: true, notebookId };
}

async function unmark(env: Env, notebookId: string) {
  await env.DB.prepare(
    "UPDATE notebook SET content_layout = 'd1', updated_at = ? WHERE id = ? AND content_layout = 'migrating'",
  )
    .bind(Date.now(), notebookId)
    .run();
}

export async function setPhase(env: Env, jobId: string, phase: string) {
  await env.DB.prepare("UPDATE content_move SET phase = ?, updated_at = ? WHERE id = ? AND status != 'failed'")
    .bind(phase, Date.now(), jobId)
    .run();
}

export type Copied = { copied: number; cursor: Key | null; done: boolean };

/**
 * Step 2, one page: up to PAGE_ROWS of the table's rows after `after` from D1 into the object, in one object
 * transaction; records the new cursor on the job (`copiedBefore` is the table's total before this page).
 */
export async function copyPage(
  env: Env,
  jobId: string,
  notebookId: string,
  table: string,
  after: Key | null,
  copiedBefore: number,
): Promise<Copied> {
  const spec = specOf(table);
  const layout = await env.DB.prepare("SELECT content_layout AS layout FROM notebook WHERE id = ?")
    .bind(notebookId)
    .first<{ layout: string }>();
  if (layout?.layout !== "migrating") {
    throw new NonRetryableError(layout ? `the notebook's layout became ${layout.layout}` : "the notebook was deleted");
  }
  const rows = await readPage(env.DB, "d1", spec, notebookId, after);
  const sql = upsertSql(spec);
  if (rows.length) {
    try {
      await notebookObject(env, notebookId).execute(rows.map((row) => ({ sql, params: row.map(bindable) as never })));
    } catch (err) {
      // The notebook was deleted meanwhile (its object wiped): no retry can help.
      if (err instanceof NotebookContentGone) throw new NonRetryableError("the notebook was deleted");
      throw err;
    }
  }
  const last = rows.at(-1);
  const cursor = last ? keyOf(spec, last) : after;
  const copied = copiedBefore + rows.length;
  await env.DB.prepare(
    "UPDATE content_move SET progress = json_set(progress, '$.' || ?, json(?)), updated_at = ? WHERE id = ?",
  )
    .bind(table, JSON.stringify({ copied, cursor }), Date.now(), jobId)
    .run();
  return { copied, cursor, done: rows.length < PAGE_ROWS };
}

/** Step 3 begins: the phase, and the content_version the checks see (a later change fails the switch). */
export async function startVerify(env: Env, jobId: string, notebookId: string) {
  await setPhase(env, jobId, "verify");
  const row = await env.DB.prepare("SELECT content_version AS v FROM notebook WHERE id = ?")
    .bind(notebookId)
    .first<{ v: number }>();
  if (!row) throw new NonRetryableError("the notebook was deleted");
  return { contentVersion: row.v };
}

/** Step 3, one table: rows and sha256 from D1 (the notebook's rows) and from the object (all of its rows). */
export async function verifyTable(env: Env, notebookId: string, table: string): Promise<TableCheck> {
  const spec = specOf(table);
  const [d1, object] = await Promise.all([
    tableChecksum(env.DB, "d1", spec, notebookId),
    tableChecksum(notebookObject(env, notebookId), "object", spec, notebookId),
  ]);
  return { table, d1, object, match: d1.rows === object.rows && d1.sha256 === object.sha256 };
}

/**
 * Step 3, the keyword index: the longest word of the notebook's first chunk searched with the product's own query
 * (search.ts keywordRanking) on both sides, every match; the same chunk ids must come back. bm25 weighs terms
 * by the whole index's statistics, which differ (D1's index holds every notebook), so ids compare as sets.
 */
export async function keywordCheck(env: Env, notebookId: string): Promise<ContentMoveReport["keyword"]> {
  const first = await env.DB.prepare("SELECT text FROM chunk WHERE notebook_id = ? ORDER BY seq LIMIT 1")
    .bind(notebookId)
    .first<{ text: string }>();
  // Its longest word: the most specific of the few a chunk is sure to be indexed under.
  const query = first?.text.match(/\p{L}{5,}/gu)?.reduce((a, b) => (b.length > a.length ? b : a));
  if (!query) return null;
  const scope = { notebookId, embeddingModel: null, log: createLogger({ component: "content-move" }) };
  const depth = 100_000;
  const [d1, object] = await Promise.all([
    keywordRanking(env.DB, scope, query, depth),
    keywordRanking(notebookObject(env, notebookId) as unknown as D1Database, scope, query, depth),
  ]);
  const same = d1.length === object.length && [...d1].sort().join() === [...object].sort().join();
  return { query, d1: d1.length, object: object.length, same };
}

export function describeMismatch(checks: TableCheck[]): string {
  return checks
    .filter((c) => !c.match)
    .map(
      (c) =>
        `${c.table}: D1 ${c.d1.rows} rows sha256 ${c.d1.sha256.slice(0, 12)}…, object ${c.object.rows} rows sha256 ${c.object.sha256.slice(0, 12)}…`,
    )
    .join("; ");
}

export async function recordReport(env: Env, jobId: string, report: ContentMoveReport) {
  await env.DB.prepare("UPDATE content_move SET report = ?, updated_at = ? WHERE id = ?")
    .bind(JSON.stringify(report), Date.now(), jobId)
    .run();
}

type Switched = { switched: true } | { switched: false; failure: string };

/**
 * Step 4: one guarded batch. The notebook reads its object from the next request on ('migrating' → 'object',
 * content_version + 1 so every cache keyed on it is rebuilt), and the job is switched in the same transaction.
 * Loses when the layout changed meanwhile, or the content did since the checks began (a document removed, a
 * page read by OCR: content_version moved); a replay after it committed finds the job switched.
 */
export async function switchLayout(
  env: Env,
  jobId: string,
  notebookId: string,
  checkedVersion: number,
  checks: TableCheck[],
): Promise<Switched> {
  const now = Date.now();
  // The rows counted in D1 by the checks, still there in the same transaction as the switch: a write that
  // reached D1 after them (the concept map, which follows a document's `ready`) makes the switch lose.
  const counted = checks.map(
    (c, i) => `(SELECT count(*) FROM ${c.table} WHERE ${specOf(c.table).d1Scope}) = ?${i + 5}`,
  );
  await env.DB.batch([
    env.DB.prepare(
      `UPDATE notebook SET content_layout = 'object', content_version = content_version + 1, updated_at = ?4
       WHERE id = ?1 AND content_layout = 'migrating' AND content_version = ?3 AND ${counted.join(" AND ")}`,
    ).bind(notebookId, notebookId, checkedVersion, now, ...checks.map((c) => c.d1.rows)),
    env.DB.prepare(
      `UPDATE content_move SET status = 'switched', phase = 'cleanup', switched_at = ?, updated_at = ?
       WHERE id = ? AND status = 'running'
         AND EXISTS (SELECT 1 FROM notebook WHERE id = ? AND content_layout = 'object')`,
    ).bind(now, now, jobId, notebookId),
  ]);
  const job = await loadMove(env, jobId);
  if (job.status === "switched") return { switched: true };
  const nb = await env.DB.prepare("SELECT content_layout AS layout, content_version AS v FROM notebook WHERE id = ?")
    .bind(notebookId)
    .first<{ layout: string; v: number }>();
  if (nb?.layout === "migrating" && nb.v !== checkedVersion) {
    return {
      switched: false,
      failure: `the notebook's content changed during the checks (content_version ${checkedVersion} → ${nb.v}): move it again`,
    };
  }
  if (nb?.layout === "migrating") {
    return {
      switched: false,
      failure: "the notebook's content in D1 changed after the checks (rows added or removed): move it again",
    };
  }
  return { switched: false, failure: `the switch lost: the notebook's layout is ${nb?.layout ?? "gone"}` };
}

/** On failure: the notebook back in D1 (uploads resume), the job failed with why. */
export async function failMove(env: Env, jobId: string, failure: string) {
  const job = await loadMove(env, jobId);
  if (job.status === "switched") {
    // After the switch the notebook stays in its object: what went wrong is kept (D1 rows may be left over).
    await env.DB.prepare("UPDATE content_move SET failure = ?, updated_at = ? WHERE id = ?")
      .bind(`after the switch: ${failure}`, Date.now(), jobId)
      .run();
    return;
  }
  await unmark(env, job.notebookId);
  await failMoveJob(env, jobId, failure);
}

/** On failure, after the layout is back to 'd1' (nothing reads the object then): its partial copy goes. */
export async function clearPartialCopy(env: Env, notebookId: string): Promise<{ cleared: number }> {
  const object = notebookObject(env, notebookId);
  if (await object.stub.isGone()) return { cleared: 0 };
  return { cleared: await object.stub.clearContent() };
}

/**
 * Step 5 begins, after the grace period: the table's D1 rows must be as the checks saw them. One that changed
 * (a writer that took the D1 handle just before the switch) keeps every D1 row of the notebook for review.
 */
export async function recheckD1(env: Env, notebookId: string, check: TableCheck) {
  const now = await tableChecksum(env.DB, "d1", specOf(check.table), notebookId);
  return { table: check.table, same: now.rows === check.d1.rows && now.sha256 === check.d1.sha256, rows: now.rows };
}

export async function keepD1Rows(env: Env, jobId: string, changed: string[]) {
  const now = Date.now();
  await env.DB.prepare(
    "UPDATE content_move SET failure = ?, phase = 'done', updated_at = ?, finished_at = ? WHERE id = ?",
  )
    .bind(
      `after the switch: D1 changed after the checks (${changed.join(", ")}): the notebook's D1 rows are kept for review, nothing reads them`,
      now,
      now,
      jobId,
    )
    .run();
  return { kept: true };
}

/** Step 5, one page: up to PAGE_ROWS of the notebook's rows of the table deleted from D1. */
export async function deleteD1Page(env: Env, jobId: string, notebookId: string, table: string) {
  const { results } = await env.DB.prepare(deleteD1PageSql(specOf(table)))
    .bind(notebookId, PAGE_ROWS)
    .all();
  const deleted = results.length;
  await env.DB.prepare("UPDATE content_move SET d1_rows_deleted = d1_rows_deleted + ?, updated_at = ? WHERE id = ?")
    .bind(deleted, Date.now(), jobId)
    .run();
  return { deleted };
}

export async function finishMove(env: Env, jobId: string) {
  const now = Date.now();
  await env.DB.prepare("UPDATE content_move SET phase = 'done', finished_at = ?, updated_at = ? WHERE id = ?")
    .bind(now, now, jobId)
    .run();
  return { finished: true };
}

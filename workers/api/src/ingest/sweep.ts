/**
 * The hourly ingestion sweep: proof that nothing is orphaned or stuck. It removes stored originals whose
 * document no longer exists (an upload that failed between the R2 put and the D1 insert, an interrupted
 * purge), re-enqueues documents whose queue message was lost, and marks failed (retryable) the documents
 * whose Workflow ended without recording a terminal state, and removes from the notebooks' own databases the
 * rows of documents the registry no longer has (operations/content-sweep.ts). Bounded per run; the next run
 * continues.
 */
import { and, eq, inArray, lt } from "drizzle-orm";
import { getDb, schema } from "../db";
import { enqueueIngestion, markFailed } from "../documents/lifecycle";
import { sweepContentObjects } from "../operations/content-sweep";
import { createLogger, type Logger } from "../platform/logger";

const { document } = schema;

/** Younger objects and rows may belong to an upload or a step still in flight. */
const GRACE_MS = 60 * 60 * 1000;
const MAX_LISTINGS = 5;
const IDS_PER_QUERY = 90;
const FINISHED = new Set(["complete", "errored", "terminated"]);

export const STALLED_REASON =
  "Processing stopped without finishing (our background job was interrupted). Nothing is wrong with your file: retry it.";

async function existingIds(env: Env, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const db = getDb(env.DB);
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const rows = await db
      .select({ id: document.id })
      .from(document)
      .where(inArray(document.id, ids.slice(i, i + IDS_PER_QUERY)));
    for (const r of rows) found.add(r.id);
  }
  return found;
}

/** Limits a sweep to one notebook (an operator re-checking one, or a test that must not touch others). */
export type SweepScope = { notebookId?: string };

async function sweepOrphanObjects(env: Env, now: number, scope: SweepScope): Promise<number> {
  const prefix = scope.notebookId ? `documents/${scope.notebookId}/` : "documents/";
  let removed = 0;
  let cursor: string | undefined;
  for (let listing = 0; listing < MAX_LISTINGS; listing++) {
    const page = await env.FILES.list({ prefix, cursor, limit: 1000 });
    const old = page.objects.filter((o) => now - o.uploaded.getTime() > GRACE_MS);
    const documentOf = (key: string) => key.split("/")[2] ?? "";
    const alive = await existingIds(env, [...new Set(old.map((o) => documentOf(o.key)))]);
    const orphans = old.filter((o) => !alive.has(documentOf(o.key))).map((o) => o.key);
    if (orphans.length) await env.FILES.delete(orphans);
    removed += orphans.length;
    if (!page.truncated) break;
    cursor = page.cursor;
  }
  return removed;
}

async function instanceStatus(env: Env, documentId: string): Promise<string | null> {
  try {
    return (await (await env.INGEST_WORKFLOW.get(documentId)).status()).status;
  } catch {
    return null;
  }
}

async function sweepStuckDocuments(env: Env, now: number, scope: SweepScope) {
  const db = getDb(env.DB);
  const stuck = await db
    .select({ id: document.id, status: document.status })
    .from(document)
    .where(
      and(
        inArray(document.status, ["queued", "processing"]),
        lt(document.updatedAt, new Date(now - GRACE_MS)),
        scope.notebookId ? eq(document.notebookId, scope.notebookId) : undefined,
      ),
    )
    .limit(100);
  let requeued = 0;
  let failed = 0;
  for (const row of stuck) {
    const status = await instanceStatus(env, row.id);
    if (status === null && row.status === "queued") {
      await enqueueIngestion(env, row.id);
      requeued++;
    } else if (status === null || FINISHED.has(status)) {
      await markFailed(db, row.id, STALLED_REASON);
      failed++;
    }
  }
  return { requeued, failed };
}

export async function sweepIngestion(
  env: Env,
  now = Date.now(),
  scope: SweepScope = {},
  log: Logger = createLogger({ service: "studyai-api", component: "ingest-sweep" }),
) {
  const orphanObjects = await sweepOrphanObjects(env, now, scope);
  const stuck = await sweepStuckDocuments(env, now, scope);
  const contentObjects = await sweepContentObjects(env, now, scope);
  const result = { orphanObjects, ...stuck, contentObjects };
  log.info("ingestion sweep done", result);
  return result;
}

/**
 * The monthly page quota, charged once per document when its page count is first known. The charge is
 * claimed on the document row first (`pages_charged` 0 → n), so a retried step never charges twice.
 */
import { FileRejected } from "../ingest/rejection";
import { Problem } from "../platform/problem";
import { planOf } from "./plans";
import { consumeQuota } from "./quotas";

export async function chargePages(
  db: D1Database,
  documentId: string,
  ownerId: string,
  pages: number,
  now = new Date(),
) {
  const claimed = await db
    .prepare("UPDATE document SET pages_charged = ? WHERE id = ? AND pages_charged = 0")
    .bind(pages, documentId)
    .run();
  if (!claimed.meta.changes) return; // charged by an earlier attempt
  const { limits } = await planOf(db, ownerId);
  try {
    await consumeQuota(db, {
      userId: ownerId,
      metric: "pages",
      period: "month",
      limit: limits.pagesPerMonth,
      amount: pages,
      now,
    });
  } catch (err) {
    if (!(err instanceof Problem)) throw err;
    await db.prepare("UPDATE document SET pages_charged = 0 WHERE id = ?").bind(documentId).run();
    throw new FileRejected("quota", `${err.detail} This document has ${pages} pages; it was not added.`);
  }
}

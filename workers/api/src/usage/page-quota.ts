/**
 * The monthly page quota, charged once per document when its page count is first known. The charge is
 * claimed on the document row first (`pages_charged` 0 → n), so a retried step never charges twice.
 */
import { claimPageCharge, releasePageCharge } from "../documents/lifecycle";
import { FileRejected } from "../documents/rejection";
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
  if (!(await claimPageCharge(db, documentId, pages))) return; // charged by an earlier attempt
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
    await releasePageCharge(db, documentId);
    throw new FileRejected("quota", `${err.detail} This document has ${pages} pages; it was not added.`);
  }
}

/**
 * Off-site copies (issue 17.4): the daily backup and every uploaded original also live in BACKUP_BUCKET, a
 * second R2 bucket created in another jurisdiction where the account allows (`--jurisdiction eu` in
 * wrangler.toml's deployed environments), so losing the FILES bucket, or its region, loses neither.
 * Keys are the same in both buckets: a restore reads either (`restoreBackup(env.BACKUP_BUCKET, …)`,
 * `npm run db:restore -- <id> --bucket studyai-backup`).
 */
import { getDb } from "../db";
import { loadDocument } from "../documents/lifecycle";

/** The buckets every backup object is written to, primary first. */
export const backupBuckets = (env: Pick<Env, "FILES" | "BACKUP_BUCKET">): R2Bucket[] => [env.FILES, env.BACKUP_BUCKET];

/**
 * Copies a document's original to the off-site bucket (an ingestion Workflow step, so a failure is retried
 * and the upload itself is not slowed). Idempotent: a copy with the same sha256 is left alone.
 */
export async function copyOriginalOffsite(env: Env, documentId: string): Promise<{ copied: boolean }> {
  const row = await loadDocument(getDb(env.DB), documentId);
  const existing = await env.BACKUP_BUCKET.head(row.r2Key);
  if (existing?.customMetadata?.sha256 === row.sha256) return { copied: false };
  const original = await env.FILES.get(row.r2Key);
  if (!original) throw new Error(`original of ${documentId} is missing from FILES (${row.r2Key})`);
  // R2 checks the bytes against the sha256 recorded at upload: a damaged copy is refused, not stored.
  await env.BACKUP_BUCKET.put(row.r2Key, original.body, {
    httpMetadata: original.httpMetadata,
    customMetadata: { ...original.customMetadata, sha256: row.sha256 },
    sha256: row.sha256,
  });
  return { copied: true };
}

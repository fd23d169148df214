/**
 * Answers cached by notebook content version and normalised question: the same question over the same
 * material is answered from D1 without a model call. Any document change bumps the notebook's content
 * version, so an older answer can never be served again (and is deleted when a newer one is written).
 */
import { and, eq, lt } from "drizzle-orm";
import type { AnswerMode } from "../../../../schemas/db";
import { type Db, schema } from "../db";
import { tokenSpans } from "../retrieval/normalize";
import type { Citation } from "./types";

const { answerCache } = schema;

export type CachedAnswer = {
  mode: AnswerMode;
  answer: string;
  citations: Citation[];
  provider: string;
  model: string;
};

/** Case, accents, punctuation and spacing do not change the key; the document filter does. */
export async function questionKey(query: string, documentIds?: readonly string[]): Promise<string> {
  const words = tokenSpans(query)
    .map((span) => span.norm)
    .join(" ");
  const filter = documentIds?.length ? [...new Set(documentIds)].sort().join(",") : "*";
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${words}\u0000${filter}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function cachedAnswer(
  db: Db,
  notebookId: string,
  contentVersion: number,
  key: string,
): Promise<CachedAnswer | undefined> {
  const row = await db.query.answerCache.findFirst({
    where: and(
      eq(answerCache.notebookId, notebookId),
      eq(answerCache.contentVersion, contentVersion),
      eq(answerCache.questionHash, key),
    ),
  });
  if (!row) return undefined;
  return {
    mode: row.mode,
    answer: row.answer,
    citations: row.citations as Citation[],
    provider: row.provider,
    model: row.model,
  };
}

export async function storeAnswer(db: Db, notebookId: string, contentVersion: number, key: string, a: CachedAnswer) {
  await db.batch([
    db
      .delete(answerCache)
      .where(and(eq(answerCache.notebookId, notebookId), lt(answerCache.contentVersion, contentVersion))),
    db
      .insert(answerCache)
      .values({ notebookId, contentVersion, questionHash: key, ...a })
      .onConflictDoNothing(),
  ]);
}

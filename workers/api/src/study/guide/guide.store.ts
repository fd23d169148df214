/**
 * The cached study guide: one per notebook (the latest made), valid while the notebook's content version and
 * the chosen documents are unchanged.
 */
import { and, eq } from "drizzle-orm";
import { studyGuide } from "../../../../../schemas/study-tables";
import type { Db } from "../../db";
import type { GuideContent } from "./generate-guide";

/** The chosen documents as the guide row stores them: sorted and unique; null for every ready document. */
export function guideScope(documentIds: readonly string[] | undefined): string[] | null {
  return documentIds?.length ? [...new Set(documentIds)].sort() : null;
}

const sameScope = (a: readonly string[] | null, b: readonly string[] | null) =>
  (a ?? []).join("\n") === (b ?? []).join("\n");

/** The guide made from `documentIds` (see guideScope) at this content version, if it is the one cached. */
export async function cachedGuide(
  db: Db,
  notebookId: string,
  contentVersion: number,
  documentIds: readonly string[] | null,
) {
  const [row] = await db
    .select()
    .from(studyGuide)
    .where(and(eq(studyGuide.notebookId, notebookId), eq(studyGuide.contentVersion, contentVersion)));
  if (!row || !sameScope(row.documentIds ?? null, documentIds)) return undefined;
  return { ...row, guide: row.guide as GuideContent };
}

/** Stores the guide for the content version it was generated from (a change meanwhile makes it stale at once). */
export async function saveGuide(
  db: Db,
  input: {
    notebookId: string;
    documentIds: string[] | null;
    contentVersion: number;
    guide: GuideContent;
    provider: string;
    model: string;
  },
) {
  const values = { ...input, createdAt: new Date() };
  const [row] = await db
    .insert(studyGuide)
    .values(values)
    .onConflictDoUpdate({ target: studyGuide.notebookId, set: values })
    .returning();
  if (!row) throw new Error("study guide upsert returned no row");
  return { ...row, guide: row.guide as GuideContent };
}

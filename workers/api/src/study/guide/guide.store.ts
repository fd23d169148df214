/** The cached study guide: one per notebook, valid while the notebook's content version is unchanged. */
import { and, eq } from "drizzle-orm";
import { studyGuide } from "../../../../../schemas/study-tables";
import type { Db } from "../../db";
import type { GuideContent } from "./generate-guide";

export async function cachedGuide(db: Db, notebookId: string, contentVersion: number) {
  const [row] = await db
    .select()
    .from(studyGuide)
    .where(and(eq(studyGuide.notebookId, notebookId), eq(studyGuide.contentVersion, contentVersion)));
  return row ? { ...row, guide: row.guide as GuideContent } : undefined;
}

/** Stores the guide for the content version it was generated from (a change meanwhile makes it stale at once). */
export async function saveGuide(
  db: Db,
  input: { notebookId: string; contentVersion: number; guide: GuideContent; provider: string; model: string },
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

/** The cached overview: one per notebook, valid while the notebook's content version is unchanged. */
import { eq } from "drizzle-orm";
import { notebookOverview } from "../../../../schemas/notes-tables";
import type { OverviewDto } from "../../../../schemas/overview";
import type { Db } from "../db";

export type StoredOverview = Omit<OverviewDto, "cached" | "createdAt" | "notebookId" | "contentVersion">;

export async function cachedOverview(db: Db, notebookId: string) {
  const [row] = await db.select().from(notebookOverview).where(eq(notebookOverview.notebookId, notebookId));
  return row ? { ...row, overview: row.overview as StoredOverview } : undefined;
}

export async function saveOverview(db: Db, notebookId: string, contentVersion: number, overview: StoredOverview) {
  const values = {
    notebookId,
    contentVersion,
    mode: overview.mode,
    overview,
    provider: overview.model?.provider ?? null,
    model: overview.model?.model ?? null,
    createdAt: new Date(),
  };
  const [row] = await db
    .insert(notebookOverview)
    .values(values)
    .onConflictDoUpdate({ target: notebookOverview.notebookId, set: values })
    .returning();
  if (!row) throw new Error("overview upsert returned no row");
  return { ...row, overview: row.overview as StoredOverview };
}

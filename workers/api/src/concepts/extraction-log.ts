/** The extraction log: one row per concept step run, with its counts, duration and error (if any). */
import { desc, eq } from "drizzle-orm";
import { conceptExtractionLog } from "../../../../schemas/concept-tables";
import type { Db } from "../db";

export type ExtractionLogEntry = Omit<typeof conceptExtractionLog.$inferInsert, "id" | "createdAt">;

export async function logExtraction(db: Db, entry: ExtractionLogEntry) {
  await db.insert(conceptExtractionLog).values({ ...entry, createdAt: new Date() });
}

/** A document's log, newest first. */
export function extractionLogOf(db: Db, documentId: string) {
  return db
    .select()
    .from(conceptExtractionLog)
    .where(eq(conceptExtractionLog.documentId, documentId))
    .orderBy(desc(conceptExtractionLog.id));
}

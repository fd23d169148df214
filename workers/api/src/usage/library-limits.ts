/**
 * Plan limits on what a student keeps (not per period): documents per notebook and storage bytes.
 * Counted from D1 at upload time. Over the limit: 402, saying which limit, with no reset to wait for.
 */
import { Problem } from "../platform/problem";
import { planOf } from "./plans";

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

export async function assertLibraryRoom(
  db: D1Database,
  input: { userId: string; notebookId: string; incomingBytes: number },
): Promise<void> {
  const { name, limits } = await planOf(db, input.userId);
  const [docs, storage] = await db.batch<{ n: number }>([
    db.prepare("SELECT count(*) AS n FROM document WHERE notebook_id = ?").bind(input.notebookId),
    db.prepare("SELECT coalesce(sum(size_bytes), 0) AS n FROM document WHERE owner_id = ?").bind(input.userId),
  ]);
  const documents = docs?.results[0]?.n ?? 0;
  if (documents >= limits.documentsPerNotebook) {
    throw new Problem({
      status: 402,
      type: "plan-limit",
      title: "Notebook is full",
      detail: `Your ${name} plan allows ${limits.documentsPerNotebook} documents per notebook. Remove a document, start another notebook, or upgrade.`,
    });
  }
  const used = storage?.results[0]?.n ?? 0;
  if (used + input.incomingBytes > limits.storageBytes) {
    throw new Problem({
      status: 402,
      type: "plan-limit",
      title: "Storage is full",
      detail: `Your ${name} plan allows ${mb(limits.storageBytes)} of files; you use ${mb(used)} and this file needs ${mb(input.incomingBytes)}. Remove documents you no longer need, or upgrade.`,
    });
  }
}

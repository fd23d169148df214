/** What the browser needs of a notebook, and a small check for bodies fetched client-side (no zod in the bundle). */
export type NotebookSummary = { id: string; title: string; createdAt: string };
export type NotebookPage = { items: NotebookSummary[]; nextCursor: string | null };

export function parseNotebookPage(body: unknown): NotebookPage {
  if (!body || typeof body !== "object" || !("items" in body) || !Array.isArray(body.items)) {
    throw new TypeError("Unexpected notebook page");
  }
  const items = body.items.map((item: unknown) => {
    const record = (item ?? {}) as Record<string, unknown>;
    if (typeof record.id !== "string" || typeof record.title !== "string" || typeof record.createdAt !== "string") {
      throw new TypeError("Unexpected notebook");
    }
    return { id: record.id, title: record.title, createdAt: record.createdAt };
  });
  const nextCursor = "nextCursor" in body && typeof body.nextCursor === "string" ? body.nextCursor : null;
  return { items, nextCursor };
}

export const NOTEBOOK_TITLE_MAX = 200;

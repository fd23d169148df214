import { z } from "@hono/zod-openapi";
import { invalidInput } from "./problem";

/** Keyset pagination over (createdAt, id), newest first. The cursor is opaque to clients. */
export type Cursor = { createdAt: number; id: string };

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
  cursor: z.string().max(200).optional().openapi({ description: "Opaque cursor from a previous page's nextCursor" }),
});

export function encodeCursor(cursor: Cursor): string {
  return btoa(JSON.stringify([cursor.createdAt, cursor.id]))
    .replace(/=+$/, "")
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
}

export function decodeCursor(raw: string | undefined): Cursor | undefined {
  if (!raw) return undefined;
  try {
    const json = atob(raw.replace(/-/g, "+").replace(/_/g, "/"));
    const [createdAt, id] = JSON.parse(json) as unknown[];
    if (typeof createdAt === "number" && typeof id === "string") return { createdAt, id };
  } catch {
    // fall through to the problem below
  }
  throw invalidInput([{ path: "cursor", message: "is not a cursor this API issued" }]);
}

/**
 * Given `limit + 1` rows, the page and the cursor of the next one. `sortedBy` names the time the rows are
 * ordered by (default `createdAt`; lists by last activity pass `updatedAt`); the cursor carries it.
 */
export function pageOf<T extends { id: string; createdAt: Date }>(
  rows: T[],
  limit: number,
  sortedBy: (row: T) => Date = (row) => row.createdAt,
) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeCursor({ createdAt: sortedBy(last).getTime(), id: last.id }) : null;
  return { items, nextCursor };
}

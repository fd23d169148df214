/**
 * A notebook's own database (workers/api/src/content/content-schema.ts) holds the content tables with the same
 * columns as the primary D1's, so every content statement runs unchanged on either layout (content-db.ts).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { notebookObject } from "../workers/api/src/content/content-db";
import { CONTENT_TABLES } from "../workers/api/src/content/content-schema";

type Column = { name: string; type: string; notnull: number; dflt_value: string | null; pk: number };

const columns = async (db: D1Database, table: string) =>
  (
    await db
      .prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid`)
      .bind(table)
      .all<Column>()
  ).results;

describe("content schema", () => {
  it("every content table has D1's columns (name, type, NOT NULL, default, key) in the notebook's object", async () => {
    const object = notebookObject(env, `schema-check-${crypto.randomUUID()}`) as unknown as D1Database;
    for (const table of CONTENT_TABLES) {
      const inD1 = await columns(env.DB, table);
      expect(inD1.length, table).toBeGreaterThan(0);
      expect(await columns(object, table), table).toEqual(inD1);
    }
    // The FTS5 index is there too, with the same columns.
    expect(await columns(object, "chunk_terms")).toEqual(await columns(env.DB, "chunk_terms"));
  });
});

/// <reference types="vite/client" />
// Item 9 of issue 14: the drizzle tables in schemas/*.ts and the migrated D1 must describe the same columns.
// The database here is the one the migrations built (test/apply-migrations.ts), so a migration without its
// schema change, or a schema change without its migration, fails this test.
import { env } from "cloudflare:workers";
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";

// Every schema module, so a room that adds a schemas/<room>.ts file is checked without editing this test.
const modules = import.meta.glob<Record<string, unknown>>(["./*.ts", "!./*.test.ts"], { eager: true });
const tables = Object.values(modules)
  .flatMap((m) => Object.values(m))
  .filter((x): x is SQLiteTable => is(x, SQLiteTable))
  .map((t) => getTableConfig(t));

/**
 * Tables the migrations create that no drizzle table describes, each with its reason; anything else in the
 * database without a drizzle table is drift.
 */
const RAW_SQL_TABLES: Record<string, string> = {
  // The usage room writes these with hand-written SQL (upserts with ON CONFLICT … DO UPDATE, sums by
  // period), never through drizzle: usage/usage.store.ts, usage/quotas.ts, usage/plans.ts, metrics/metrics.d1.ts.
  usage_event: "usage/usage.store.ts (raw SQL)",
  user_plan: "usage/plans.ts (raw SQL)",
  quota_counter: "usage/quotas.ts (raw SQL)",
  // The operator's tables, written and read with hand-written SQL (an audited plan change in one batch; the
  // alert dedupe state): admin/admin.store.ts, operations/alerts.ts.
  admin_audit: "admin/admin.store.ts (raw SQL)",
  alert_state: "operations/alerts.ts (raw SQL)",
  // The channel room claims rows and counts against plan limits in conditional statements (INSERT … SELECT
  // … WHERE count < limit, UPDATE … WHERE status = …): channels/channels.store.ts, channels/messages.store.ts.
  channel_instance: "channels/channels.store.ts (raw SQL)",
  channel_contact: "channels/channels.store.ts (raw SQL)",
  channel_link_code: "channels/link-codes.ts (raw SQL)",
  channel_message: "channels/messages.store.ts (raw SQL)",
  channel_document: "channels/documents-in.ts (raw SQL)",
  // Each notebook object's figures, upserted by the content backup and sweep, summed by /metrics (raw SQL).
  notebook_content_stats: "operations/content-stats.ts (raw SQL)",
};

type Column = { name: string; type: string; notNull: boolean; primaryKey: boolean };
const describeColumns = (columns: Column[]) => [...columns].sort((a, b) => a.name.localeCompare(b.name));

async function migratedColumns(table: string): Promise<Column[]> {
  const { results } = await env.DB.prepare(`PRAGMA table_info("${table}")`).all<{
    name: string;
    type: string;
    notnull: number;
    pk: number;
  }>();
  return results.map((c) => ({
    name: c.name,
    type: c.type.toLowerCase(),
    // SQLite lets a PRIMARY KEY column hold NULL unless declared NOT NULL; drizzle's primaryKey() implies it.
    notNull: c.notnull === 1 || c.pk > 0,
    primaryKey: c.pk > 0,
  }));
}

describe("drizzle tables match the migrated database", () => {
  it("finds the schema modules' tables", () => {
    expect(tables.map((t) => t.name)).toContain("document");
    expect(tables.length).toBeGreaterThan(10);
  });

  for (const table of tables) {
    it(`${table.name}: same columns, types, NOT NULL and primary key`, async () => {
      const compositeKey = new Set(table.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)));
      const declared = table.columns.map((c) => ({
        name: c.name,
        type: c.getSQLType().toLowerCase(),
        notNull: c.notNull || c.primary || compositeKey.has(c.name),
        primaryKey: c.primary || compositeKey.has(c.name),
      }));
      expect(describeColumns(await migratedColumns(table.name))).toEqual(describeColumns(declared));
    });
  }

  it("every table the migrations create has a drizzle table (or is listed as raw SQL, with its reason)", async () => {
    const { results } = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name <> 'd1_migrations'",
    ).all<{ name: string }>();
    const declared = new Set([...tables.map((t) => t.name), ...Object.keys(RAW_SQL_TABLES)]);
    // Only what a migration creates: tests share this database and may add tables of their own (backup_probe).
    const sql = env.TEST_MIGRATIONS.flatMap((m) => m.queries).join("\n");
    const created = new Set(
      [...sql.matchAll(/CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"?(\w+)"?/gi)].map((m) => m[1]),
    );
    // FTS5 tables and their shadow tables belong to the keyword index (virtual tables, not drizzle's).
    const virtual = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'",
    ).all<{ name: string }>();
    const fts = virtual.results.map((r) => r.name);
    const isFts = (name: string) => fts.some((v) => name === v || name.startsWith(`${v}_`));
    const undeclared = results.map((r) => r.name).filter((n) => created.has(n) && !declared.has(n) && !isFts(n));
    expect(created.size).toBeGreaterThan(10);
    expect(undeclared).toEqual([]);
  });
});

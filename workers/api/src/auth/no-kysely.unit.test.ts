import { env } from "cloudflare:workers";
import { getKyselyDatabaseType as real } from "@better-auth/kysely-adapter";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "../db";
import { sql, getKyselyDatabaseType as stub } from "./no-kysely";

describe("the kysely stand-in of the api Worker's bundle", () => {
  it("names the drizzle adapter's database type as the real kysely adapter does", () => {
    const adapter = drizzleAdapter(getDb(env.DB), { provider: "sqlite", schema });
    expect(real(adapter)).toBeNull();
    expect(stub(adapter)).toBe(real(adapter));
  });

  it("fails loudly if anything ever calls into kysely", () => {
    expect(() => sql()).toThrow(/kysely is not bundled/);
  });
});

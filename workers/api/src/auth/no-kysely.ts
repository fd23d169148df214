/**
 * Stands in for `kysely` and `@better-auth/kysely-adapter` in the api Worker's bundle (wrangler.toml `[alias]`).
 * better-auth imports them statically for its migration runner and to name a raw database's dialect, but
 * studyAI hands it the drizzle adapter (auth.ts) and applies migrations/ with wrangler: at runtime nothing
 * calls into kysely, yet it was evaluated at every cold start (docs/performance.md).
 * `getKyselyDatabaseType` answers as the real one does for an adapter function (null: not a kysely dialect);
 * everything else says plainly that it is not bundled. no-kysely.unit.test.ts compares it with the real one.
 */
const notBundled = (name: string) => () => {
  throw new Error(`${name}: kysely is not bundled in this Worker (better-auth runs on its drizzle adapter)`);
};

export function getKyselyDatabaseType(_database: unknown): null {
  return null;
}

export const createKyselyAdapter = notBundled("createKyselyAdapter");
export const kyselyAdapter = notBundled("kyselyAdapter");
export const getMssqlSchema = notBundled("getMssqlSchema");
export const getPostgresSchema = notBundled("getPostgresSchema");
export const introspectPostgresTables = notBundled("introspectPostgresTables");
export const toIntrospectedTables = notBundled("toIntrospectedTables");
export const toPhysicalSchema = notBundled("toPhysicalSchema");
/** kysely's `sql` tag (used only by better-auth's migration runner). */
export const sql = notBundled("sql");

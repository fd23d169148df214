// Remote migrations with a way back (issue 17.4): a D1 Time Travel bookmark is recorded before every
// `wrangler d1 migrations apply --remote`, printed to the log (the deploy job's log keeps it) and appended to
// .release/bookmarks.ndjson, so step 2 of the recovery runbook (docs/operations.md) can name the moment
// before the migration: `wrangler d1 time-travel restore <db> --bookmark <bookmark>`.
// Pure over an injected `runner`, so the command sequence is unit tested with a fake wrangler.

/** The bookmark in `wrangler d1 time-travel info --json` output (or its text form, as a fallback). */
export function parseBookmark(stdout) {
  try {
    const parsed = JSON.parse(stdout);
    const bookmark = parsed?.bookmark ?? parsed?.result?.bookmark;
    if (typeof bookmark === "string" && bookmark) return bookmark;
  } catch {
    // not JSON: older wranglers print a sentence
  }
  const match = /bookmark[^0-9a-f]*([0-9a-f]{8}-[0-9a-f-]{8,})/i.exec(stdout);
  if (!match) throw new Error(`no Time Travel bookmark in wrangler's answer: ${stdout.slice(0, 200)}`);
  return match[1];
}

/**
 * Records the bookmark, then applies the migrations. A bookmark that cannot be read stops the deploy:
 * migrating without a way back is what this exists to prevent.
 * @param {{ env: string, database?: string, runner: Function, log: (line: string) => void, record?: (entry: object) => void, now?: () => Date }} ctx
 */
export async function migrateWithBookmark(ctx) {
  const database = ctx.database ?? "DB";
  const info = await ctx.runner("npx", ["wrangler", "d1", "time-travel", "info", database, "--env", ctx.env, "--json"]);
  if (info.code !== 0) throw new Error(`time-travel info failed (${info.code}): ${tail(info)}`);
  const bookmark = parseBookmark(info.stdout);
  const at = (ctx.now?.() ?? new Date()).toISOString();
  ctx.log(`time-travel bookmark before migrations: ${bookmark} (${ctx.env}, ${at})`);
  ctx.record?.({ env: ctx.env, database, bookmark, at });
  const applied = await ctx.runner("npx", [
    "wrangler",
    "d1",
    "migrations",
    "apply",
    database,
    "--remote",
    "--env",
    ctx.env,
  ]);
  if (applied.code !== 0) {
    throw new Error(
      `migrations failed (${applied.code}); to undo what was applied: npx wrangler d1 time-travel restore ${database} --bookmark ${bookmark} --env ${ctx.env}\n${tail(applied)}`,
    );
  }
  return { bookmark, at };
}

export const tail = (result) => `${result.stderr ?? ""}${result.stdout ?? ""}`.trim().slice(-400);

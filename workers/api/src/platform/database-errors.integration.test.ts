// D1 failing under a route: a 503 problem with Retry-After, quickly, never a hang or a 500 with a stack.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bearer, createNotebook, signUp } from "../../test/helpers";
import { app } from "../app";
import { isDatabaseUnavailable } from "./database-errors";

const LOST = "D1_ERROR: Network connection lost.";

/** The real database, except that statements whose SQL matches `failing` throw the way D1 does when it is down. */
function flakyD1(real: D1Database, failing: RegExp, message = LOST): D1Database {
  const fail = () => Promise.reject(new Error(message, { cause: new Error(message) }));
  // Every statement, bound or not, remembers its SQL: a batch (drizzle's db.batch binds first) fails on it too.
  const sqlOf = new WeakMap<object, string>();
  const wrap = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wrapped = new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...args: unknown[]) => wrap(target.bind(...args), sql);
        if (failing.test(sql) && ["all", "first", "run", "raw"].includes(String(prop))) return fail;
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    sqlOf.set(wrapped, sql);
    return wrapped;
  };
  return new Proxy(real, {
    get(target, prop) {
      if (prop === "prepare")
        return (sql: string) => {
          return wrap(target.prepare(sql), sql);
        };
      if (prop === "batch")
        return (stmts: D1PreparedStatement[]) =>
          stmts.some((s) => failing.test(sqlOf.get(s) ?? "")) ? fail() : target.batch(stmts);
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

async function expect503(res: Response) {
  expect(res.status).toBe(503);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.headers.get("retry-after")).toBe("5");
  const body = (await res.json()) as Record<string, unknown>;
  expect(String(body.type)).toMatch(/database-unavailable$/);
  expect(body.requestId).toBeTruthy();
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|D1_ERROR|select |insert /i);
}

describe("D1 unavailable", () => {
  it("answers reads and writes on the notebooks routes with a 503 problem, fast, and writes nothing", async () => {
    const user = await signUp();
    const auth = bearer(user);
    const existing = await createNotebook(auth, "Before the outage");
    const down = { ...env, DB: flakyD1(env.DB, /"notebook"/) };

    const started = Date.now();
    await expect503(await app.request("/v1/notebooks", { headers: auth }, down));
    await expect503(await app.request(`/v1/notebooks/${existing}`, { headers: auth }, down));
    await expect503(
      await app.request(
        "/v1/notebooks",
        {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ title: "During the outage" }),
        },
        down,
      ),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    const rows = await env.DB.prepare("SELECT title FROM notebook WHERE owner_id = ?").bind(user.userId).all();
    expect(rows.results.map((r) => r.title)).toEqual(["Before the outage"]);
  });

  it("answers a 503 when even the session lookup fails (the whole database down)", async () => {
    const auth = bearer(await signUp());
    const id = await createNotebook(auth);
    const down = { ...env, DB: flakyD1(env.DB, /./) };
    // The session lookup is the first query: its failure is an outage too, not "please sign in" (401) —
    // better-auth's getSession, and the session batched with the notebook (auth/session-with.ts).
    await expect503(await app.request("/v1/notebooks", { headers: auth }, down));
    await expect503(await app.request(`/v1/notebooks/${id}`, { headers: auth }, down));
  });

  it("an upload whose row cannot be written answers 503 and leaves no object in R2", async () => {
    const user = await signUp();
    const auth = bearer(user);
    const notebookId = await createNotebook(auth);
    const form = new FormData();
    form.set("file", new File([new TextEncoder().encode("Notes written during an outage.")], "notes.txt"));
    const down = { ...env, DB: flakyD1(env.DB, /^insert into "document"/i) };
    await expect503(
      await app.request(`/v1/notebooks/${notebookId}/documents`, { method: "POST", headers: auth, body: form }, down),
    );
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM document WHERE notebook_id = ?")
      .bind(notebookId)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
    expect((await env.FILES.list({ prefix: `documents/${notebookId}/` })).objects).toEqual([]);
  });

  it("tells D1's own outages from our SQL mistakes, through drizzle's wrapping", () => {
    const wrapped = (m: string) => new Error("Failed query: select 1", { cause: new Error(m) });
    expect(isDatabaseUnavailable(new Error(LOST))).toBe(true);
    expect(isDatabaseUnavailable(wrapped("D1_ERROR: D1 DB is overloaded. Requests queued for too long."))).toBe(true);
    expect(isDatabaseUnavailable(wrapped("D1_ERROR: D1 DB storage operation exceeded timeout"))).toBe(true);
    expect(isDatabaseUnavailable(wrapped('D1_ERROR: near "selec": syntax error: SQLITE_ERROR'))).toBe(false);
    expect(isDatabaseUnavailable(wrapped("D1_ERROR: UNIQUE constraint failed: SQLITE_CONSTRAINT"))).toBe(false);
    expect(isDatabaseUnavailable(new Error("timeout talking to OpenAI"))).toBe(false);
  });
});

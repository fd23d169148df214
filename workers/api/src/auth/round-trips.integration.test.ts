import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { bearer, call, signUp } from "../../test/helpers";
import { createKey, withKey } from "../../test/tenants";
import type { AppEnv } from "../platform/context";
import { createLogger } from "../platform/logger";
import { authenticate } from "./require-user";

/** env.DB that counts the statements sent to D1 (one per `first`/`all`/`run`/`raw`, one per `batch`). */
function countingEnv() {
  const sent: string[] = [];
  const wrap = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...args: unknown[]) => wrap(target.bind(...args), sql);
        const value = Reflect.get(target, prop, target);
        if (typeof value !== "function") return value;
        if (["first", "all", "run", "raw"].includes(String(prop))) {
          return (...args: unknown[]) => {
            sent.push(sql);
            return value.apply(target, args);
          };
        }
        return value.bind(target);
      },
    });
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql), sql);
      if (prop === "batch")
        return (statements: D1PreparedStatement[]) => {
          sent.push(`batch of ${statements.length}`);
          return target.batch(statements);
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { env: { ...env, DB: db } as Env, sent };
}

/** Authenticates `headers` as the API does, with D1 round trips counted. */
async function roundTrips(headers: Record<string, string>) {
  const { env: counted, sent } = countingEnv();
  const later: Promise<unknown>[] = [];
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("log", createLogger({ service: "test" }));
    await next();
  });
  app.get("/", async (c) => c.json(await authenticate(c)));
  const res = await app.request("/", { headers }, counted, {
    waitUntil: (p: Promise<unknown>) => later.push(p),
    passThroughOnException: () => {},
    props: {},
  } as unknown as ExecutionContext);
  const body = (await res.json()) as { userId?: string };
  const onPath = sent.length;
  await Promise.all(later);
  return { status: res.status, body, sent: sent.slice(0, onPath), after: sent.slice(onPath) };
}

describe("authentication round trips", () => {
  it("authenticates a bearer session with one D1 query", async () => {
    const alice = await signUp();
    const { status, body, sent } = await roundTrips(bearer(alice));
    expect(status).toBe(200);
    expect(body.userId).toBe(alice.userId);
    expect(sent, sent.join("\n")).toHaveLength(1);
  });

  it("authenticates a session cookie with one D1 query", async () => {
    const alice = await signUp();
    const { status, body, sent } = await roundTrips({ cookie: alice.cookie });
    expect(status).toBe(200);
    expect(body.userId).toBe(alice.userId);
    expect(sent, sent.join("\n")).toHaveLength(1);
  });

  it("authenticates an API key with one D1 query on the request path", async () => {
    const alice = await signUp();
    const { key } = await createKey(alice, ["read"]);
    // The first use records last_used_at, after the response (waitUntil).
    const first = await roundTrips(withKey(key));
    expect(first.status).toBe(200);
    expect(first.sent, first.sent.join("\n")).toHaveLength(1);
    expect(first.after.join("\n")).toMatch(/^update "api_key" set "last_used_at"/);
    const { status, body, sent, after } = await roundTrips(withKey(key));
    expect(status).toBe(200);
    expect(body.userId).toBe(alice.userId);
    expect(sent, sent.join("\n")).toHaveLength(1);
    expect(after).toEqual([]);
  });

  // A revoked key is refused on the very next request: api-keys.integration.test.ts ("revokes a key").
  it("refuses a signed-out session on the very next request", async () => {
    const alice = await signUp();
    expect((await call("/v1/notebooks", { headers: bearer(alice) })).status).toBe(200);
    await env.DB.prepare("DELETE FROM session WHERE user_id = ?").bind(alice.userId).run();
    expect((await call("/v1/notebooks", { headers: bearer(alice) })).status).toBe(401);
  });
});

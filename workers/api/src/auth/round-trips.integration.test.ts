import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { countingEnv } from "../../test/counting-env";
import { bearer, call, signUp } from "../../test/helpers";
import { createKey, withKey } from "../../test/tenants";
import type { AppEnv } from "../platform/context";
import { createLogger } from "../platform/logger";
import { authenticate } from "./require-user";

/** Authenticates `headers` as the API does, with D1 round trips counted. */
async function roundTrips(headers: Record<string, string>) {
  const { env: counted, trips } = countingEnv();
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
  const onPath = trips.length;
  await Promise.all(later);
  // The statements sent to D1, in order (one per `first`/`all`/`run`/`raw`, one per `batch`).
  const sent = trips.map((t) => t.what.replace(/^D1 /, ""));
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

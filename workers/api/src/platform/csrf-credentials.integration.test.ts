import { describe, expect, it } from "vitest";
import { bearer, call, jsonBody, signUp, type TestUser } from "../../test/helpers";
import { APP_ORIGIN, createKey, withKey, withXApiKey } from "../../test/tenants";

const EVIL = "https://evil.example";

async function titles(user: TestUser): Promise<string[]> {
  const res = await call("/v1/notebooks", { headers: bearer(user) });
  return ((await res.json()) as { items: { title: string }[] }).items.map((n) => n.title);
}

function createNotebook(headers: Record<string, string>, title: string) {
  const req = jsonBody({ title });
  return call("/v1/notebooks", { method: "POST", body: req.body, headers: { ...req.headers, ...headers } });
}

describe("Origin is checked whenever a cookie authenticates (issue 13)", () => {
  it.each([
    ["Basic", "Basic YWxhZGRpbjpvcGVuc2VzYW1l"],
    ["an invalid bearer token", "Bearer not-a-session-token"],
    ["an empty bearer", "Bearer "],
    ["a made-up scheme", "Token abc"],
  ])("a cookie with %s in Authorization and an evil Origin: 403, nothing created", async (_label, authorization) => {
    const alice = await signUp();
    const res = await createNotebook({ cookie: alice.cookie, authorization, origin: EVIL }, "forged");
    expect(res.status).toBe(403);
    expect(((await res.json()) as { type: string }).type).toMatch(/cross-site-request$/);
    const noOrigin = await createNotebook({ cookie: alice.cookie, authorization }, "forged");
    expect(noOrigin.status).toBe(403);
    expect(await titles(alice)).toEqual([]);
  });

  it("better-auth routes too: a cookie plus any Authorization or API key header cannot sign out cross-site", async () => {
    const alice = await signUp();
    const extras: Record<string, string>[] = [{ authorization: "Basic eA==" }, { "x-api-key": "sk_forged" }];
    for (const headers of extras) {
      const res = await call("/v1/auth/sign-out", {
        method: "POST",
        body: new URLSearchParams({ a: "b" }),
        headers: { cookie: alice.cookie, origin: EVIL, ...headers },
      });
      expect(res.status).toBe(403);
    }
    expect((await call("/v1/auth/get-session", { headers: { cookie: alice.cookie } })).status).toBe(200);
  });

  it("an invalid bearer token never falls back to the cookie, even from an allowed Origin", async () => {
    const alice = await signUp();
    const res = await createNotebook(
      { cookie: alice.cookie, authorization: "Bearer not-a-session-token", origin: APP_ORIGIN },
      "fallback",
    );
    expect(res.status).toBe(401);
    expect(await titles(alice)).toEqual([]);
  });

  it("an API key authenticates alone: an invalid one is 401 beside a cookie; a valid one acts as its owner", async () => {
    const alice = await signUp();
    const bob = await signUp();
    const { key } = await createKey(bob, ["read", "write"]);
    expect((await createNotebook({ cookie: alice.cookie, ...withXApiKey("sk_nope"), origin: EVIL }, "x")).status).toBe(
      401,
    );
    expect((await createNotebook({ cookie: alice.cookie, ...withKey(key), origin: EVIL }, "bob's")).status).toBe(201);
    expect(await titles(alice)).toEqual([]);
    expect(await titles(bob)).toEqual(["bob's"]);
  });

  it("legitimate callers still work: cookie from the app's origin, bearer with no cookie, key with no Origin", async () => {
    const alice = await signUp();
    const { key } = await createKey(alice, ["read", "write"]);
    expect((await createNotebook({ cookie: alice.cookie, origin: APP_ORIGIN }, "cookie")).status).toBe(201);
    expect((await createNotebook(bearer(alice, { origin: EVIL }), "bearer")).status).toBe(201);
    expect((await createNotebook(withKey(key), "key")).status).toBe(201);
    expect((await titles(alice)).sort()).toEqual(["bearer", "cookie", "key"]);
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bearer, call, jsonBody, signUp } from "../../test/helpers";
import { createKey, createNotebookAs, withKey, withXApiKey } from "../../test/tenants";

async function expect401(headers: Record<string, string>, what: string) {
  const res = await call("/v1/notebooks", { headers });
  expect(res.status, what).toBe(401);
  expect(res.headers.get("content-type"), what).toBe("application/problem+json");
  expect(res.headers.get("www-authenticate"), what).toContain("Bearer");
}

describe("credentials", () => {
  it("answers 401 for an expired session", async () => {
    const alice = await signUp();
    await expect(call("/v1/notebooks", { headers: bearer(alice) })).resolves.toHaveProperty("status", 200);
    await env.DB.prepare("UPDATE session SET expires_at = ? WHERE user_id = ?")
      .bind(Date.now() - 1000, alice.userId)
      .run();
    await expect401(bearer(alice), "expired session (bearer)");
    await expect401({ cookie: alice.cookie }, "expired session (cookie)");
  });

  it("answers 401 for an expired API key", async () => {
    const alice = await signUp();
    const { key, id } = await createKey(alice, ["read"], { expiresInDays: 1 });
    await env.DB.prepare("UPDATE api_key SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1000, id)
      .run();
    await expect401(withKey(key), "expired key");
  });

  it("answers 401 for malformed credentials", async () => {
    const alice = await signUp();
    const { key } = await createKey(alice, ["read"]);
    const malformed: Record<string, Record<string, string>> = {
      "empty bearer": { authorization: "Bearer " },
      "no scheme": { authorization: alice.token },
      "basic scheme": { authorization: `Basic ${btoa("a:b")}` },
      "bare sk_": { authorization: "Bearer sk_" },
      "key too short": withKey(key.slice(0, -1)),
      "key with bad characters": withKey(`${key.slice(0, -1)}!`),
      "key in upper case": withKey(key.toUpperCase()),
      "x-api-key not a key": withXApiKey("not-a-key"),
      "x-api-key empty": withXApiKey(""),
      "session token as x-api-key": withXApiKey(alice.token),
      "garbage cookie": { cookie: "better-auth.session_token=garbage" },
    };
    for (const [what, headers] of Object.entries(malformed)) await expect401(headers, what);
  });

  it("answers 401 for wrongly signed credentials", async () => {
    const alice = await signUp();
    const [token, signature] = alice.token.split(".");
    expect(signature).toBeTruthy();
    const otherSignature = `${signature?.slice(0, -2)}${signature?.endsWith("AA") ? "BB" : "AA"}`;
    await expect401({ authorization: `Bearer ${token}.${otherSignature}` }, "session token, altered signature");
    await expect401({ cookie: `better-auth.session_token=${token}.${otherSignature}` }, "cookie, altered signature");
    // A well-formed key the server never issued.
    await expect401(withKey(`sk_${"0".repeat(40)}`), "unissued key");
    await expect401(withXApiKey(`sk_${"z".repeat(40)}`), "unissued key in x-api-key");
  });

  it("answers 401 for revoked credentials: a revoked key and a signed-out session", async () => {
    const alice = await signUp();
    const { key, id } = await createKey(alice, ["read"]);
    expect((await call(`/v1/api-keys/${id}`, { method: "DELETE", headers: bearer(alice) })).status).toBe(204);
    await expect401(withKey(key), "revoked key (bearer)");
    await expect401(withXApiKey(key), "revoked key (x-api-key)");

    expect((await call("/v1/auth/sign-out", { method: "POST", headers: bearer(alice) })).status).toBe(200);
    await expect401(bearer(alice), "signed-out session");
  });

  it("an invalid API key never falls back to the session cookie", async () => {
    const alice = await signUp();
    await expect401({ cookie: alice.cookie, ...withXApiKey(`sk_${"1".repeat(40)}`) }, "bad key + good cookie");
  });

  it("a read-only key can read but not write (403 naming the scope)", async () => {
    const alice = await signUp();
    const { key } = await createKey(alice, ["read"]);
    const mine = await createNotebookAs(bearer(alice), "Alice's");

    expect((await call(`/v1/notebooks/${mine.id}`, { headers: withKey(key) })).status).toBe(200);
    const attempts: [string, RequestInit][] = [
      ["/v1/notebooks", { method: "POST", ...jsonBody({ title: "by a read-only key" }) }],
      [`/v1/notebooks/${mine.id}`, { method: "PATCH", ...jsonBody({ title: "renamed by a read-only key" }) }],
      [`/v1/notebooks/${mine.id}`, { method: "DELETE" }],
    ];
    for (const [path, init] of attempts) {
      const res = await call(path, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), ...withKey(key) },
      });
      expect(res.status, `${init.method} ${path}`).toBe(403);
      const problem = (await res.json()) as { type: string; detail: string };
      expect(problem.type).toMatch(/missing-scope$/);
      expect(problem.detail).toContain('"write"');
    }
    const after = (await (await call("/v1/notebooks", { headers: bearer(alice) })).json()) as {
      items: { title: string }[];
    };
    expect(after.items.map((n) => n.title)).toEqual(["Alice's"]);
  });

  it("a write key without read cannot list", async () => {
    const alice = await signUp();
    const { key } = await createKey(alice, ["write"]);
    const res = await call("/v1/notebooks", { headers: withXApiKey(key) });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toContain('"read"');
    await createNotebookAs(withXApiKey(key), "written by a write-only key");
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { bearer, call, jsonBody, signUp } from "../../test/helpers";
import { createKey, withKey, withXApiKey } from "../../test/tenants";

type KeyPage = { items: Record<string, unknown>[]; nextCursor: string | null };

async function listKeys(headers: Record<string, string>) {
  const res = await call("/v1/api-keys", { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as KeyPage;
}

describe("API keys", () => {
  it("shows the secret once, lists prefix and metadata only, and stores only a hash", async () => {
    const alice = await signUp();
    const created = await createKey(alice, ["read", "write"]);
    expect(created.key).toMatch(/^sk_[0-9a-z]{40}$/);
    expect(created.prefix).toBe(created.key.slice(0, 11));
    expect(created.scopes).toEqual(["read", "write"]);

    const page = await listKeys(bearer(alice));
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toEqual({
      id: created.id,
      name: created.name,
      prefix: created.prefix,
      scopes: ["read", "write"],
      createdAt: expect.any(String),
      expiresAt: null,
      lastUsedAt: null,
    });
    expect(JSON.stringify(page)).not.toContain(created.key);

    const row = await env.DB.prepare("SELECT * FROM api_key WHERE id = ?").bind(created.id).first();
    expect(JSON.stringify(row)).not.toContain(created.key.slice(11));
    expect(row?.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("accepts the key as Authorization: Bearer sk_… and as x-api-key, and records when it was last used", async () => {
    const alice = await signUp();
    const { key, id } = await createKey(alice, ["read"]);
    expect((await call("/v1/notebooks", { headers: withKey(key) })).status).toBe(200);
    expect((await call("/v1/notebooks", { headers: withXApiKey(key) })).status).toBe(200);
    // last_used_at is written after the response (waitUntil), off the request's path.
    await vi.waitFor(async () => {
      const listed = (await listKeys(bearer(alice))).items.find((k) => k.id === id);
      expect(Date.now() - Date.parse(String(listed?.lastUsedAt))).toBeLessThan(60_000);
    });
  });

  it("revokes a key: it stops working at once and leaves the list", async () => {
    const alice = await signUp();
    const { key, id } = await createKey(alice, ["read"]);
    expect((await call(`/v1/api-keys/${id}`, { method: "DELETE", headers: bearer(alice) })).status).toBe(204);
    expect((await call("/v1/notebooks", { headers: withKey(key) })).status).toBe(401);
    expect((await listKeys(bearer(alice))).items).toEqual([]);
    expect((await call(`/v1/api-keys/${id}`, { method: "DELETE", headers: bearer(alice) })).status).toBe(404);
  });

  it("needs a session to manage keys: a key cannot mint, list or revoke keys", async () => {
    const alice = await signUp();
    const { key, id } = await createKey(alice, ["read", "write", "ask"]);
    const req = jsonBody({ name: "minted by a key", scopes: ["read"] });
    const minted = await call("/v1/api-keys", {
      method: "POST",
      body: req.body,
      headers: { ...req.headers, ...withKey(key) },
    });
    expect(minted.status).toBe(403);
    expect(minted.headers.get("content-type")).toBe("application/problem+json");
    expect((await call("/v1/api-keys", { headers: withXApiKey(key) })).status).toBe(403);
    expect((await call(`/v1/api-keys/${id}`, { method: "DELETE", headers: withKey(key) })).status).toBe(403);
    expect((await call("/v1/api-keys")).status).toBe(401);
  });

  it("validates the scopes and ignores fields the caller may not set", async () => {
    const alice = await signUp();
    const bob = await signUp();
    for (const bad of [{ scopes: [] }, { scopes: ["admin"] }, { scopes: ["read", "read"] }]) {
      const req = jsonBody({ name: "bad", ...bad });
      const res = await call("/v1/api-keys", {
        method: "POST",
        body: req.body,
        headers: { ...req.headers, ...bearer(alice) },
      });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { errors: { path: string }[] }).errors[0]?.path).toMatch(/^scopes/);
    }
    const forged = await createKey(alice, ["read"], {
      userId: bob.userId,
      id: "key_chosen_by_client",
      prefix: "sk_forged",
      keyHash: "0".repeat(64),
      lastUsedAt: "2020-01-01T00:00:00Z",
    });
    expect(forged.id).not.toBe("key_chosen_by_client");
    expect(forged.prefix).toBe(forged.key.slice(0, 11));
    expect(forged.lastUsedAt).toBeNull();
    expect((await listKeys(bearer(bob))).items).toEqual([]);
    expect((await listKeys(bearer(alice))).items.map((k) => k.id)).toEqual([forged.id]);
  });

  it("expires a key created with expiresInDays", async () => {
    const alice = await signUp();
    const created = await createKey(alice, ["read"], { expiresInDays: 30 });
    expect(Date.parse(String(created.expiresAt)) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect((await call("/v1/notebooks", { headers: withKey(created.key) })).status).toBe(200);
    await env.DB.prepare("UPDATE api_key SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1000, created.id)
      .run();
    expect((await call("/v1/notebooks", { headers: withKey(created.key) })).status).toBe(401);
    expect((await listKeys(bearer(alice))).items).toEqual([]);
  });
});

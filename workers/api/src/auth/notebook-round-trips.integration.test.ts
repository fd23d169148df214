// Issue 20 item 5: an API key and the notebook it reads in one D1 round trip (notebooks/owned-notebook.ts);
// sessions: session-trips.integration.test.ts.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { countedRequest } from "../../test/counting-env";
import { bearer, call, signUp } from "../../test/helpers";
import { createKey, createNotebookAs, withKey } from "../../test/tenants";

const get = (path: string, headers: Record<string, string>) => countedRequest(path, { headers });

async function ownerWithNotebook() {
  const owner = await signUp();
  const { id } = await createNotebookAs(bearer(owner), "Trips");
  const { key } = await createKey(owner, ["read"]);
  return { owner, id, key };
}

describe("notebook-scoped reads with an API key: the key and the notebook in one D1 round trip", () => {
  it("GET /v1/notebooks/{id} with its owner's key: one round trip, a batch of the key and the notebook", async () => {
    const { id, key } = await ownerWithNotebook();
    for (const use of ["first use (last_used_at written after)", "again"]) {
      const { status, body, onPath } = await get(`/v1/notebooks/${id}`, withKey(key));
      expect(status, use).toBe(200);
      expect(body.id).toBe(id);
      expect(onPath, `${use}: ${onPath.join("\n")}`).toEqual(["D1 batch of 2"]);
    }
  });

  it("another user's valid key gets the 404 of a missing notebook, in the same one round trip", async () => {
    const { id } = await ownerWithNotebook();
    const other = await ownerWithNotebook();
    const theirs = await get(`/v1/notebooks/${id}`, withKey(other.key));
    const missing = await get(`/v1/notebooks/${id}`, bearer(other.owner));
    expect(theirs.status).toBe(404);
    expect(theirs.type).toBe("application/problem+json");
    expect(theirs.body).toEqual(missing.body);
    expect(theirs.onPath).toEqual(["D1 batch of 2"]);
  });

  it("an unknown, revoked or expired key is the same 401, and a key without the scope the same 403", async () => {
    const { owner, id, key } = await ownerWithNotebook();
    const malformed = await get(`/v1/notebooks/${id}`, withKey("sk_not-a-key"));
    const unknown = await get(`/v1/notebooks/${id}`, withKey(`sk_${"0".repeat(40)}`));
    expect(malformed.onPath).toEqual([]);
    const revoked = await createKey(owner, ["read"]);
    expect((await call(`/v1/api-keys/${revoked.id}`, { method: "DELETE", headers: bearer(owner) })).status).toBe(204);
    const expired = await createKey(owner, ["read"]);
    await env.DB.prepare("UPDATE api_key SET expires_at = 1 WHERE id = ?").bind(expired.id).run();
    for (const refused of [malformed, unknown, await get(`/v1/notebooks/${id}`, withKey(revoked.key))]) {
      expect(refused.status).toBe(401);
      expect(refused.type).toBe("application/problem+json");
      expect(refused.body).toEqual(unknown.body);
    }
    expect((await get(`/v1/notebooks/${id}`, withKey(expired.key))).body).toEqual(unknown.body);
    const writeOnly = await createKey(owner, ["write"]);
    const noScope = await get(`/v1/notebooks/${id}`, withKey(writeOnly.key));
    expect(noScope.status).toBe(403);
    expect(noScope.body.type).toMatch(/missing-scope$/);
    expect((await get(`/v1/notebooks/${id}`, withKey(key))).status).toBe(200);
  });

  it("a route under the notebook that starts with it saves the same trip: its documents' list is two", async () => {
    const { id, key } = await ownerWithNotebook();
    const { status, onPath } = await get(`/v1/notebooks/${id}/documents`, withKey(key));
    expect(status).toBe(200);
    expect(onPath, onPath.join("\n")).toHaveLength(2);
    expect(onPath[0]).toBe("D1 batch of 2");
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bearer, call, jsonBody, signUp } from "../../test/helpers";
import { createKey, createNotebookAs, withKey } from "../../test/tenants";

type Notebook = { id: string; title: string; description: string; createdAt: string; embeddingModel: string | null };

describe("mass assignment", () => {
  it("ignores owner ids, ids, timestamps and server fields in create and update bodies", async () => {
    const alice = await signUp();
    const bob = await signUp();
    const { key } = await createKey(bob, ["read", "write"]);
    const forged = {
      id: "nb_chosen_by_client",
      ownerId: alice.userId,
      owner_id: alice.userId,
      userId: alice.userId,
      createdAt: "2000-01-01T00:00:00.000Z",
      embeddingModel: "forged-model",
      contentVersion: 99,
    };
    const mine = await createNotebookAs(withKey(key), "Bob's", forged);
    expect(mine.id).not.toBe(forged.id);

    const req = jsonBody({ title: "Bob's, renamed", ...forged });
    const res = await call(`/v1/notebooks/${mine.id}`, {
      method: "PATCH",
      body: req.body,
      headers: { ...req.headers, ...withKey(key) },
    });
    expect(res.status).toBe(200);
    const patched = (await res.json()) as Notebook;
    expect(patched).toMatchObject({ id: mine.id, title: "Bob's, renamed", embeddingModel: null });
    expect(patched.createdAt).not.toBe(forged.createdAt);

    const row = await env.DB.prepare("SELECT owner_id, content_version, embedding_model FROM notebook WHERE id = ?")
      .bind(mine.id)
      .first();
    expect(row).toEqual({ owner_id: bob.userId, content_version: 0, embedding_model: null });
    const alicesList = (await (await call("/v1/notebooks", { headers: bearer(alice) })).json()) as { items: unknown[] };
    expect(alicesList.items).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { bearer, call, jsonBody, signUp } from "../../test/helpers";

type Notebook = { id: string; title: string; description: string };

async function createNotebook(token: Record<string, string>, title: string) {
  const req = jsonBody({ title });
  const res = await call("/v1/notebooks", { method: "POST", body: req.body, headers: { ...req.headers, ...token } });
  expect(res.status).toBe(201);
  return (await res.json()) as Notebook;
}

describe("notebooks", () => {
  it("creates, reads, renames and deletes a notebook", async () => {
    const alice = await signUp();
    const auth = bearer(alice);
    const created = await createNotebook(auth, "Organic chemistry");
    expect(created.id).toMatch(/^nb_/);

    const got = await call(`/v1/notebooks/${created.id}`, { headers: auth });
    expect(((await got.json()) as Notebook).title).toBe("Organic chemistry");

    const patch = jsonBody({ title: "Química orgânica" });
    const renamed = await call(`/v1/notebooks/${created.id}`, {
      method: "PATCH",
      body: patch.body,
      headers: { ...patch.headers, ...auth },
    });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as Notebook).title).toBe("Química orgânica");

    expect((await call(`/v1/notebooks/${created.id}`, { method: "DELETE", headers: auth })).status).toBe(204);
    expect((await call(`/v1/notebooks/${created.id}`, { headers: auth })).status).toBe(404);
  });

  it("works with the session cookie as well as the bearer token", async () => {
    const alice = await signUp();
    const res = await call("/v1/notebooks", { headers: { cookie: alice.cookie } });
    expect(res.status).toBe(200);
  });

  it("paginates with an opaque cursor, newest first, without gaps or repeats", async () => {
    const auth = bearer(await signUp());
    const titles = ["one", "two", "three", "four", "five"];
    for (const title of titles) await createNotebook(auth, title);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const page = (await (await call(`/v1/notebooks${query}`, { headers: auth })).json()) as {
        items: Notebook[];
        nextCursor: string | null;
      };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((n) => n.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...titles].reverse());
  });

  it("rejects a forged cursor and invalid input with 422 problems naming the field", async () => {
    const auth = bearer(await signUp());
    const bad = await call("/v1/notebooks?cursor=not-a-cursor", { headers: auth });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("cursor");

    const req = jsonBody({ title: "   " });
    const empty = await call("/v1/notebooks", { method: "POST", body: req.body, headers: { ...req.headers, ...auth } });
    expect(empty.status).toBe(422);
    expect(empty.headers.get("content-type")).toBe("application/problem+json");
    expect(((await empty.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain("title");
  });

  it("hides another tenant's notebook exactly like a missing one, and ignores owner fields", async () => {
    const alice = await signUp();
    const bob = await signUp();
    const req = jsonBody({ title: "Alice's", ownerId: bob.userId, id: "nb_chosen_by_client" });
    const res = await call("/v1/notebooks", {
      method: "POST",
      body: req.body,
      headers: { ...req.headers, ...bearer(alice) },
    });
    const mine = (await res.json()) as Notebook;
    expect(mine.id).not.toBe("nb_chosen_by_client");

    const asBob = await call(`/v1/notebooks/${mine.id}`, { headers: bearer(bob) });
    const missing = await call("/v1/notebooks/nb_does_not_exist", { headers: bearer(bob) });
    expect(asBob.status).toBe(404);
    expect(missing.status).toBe(404);
    const patch = jsonBody({ title: "taken" });
    expect(
      (
        await call(`/v1/notebooks/${mine.id}`, {
          method: "PATCH",
          body: patch.body,
          headers: { ...patch.headers, ...bearer(bob) },
        })
      ).status,
    ).toBe(404);
    expect((await call(`/v1/notebooks/${mine.id}`, { method: "DELETE", headers: bearer(bob) })).status).toBe(404);
    const still = (await (await call(`/v1/notebooks/${mine.id}`, { headers: bearer(alice) })).json()) as Notebook;
    expect(still.title).toBe("Alice's");
  });

  it("refuses unauthenticated and garbage credentials with 401", async () => {
    expect((await call("/v1/notebooks")).status).toBe(401);
    expect((await call("/v1/notebooks", { headers: { authorization: "Bearer garbage" } })).status).toBe(401);
  });
});

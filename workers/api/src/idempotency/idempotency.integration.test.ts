import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bearer, call, signUp } from "../../test/helpers";
import { createKey, withKey, withXApiKey } from "../../test/tenants";
import { runCleanup } from "../platform/scheduled";

type Notebook = { id: string; title: string };

function post(path: string, body: unknown, headers: Record<string, string>) {
  return call(path, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  });
}

async function notebookTitles(headers: Record<string, string>) {
  const page = (await (await call("/v1/notebooks?limit=100", { headers })).json()) as { items: Notebook[] };
  return page.items.map((n) => n.title);
}

describe("Idempotency-Key", () => {
  it("replays the first response for the same key and body: one resource, same id", async () => {
    const alice = await signUp();
    const { key } = await createKey(alice, ["read", "write"]);
    const headers = withKey(key, { "idempotency-key": "create-biology-1" });

    const first = await post("/v1/notebooks", { title: "Biology" }, headers);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const created = (await first.json()) as Notebook;

    const again = await post("/v1/notebooks", { title: "Biology" }, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await again.json()).toEqual(created);

    // The key may be sent either way; the idempotency scope is the API key, not the header.
    const viaHeader = await post(
      "/v1/notebooks",
      { title: "Biology" },
      withXApiKey(key, { "idempotency-key": "create-biology-1" }),
    );
    expect(((await viaHeader.json()) as Notebook).id).toBe(created.id);
    expect(await notebookTitles(bearer(alice))).toEqual(["Biology"]);
  });

  it("answers 422 for the same key with another body, and changes nothing", async () => {
    const alice = await signUp();
    const { key } = await createKey(alice, ["read", "write"]);
    const headers = withKey(key, { "idempotency-key": "k-1" });
    expect((await post("/v1/notebooks", { title: "Physics" }, headers)).status).toBe(201);
    const other = await post("/v1/notebooks", { title: "Chemistry" }, headers);
    expect(other.status).toBe(422);
    expect(other.headers.get("content-type")).toBe("application/problem+json");
    expect(((await other.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("Idempotency-Key");
    expect(await notebookTitles(bearer(alice))).toEqual(["Physics"]);
  });

  it("replays errors too (a 422 stays a 422), keys are per API key, and session callers are unaffected", async () => {
    const alice = await signUp();
    const one = await createKey(alice, ["read", "write"]);
    const two = await createKey(alice, ["read", "write"]);
    const invalid = await post("/v1/notebooks", { title: "" }, withKey(one.key, { "idempotency-key": "same" }));
    expect(invalid.status).toBe(422);
    const replayed = await post("/v1/notebooks", { title: "" }, withKey(one.key, { "idempotency-key": "same" }));
    expect(replayed.status).toBe(422);
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");

    // Another API key has its own key space.
    expect(
      (await post("/v1/notebooks", { title: "Maths" }, withKey(two.key, { "idempotency-key": "same" }))).status,
    ).toBe(201);
    // A session caller's Idempotency-Key is not used (the web app does not send one).
    const session = bearer(alice, { "idempotency-key": "same" });
    expect((await post("/v1/notebooks", { title: "History" }, session)).status).toBe(201);
    expect((await post("/v1/notebooks", { title: "History" }, session)).status).toBe(201);
    expect((await notebookTitles(bearer(alice))).sort()).toEqual(["History", "History", "Maths"]);
  });

  it("refuses a malformed key and answers 409 while the first request is still running", async () => {
    const alice = await signUp();
    const { key, id } = await createKey(alice, ["read", "write"]);
    const bad = await post("/v1/notebooks", { title: "x" }, withKey(key, { "idempotency-key": "x".repeat(256) }));
    expect(bad.status).toBe(422);

    // What an in-flight first request leaves behind: the claim without a response.
    const { hashRequest } = await import("./idempotency");
    const body = JSON.stringify({ title: "Geology" });
    const requestHash = await hashRequest(
      new Request("http://api.test/v1/notebooks", {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      }),
    );
    await env.DB.prepare("INSERT INTO idempotency_key (api_key_id, key, request_hash, created_at) VALUES (?, ?, ?, ?)")
      .bind(id, "in-flight", requestHash, Date.now())
      .run();
    const concurrent = await post(
      "/v1/notebooks",
      { title: "Geology" },
      withKey(key, { "idempotency-key": "in-flight" }),
    );
    expect(concurrent.status).toBe(409);
    expect(await notebookTitles(bearer(alice))).toEqual([]);
  });

  it("keeps keys 24 hours: the hourly cleanup removes older ones, and an expired key runs again", async () => {
    const alice = await signUp();
    const { key, id } = await createKey(alice, ["read", "write"]);
    const headers = withKey(key, { "idempotency-key": "daily" });
    const first = (await (await post("/v1/notebooks", { title: "Art" }, headers)).json()) as Notebook;

    // Not yet a day old: kept by the cleanup.
    await runCleanup(env, Date.now() + 23 * 3600_000);
    const stillKept = await env.DB.prepare("SELECT count(*) AS n FROM idempotency_key WHERE api_key_id = ?")
      .bind(id)
      .first<{ n: number }>();
    expect(stillKept?.n).toBe(1);

    // Older than a day: a request with the key is new again (even before the cleanup runs).
    await env.DB.prepare("UPDATE idempotency_key SET created_at = ? WHERE api_key_id = ?")
      .bind(Date.now() - 25 * 3600_000, id)
      .run();
    const second = (await (await post("/v1/notebooks", { title: "Art" }, headers)).json()) as Notebook;
    expect(second.id).not.toBe(first.id);

    await env.DB.prepare("UPDATE idempotency_key SET created_at = ? WHERE api_key_id = ?")
      .bind(Date.now() - 25 * 3600_000, id)
      .run();
    const removed = await runCleanup(env);
    expect(removed.idempotencyKeys).toBeGreaterThanOrEqual(1);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM idempotency_key WHERE api_key_id = ?")
      .bind(id)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bearer, call, createNotebook, signUp } from "../../test/helpers";
import { sessionStart, withD1Session } from "./d1-session";

const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

describe("D1 sessions (read replicas)", () => {
  it("starts reads anywhere, writes at the primary, and a valid client bookmark wins", () => {
    const at = (method: string, bookmark?: string) =>
      sessionStart(new Request("https://x/v1", { method, headers: bookmark ? { "x-d1-bookmark": bookmark } : {} }));
    expect(at("GET")).toBe("first-unconstrained");
    expect(at("HEAD")).toBe("first-unconstrained");
    expect(at("POST")).toBe("first-primary");
    expect(at("DELETE")).toBe("first-primary");
    const mark = "00000000-00000017-00000000-00000000000000000000000000000000";
    expect(at("GET", mark)).toBe(mark);
    // Anything else is ignored, never an error.
    expect(at("POST", "first-unconstrained")).toBe("first-primary");
    expect(at("GET", "garbage'; DROP")).toBe("first-unconstrained");
  });

  it("every API response carries its session's bookmark; sending it back reads the write", async () => {
    const auth = bearer(await signUp());
    const created = await call("/v1/notebooks", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ title: "Read your writes" }),
    });
    expect(created.status).toBe(201);
    const bookmark = created.headers.get("x-d1-bookmark") ?? "";
    expect(bookmark).toMatch(BOOKMARK);
    const { id } = (await created.json()) as { id: string };
    const read = await call(`/v1/notebooks/${id}`, { headers: { ...auth, "x-d1-bookmark": bookmark } });
    expect(read.status).toBe(200);
    expect(read.headers.get("x-d1-bookmark")).toMatch(BOOKMARK);
    expect(await createNotebook(auth)).toMatch(/^nb_/);
  });

  it("runs the handler on a session of env.DB, not on the binding itself", async () => {
    let seen: D1Database | undefined;
    const fetch = withD1Session(async (_request, e) => {
      seen = e.DB;
      await e.DB.prepare("SELECT 1").first();
      return new Response("ok");
    });
    const response = await fetch(new Request("https://x/v1/ping"), env, {} as ExecutionContext);
    expect(seen).not.toBe(env.DB);
    expect(typeof (seen as unknown as { getBookmark?: unknown }).getBookmark).toBe("function");
    expect(response.headers.get("x-d1-bookmark")).toMatch(BOOKMARK);
  });
});

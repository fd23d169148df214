// A session getSession refreshes (updateAge elapsed) renews the client's cookie too, not only the D1 row
// (auth/session-refresh.ts); a session not due for it gets no Set-Cookie.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bearer, call, signUp, type TestUser } from "../../test/helpers";
import { createNotebookAs } from "../../test/tenants";
import { getAuth } from "./auth";

const sessionRow = (userId: string) =>
  env.DB.prepare("SELECT expires_at AS expiresAt, updated_at AS updatedAt FROM session WHERE user_id = ?")
    .bind(userId)
    .first<{ expiresAt: number; updatedAt: number }>();

/** The session as better-auth leaves it `age` seconds after its last refresh (expiresAt - expiresIn = then). */
async function lastRefreshed(user: TestUser, age: number) {
  const { expiresIn } = (await getAuth(env).$context).sessionConfig;
  const then = Date.now() - age * 1000;
  await env.DB.prepare("UPDATE session SET expires_at = ?, updated_at = ? WHERE user_id = ?")
    .bind(then + expiresIn * 1000, then, user.userId)
    .run();
}

/** The session-token cookie of a response, with its attributes. */
function sessionCookie(res: Response, user: TestUser) {
  const name = user.cookie.slice(0, user.cookie.indexOf("="));
  const header = res.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
  if (!header) return undefined;
  const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
  const attribute = (key: string) =>
    attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1) ??
    (attributes.some((a) => a.toLowerCase() === key) ? "" : undefined);
  return {
    pair,
    maxAge: Number(attribute("max-age")),
    httpOnly: attribute("httponly") === "",
    path: attribute("path"),
  };
}

/** The session's row expired a minute ago. */
const expireNow = (user: TestUser) =>
  env.DB.prepare("UPDATE session SET expires_at = ? WHERE user_id = ?")
    .bind(Date.now() - 60_000, user.userId)
    .run();

async function ownerWithNotebook() {
  const owner = await signUp();
  const { id } = await createNotebookAs(bearer(owner), "Refresh");
  return { owner, id };
}

const ways = [
  ["cookie", (user: TestUser) => ({ cookie: user.cookie })],
  ["bearer", (user: TestUser) => bearer(user)],
] as const;

describe("a session's refresh reaches the client", () => {
  for (const [how, credential] of ways) {
    // GET /v1/notebooks asks getSession itself; /v1/notebooks/{id} batches the session (session-with.ts), and a
    // missing notebook answers a problem: each carries the renewed cookie.
    for (const path of ["/v1/notebooks", "/v1/notebooks/{id}", "/v1/notebooks/nb_missing"]) {
      it(`${how}, ${path}: due for its refresh, the response renews the cookie to the row's new expiry`, async () => {
        const { owner, id } = await ownerWithNotebook();
        const { expiresIn, updateAge } = (await getAuth(env).$context).sessionConfig;
        await lastRefreshed(owner, updateAge + 60);
        const before = Date.now();
        const res = await call(path.replace("{id}", id), { headers: credential(owner) });
        const after = Date.now();
        expect(res.status).toBe(path.endsWith("nb_missing") ? 404 : 200);

        const row = await sessionRow(owner.userId);
        expect(row?.expiresAt).toBeGreaterThanOrEqual(before + expiresIn * 1000);
        expect(row?.expiresAt).toBeLessThanOrEqual(after + expiresIn * 1000);
        expect(row?.updatedAt).toBeGreaterThanOrEqual(before);

        const cookie = sessionCookie(res, owner);
        expect(cookie, res.headers.getSetCookie().join("\n")).toBeDefined();
        // The same session token, now for expiresIn seconds from the refresh: what the row says.
        expect(cookie?.pair).toBe(owner.cookie);
        expect(cookie?.maxAge).toBe(expiresIn);
        expect(Math.abs(before + expiresIn * 1000 - (row?.expiresAt ?? 0))).toBeLessThanOrEqual(after - before + 1000);
        expect(cookie?.httpOnly).toBe(true);
        expect(cookie?.path).toBe("/");
        // A bearer client is told its token (unchanged) is current, as better-auth's own endpoints do.
        expect(res.headers.get("set-auth-token")).toBe(how === "bearer" ? owner.token : null);

        // Refreshed: the next request is not due, and neither writes nor sets a cookie.
        const again = await call(path.replace("{id}", id), { headers: credential(owner) });
        expect(again.status).toBe(res.status);
        expect(again.headers.getSetCookie()).toEqual([]);
        expect((await sessionRow(owner.userId))?.expiresAt).toBe(row?.expiresAt);
      });
    }

    it(`${how}: a session not due for its refresh gets no Set-Cookie, on success or a problem`, async () => {
      const { owner, id } = await ownerWithNotebook();
      const { updateAge } = (await getAuth(env).$context).sessionConfig;
      await lastRefreshed(owner, updateAge - 60);
      const unchanged = await sessionRow(owner.userId);
      for (const path of ["/v1/notebooks", `/v1/notebooks/${id}`, "/v1/notebooks/nb_missing"]) {
        const res = await call(path, { headers: credential(owner) });
        expect(res.status, path).toBe(path.endsWith("nb_missing") ? 404 : 200);
        expect(res.headers.getSetCookie(), path).toEqual([]);
        expect(res.headers.get("set-auth-token"), path).toBeNull();
      }
      expect(await sessionRow(owner.userId)).toEqual(unchanged);
    });
  }

  // getSession deletes the cookie of a session that is expired or no longer exists (signed out elsewhere, revoked);
  // the deletion reaches the browser, which then stops sending a dead cookie. Both the route that asks getSession
  // (/v1/notebooks) and the batched read (/v1/notebooks/{id}, session-with.ts) answer so.
  const gone = [
    ["expired", expireNow],
    [
      "signed out elsewhere",
      (owner: TestUser) => env.DB.prepare("DELETE FROM session WHERE user_id = ?").bind(owner.userId).run(),
    ],
  ] as const;
  for (const [what, end] of gone) {
    for (const [how, credential] of ways) {
      it(`${how}, a session ${what}: a 401 that deletes a session cookie`, async () => {
        for (const path of ["/v1/notebooks", "/v1/notebooks/{id}"]) {
          const { owner, id } = await ownerWithNotebook();
          await end(owner);
          const res = await call(path.replace("{id}", id), { headers: credential(owner) });
          expect(res.status, path).toBe(401);
          expect(res.headers.get("content-type"), path).toContain("application/problem+json");
          if (how === "cookie") {
            const cookie = sessionCookie(res, owner);
            expect(cookie, `${path}: ${res.headers.getSetCookie().join("\n")}`).toBeDefined();
            expect(cookie?.pair, path).toMatch(/=$/);
            expect(cookie?.maxAge, path).toBe(0);
          } else {
            // A bearer caller has no cookie to lose.
            expect(res.headers.getSetCookie(), path).toEqual([]);
          }
          expect(res.headers.get("set-auth-token"), path).toBeNull();
          expect(await sessionRow(owner.userId), path).toBeNull();
        }
      });
    }
  }

  it("no credential, or a cookie whose signature is wrong: a 401 that sets no cookie", async () => {
    const { owner, id } = await ownerWithNotebook();
    // The same token with another signature: the signature's first character changed.
    const [name = "", value = ""] = owner.cookie.split(/=(.*)/s);
    const signed = decodeURIComponent(value);
    const dot = signed.lastIndexOf(".");
    const other = signed[dot + 1] === "A" ? "B" : "A";
    const forged = `${name}=${encodeURIComponent(`${signed.slice(0, dot + 1)}${other}${signed.slice(dot + 2)}`)}`;
    expect(forged).not.toBe(owner.cookie);
    for (const headers of [{}, { cookie: forged }] as Record<string, string>[]) {
      for (const path of ["/v1/notebooks", `/v1/notebooks/${id}`]) {
        const res = await call(path, { headers });
        expect(res.status, path).toBe(401);
        expect(res.headers.getSetCookie(), path).toEqual([]);
      }
    }
    expect(await sessionRow(owner.userId)).not.toBeNull();
  });

  it("a session gone while it is refreshed (signed out in another tab) is a 401, not a 500", async () => {
    const { owner } = await ownerWithNotebook();
    const { updateAge } = (await getAuth(env).$context).sessionConfig;
    await lastRefreshed(owner, updateAge + 60);
    // The refresh's UPDATE finds no row, as when the session is deleted between getSession's read and its write:
    // better-auth then throws its own 401 APIError.
    await env.DB.prepare("CREATE TRIGGER session_gone BEFORE UPDATE ON session BEGIN SELECT RAISE(IGNORE); END").run();
    try {
      const res = await call("/v1/notebooks", { headers: { cookie: owner.cookie } });
      expect(res.status, await res.clone().text()).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    } finally {
      await env.DB.prepare("DROP TRIGGER session_gone").run();
    }
  });
});

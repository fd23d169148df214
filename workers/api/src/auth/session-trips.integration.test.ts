// Issue 20 item 5 for sessions: a session (cookie or bearer session token) and the notebook it reads in one D1
// round trip (auth/session-with.ts), with better-auth's getSession behaviour kept: checked here side by side.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { countedRequest } from "../../test/counting-env";
import { bearer, call, signUp, type TestUser } from "../../test/helpers";
import { createNotebookAs } from "../../test/tenants";
import { getAuth } from "./auth";

const get = (path: string, headers: Record<string, string>) => countedRequest(path, { headers });

async function ownerWithNotebook() {
  const owner = await signUp();
  const { id } = await createNotebookAs(bearer(owner), "Trips");
  return { owner, id };
}

const sessionRow = (userId: string) =>
  env.DB.prepare("SELECT token, expires_at AS expiresAt FROM session WHERE user_id = ?")
    .bind(userId)
    .first<{ token: string; expiresAt: number }>();

/** `value` with one character of its signature (the part after the last `.`) changed. */
function tampered(value: string): string {
  const decoded = decodeURIComponent(value);
  const at = decoded.lastIndexOf(".") + 5;
  const swapped = decoded[at] === "A" ? "B" : "A";
  return encodeURIComponent(decoded.slice(0, at) + swapped + decoded.slice(at + 1));
}

const cookieName = (user: TestUser) => user.cookie.slice(0, user.cookie.indexOf("="));
const cookieValue = (user: TestUser) => user.cookie.slice(user.cookie.indexOf("=") + 1);

describe("notebook-scoped reads with a session: the session and the notebook in one D1 round trip", () => {
  it("GET /v1/notebooks/{id} with a bearer session token or the cookie: one round trip, a batch of 2", async () => {
    const { owner, id } = await ownerWithNotebook();
    for (const [how, headers] of [
      ["bearer", bearer(owner)],
      ["cookie", { cookie: owner.cookie }],
    ] as const) {
      const { status, body, onPath, after } = await get(`/v1/notebooks/${id}`, headers);
      expect(status, how).toBe(200);
      expect(body.id).toBe(id);
      expect(onPath, `${how}: ${onPath.join("\n")}`).toEqual(["D1 batch of 2"]);
      expect(after, how).toEqual([]);
    }
  });

  it("answers every form of credential as getSession does (GET /v1/notebooks, which asks it, side by side)", async () => {
    const { owner: a, id } = await ownerWithNotebook();
    const { owner: b } = await ownerWithNotebook();
    const { token } = (await sessionRow(a.userId)) ?? { token: "" };
    const signed = decodeURIComponent(a.token);
    const name = cookieName(a);
    const variants: Record<string, Record<string, string>> = {
      "bearer as issued": bearer(a),
      "bearer, URL-decoded": { authorization: `Bearer ${signed}` },
      "bearer, the raw token": { authorization: `Bearer ${token}` },
      "bearer, lower case and spaces": { authorization: `bearer    ${a.token}  ` },
      BEARER: { authorization: `BEARER ${a.token}` },
      "bearer, tab": { authorization: `Bearer\t${a.token}` },
      "bearer, tampered signature": { authorization: `Bearer ${tampered(a.token)}` },
      "bearer, another token's signature": {
        authorization: `Bearer ${token}.${decodeURIComponent(b.token).split(".")[1]}`,
      },
      "bearer, a dot more": { authorization: `Bearer ${signed}.x` },
      "bearer, raw token changed": { authorization: `Bearer ${token.slice(0, -1)}${token.endsWith("a") ? "b" : "a"}` },
      "bearer, raw token with a %": { authorization: `Bearer ${token}%41` },
      "bearer, empty": { authorization: "Bearer " },
      "basic, with a's cookie": { authorization: "Basic eDp5", cookie: a.cookie },
      "invalid bearer, a's cookie": { authorization: `Bearer ${tampered(a.token)}`, cookie: a.cookie },
      "a's bearer, b's cookie": { ...bearer(a), cookie: b.cookie },
      "b's bearer, a's cookie": { ...bearer(b), cookie: a.cookie },
      "cookie as issued": { cookie: a.cookie },
      "cookie, URL-decoded": { cookie: `${name}=${decodeURIComponent(cookieValue(a))}` },
      "cookie, quoted": { cookie: `${name}="${cookieValue(a)}"` },
      "cookie, among others": { cookie: `theme=dark; ${a.cookie}; lang=pt` },
      "cookie, a's then b's": { cookie: `${a.cookie}; ${b.cookie}` },
      "cookie, b's then a's": { cookie: `${b.cookie}; ${a.cookie}` },
      "cookie, tampered then a's": { cookie: `${name}=${tampered(cookieValue(a))}; ${a.cookie}` },
      "cookie, tampered": { cookie: `${name}=${tampered(cookieValue(a))}` },
      "cookie, the raw token": { cookie: `${name}=${token}` },
      "cookie, secure name": { cookie: `__Secure-${a.cookie}` },
      "cookie, no space": { cookie: `x=1;${a.cookie}` },
      nothing: {},
    };
    const unknown = await get(`/v1/notebooks/${id}`, { authorization: `Bearer ${"x".repeat(32)}` });
    expect(unknown.status).toBe(401);
    const seen = new Set<number>();
    const answers: string[] = [];
    for (const [what, headers] of Object.entries(variants)) {
      const list = await get("/v1/notebooks", headers);
      const one = await get(`/v1/notebooks/${id}`, headers);
      const own = list.status === 200 && (list.body.items as { id: string }[]).some((n) => n.id === id);
      seen.add(list.status === 200 ? (own ? 200 : 404) : list.status);
      expect(one.status, what).toBe(list.status === 200 ? (own ? 200 : 404) : list.status);
      if (one.status === 401) expect(one.body, what).toEqual(unknown.body);
      if (one.status === 200) expect(one.onPath, what).toEqual(["D1 batch of 2"]);
      answers.push(`${what}: ${one.status} (${one.onPath.length} trips; getSession's list ${list.status})`);
    }
    console.log(answers.join("\n"));
    expect([...seen].sort()).toEqual([200, 401, 404]);
  });

  it("a signed-out (or revoked) session is the same 401: one round trip for a bearer, getSession's read after it for a cookie (which it deletes)", async () => {
    const { owner, id } = await ownerWithNotebook();
    const unknown = await get(`/v1/notebooks/${id}`, { authorization: `Bearer ${"x".repeat(32)}` });
    expect((await call("/v1/auth/sign-out", { method: "POST", headers: bearer(owner) })).status).toBe(200);
    for (const [headers, trips] of [
      [bearer(owner), ["D1 batch of 2"]],
      [{ cookie: owner.cookie }, ["D1 batch of 2", "D1 select … from session … where token"]],
    ] as const) {
      const { status, type, body, onPath } = await get(`/v1/notebooks/${id}`, headers);
      expect(status).toBe(401);
      expect(type).toBe("application/problem+json");
      expect(body).toEqual(unknown.body);
      // getSession's findSession, the session row by its token (with its user).
      const read = onPath.map((trip) =>
        /^D1 select .* from "session" "session" where "session"\."token" = \?/.test(trip)
          ? "D1 select … from session … where token"
          : trip,
      );
      expect(read).toEqual(trips);
    }
  });

  it("a tampered cookie or bearer signature is the same 401 and reads nothing", async () => {
    const { owner, id } = await ownerWithNotebook();
    const unknown = await get(`/v1/notebooks/${id}`, { authorization: `Bearer ${"x".repeat(32)}` });
    const forged: Record<string, string>[] = [
      { cookie: `${cookieName(owner)}=${tampered(cookieValue(owner))}` },
      { authorization: `Bearer ${tampered(owner.token)}` },
    ];
    for (const headers of forged) {
      const { status, body, onPath } = await get(`/v1/notebooks/${id}`, headers);
      expect(status).toBe(401);
      expect(body).toEqual(unknown.body);
      expect(onPath).toEqual([]);
    }
    expect((await get(`/v1/notebooks/${id}`, bearer(owner))).status).toBe(200);
  });

  it("an expired session is the same 401, and getSession deletes it as before", async () => {
    const { owner, id } = await ownerWithNotebook();
    const unknown = await get(`/v1/notebooks/${id}`, { authorization: `Bearer ${"x".repeat(32)}` });
    await env.DB.prepare("UPDATE session SET expires_at = ? WHERE user_id = ?")
      .bind(Date.now() - 1000, owner.userId)
      .run();
    const { status, body, onPath } = await get(`/v1/notebooks/${id}`, bearer(owner));
    console.log(`expired: ${onPath.map((t) => t.slice(0, 40)).join(" → ")}`);
    expect(status).toBe(401);
    expect(body).toEqual(unknown.body);
    expect(onPath[0]).toBe("D1 batch of 2");
    expect(await sessionRow(owner.userId)).toBeNull();
  });

  it("another user's notebook is the 404 of a missing one, in the same one round trip", async () => {
    const { id } = await ownerWithNotebook();
    const { owner: other, id: theirs } = await ownerWithNotebook();
    const missing = await get(`/v1/notebooks/nb_missing`, bearer(other));
    for (const headers of [bearer(other), { cookie: other.cookie }]) {
      const foreign = await get(`/v1/notebooks/${id}`, headers);
      expect(foreign.status).toBe(404);
      expect(foreign.type).toBe("application/problem+json");
      expect(JSON.stringify(foreign.body)).toBe(JSON.stringify(missing.body).replaceAll("nb_missing", id));
      expect(foreign.onPath).toEqual(["D1 batch of 2"]);
    }
    expect((await get(`/v1/notebooks/${theirs}`, bearer(other))).status).toBe(200);
  });

  it("a session due for its refresh (updateAge elapsed) is refreshed by getSession, and the batched row is used", async () => {
    const { owner, id } = await ownerWithNotebook();
    const { expiresIn, updateAge } = (await getAuth(env).$context).sessionConfig;
    // Last refreshed updateAge + a minute ago: getSession's own rule says it is due.
    const stale = Date.now() + (expiresIn - updateAge - 60) * 1000;
    for (const headers of [bearer(owner), { cookie: owner.cookie }]) {
      await env.DB.prepare("UPDATE session SET expires_at = ? WHERE user_id = ?").bind(stale, owner.userId).run();
      const { status, body, onPath } = await get(`/v1/notebooks/${id}`, headers);
      console.log(`due for refresh: ${onPath.map((t) => t.slice(0, 40)).join(" → ")}`);
      expect(status).toBe(200);
      expect(body.id).toBe(id);
      expect(onPath[0]).toBe("D1 batch of 2");
      expect(
        onPath.some((t) => /^D1 update "session" set "expires_at"/.test(t)),
        onPath.join("\n"),
      ).toBe(true);
      expect(onPath.filter((t) => /notebook/.test(t) && !t.startsWith("D1 batch"))).toEqual([]);
      const refreshed = (await sessionRow(owner.userId))?.expiresAt ?? 0;
      expect(refreshed).toBeGreaterThan(Date.now() + (expiresIn - 60) * 1000);
      // Fresh again: one round trip, nothing written.
      const again = await get(`/v1/notebooks/${id}`, headers);
      expect(again.onPath).toEqual(["D1 batch of 2"]);
      expect((await sessionRow(owner.userId))?.expiresAt).toBe(refreshed);
    }
  });
});

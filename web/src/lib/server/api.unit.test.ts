import { describe, expect, it } from "vitest";
import { createApi } from "./api";
import { loadSessionUser } from "./auth";
import { getNotebook } from "./notebooks";

const COOKIE = "better-auth.session_token";
const renewed = `${COOKIE}=tok.sig%3D; Max-Age=2592000; Path=/; HttpOnly; SameSite=Lax`;
const at = "2026-01-01T00:00:00.000Z";
const notebook = { id: "nb_1", title: "T", description: "", embeddingModel: null, createdAt: at, updatedAt: at };

type SetCall = { name: string; value: string; options: Record<string, unknown> };

/** A server-side event whose API binding answers `answer(path)`, recording the cookies the page response sets. */
function eventWith(answer: (path: string) => Response, { afterResponse = false } = {}) {
  const calls: SetCall[] = [];
  const seen: Request[] = [];
  const jar = new Map([[COOKIE, "tok.sig%3D"]]);
  const event = {
    platform: {
      env: {
        API: {
          fetch: async (request: Request) => {
            seen.push(request);
            return answer(new URL(request.url).pathname);
          },
        },
      },
    },
    request: new Request("http://web.test/notebooks/nb_1"),
    url: new URL("http://web.test/notebooks/nb_1"),
    locals: { requestId: "req-1" },
    cookies: {
      get: (name: string) => jar.get(name),
      set: (name: string, value: string, options: Record<string, unknown>) => {
        if (afterResponse) throw new Error("Cannot use `cookies.set(...)` after the response has been generated");
        calls.push({ name, value, options });
      },
      delete: (name: string) => calls.push({ name, value: "", options: { deleted: true } }),
    },
    getClientAddress: () => "203.0.113.1",
  };
  return { event: event as never, calls, seen };
}

const json = (body: unknown, cookies: string[] = []) =>
  new Response(JSON.stringify(body), {
    headers: [["content-type", "application/json"], ...cookies.map((c): [string, string] => ["set-cookie", c])],
  });

describe("a session the API refreshed during a server-side load or action", () => {
  it("the renewed cookie of an API answer reaches the page's response", async () => {
    const { event, calls, seen } = eventWith(() => json(notebook, [renewed, "tracker=1; Path=/"]));
    expect((await getNotebook(event, "nb_1")).id).toBe("nb_1");
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer tok.sig%3D");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ name: COOKIE, value: "tok.sig%3D" });
    expect(calls[0]?.options).toMatchObject({ maxAge: 2592000, httpOnly: true, path: "/", sameSite: "lax" });
  });

  it("an answer without Set-Cookie sets nothing", async () => {
    const { event, calls } = eventWith(() => json(notebook));
    await getNotebook(event, "nb_1");
    expect(calls).toEqual([]);
  });

  it("the session lookup forwards get-session's renewed cookie once", async () => {
    const user = { id: "u1", email: "a@b.c", name: "Ana" };
    const { event, calls } = eventWith(() => json({ session: {}, user }, [renewed]));
    expect(await loadSessionUser(event)).toEqual(user);
    expect(calls.filter((c) => c.name === COOKIE)).toHaveLength(1);
  });

  it("an anonymous call (sign-in, sign-up) leaves its cookies to its caller", async () => {
    const { event, calls } = eventWith(() => json({}, [renewed]));
    await createApi(event, { as: "none" }).GET("/health");
    expect(calls).toEqual([]);
  });

  it("once the page's response has gone, the call still answers (the refresh reaches the browser later)", async () => {
    const { event } = eventWith(() => json(notebook, [renewed]), { afterResponse: true });
    expect((await getNotebook(event, "nb_1")).id).toBe("nb_1");
  });
});

import { describe, expect, it } from "vitest";
import { proxyToApi } from "./proxy";

const renewed = "better-auth.session_token=tok.sig%3D; Max-Age=2592000; Path=/; HttpOnly; SameSite=Lax";

/** The proxy answering `headers`' request with `upstream`. */
function proxied(headers: Record<string, string>, upstream: () => Response) {
  const url = new URL("http://web.test/api/v1/auth/get-session");
  const event = {
    request: new Request(url, { headers }),
    url,
    locals: { requestId: "req-1" },
    cookies: { get: () => undefined },
    platform: { env: { API: { fetch: async () => upstream() } } },
  };
  return proxyToApi(event as never);
}

const refreshed = () =>
  new Response("{}", {
    headers: [
      ["set-cookie", renewed],
      ["set-auth-token", "tok.sig%3D"],
    ],
  });

describe("the /api proxy and a refreshed session", () => {
  it("passes the renewed cookie through to a cookie caller, without the token header", async () => {
    const res = await proxied({ cookie: "better-auth.session_token=tok.sig%3D" }, refreshed);
    expect(res.headers.getSetCookie()).toEqual([renewed]);
    expect(res.headers.get("set-auth-token")).toBeNull();
    expect(await res.text()).toBe("{}");
  });

  it("keeps set-auth-token for a bearer caller", async () => {
    const res = await proxied({ authorization: "Bearer tok.sig%3D" }, refreshed);
    expect(res.headers.get("set-auth-token")).toBe("tok.sig%3D");
    expect(res.headers.getSetCookie()).toEqual([renewed]);
  });

  it("keeps set-auth-token for a caller that is no browser (a partner's server signing up through /api)", async () => {
    // Node's fetch sends Sec-Fetch-Mode too: only cookies say a browser's session is the caller.
    const res = await proxied({ "content-type": "application/json", "sec-fetch-mode": "cors" }, refreshed);
    expect(res.headers.get("set-auth-token")).toBe("tok.sig%3D");
  });

  it("returns an answer without either header as it is", async () => {
    const upstream = new Response("{}");
    expect(await proxied({}, () => upstream)).toBe(upstream);
  });
});

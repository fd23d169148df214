/**
 * Same-origin proxy: /api/* → the api Worker over the service binding, with the /api prefix stripped
 * (/api/v1/notebooks → /v1/notebooks). Runs from the `handle` hook, before SvelteKit routing, and
 * returns the upstream Response as it is (plus the D1 bookmark cookie, ./d1-bookmark.ts; less a cookie caller's
 * `set-auth-token`), so status, headers (Set-Cookie included: a refreshed session's renewed cookie)
 * and streaming bodies (SSE answers, file downloads) pass through; uploads stream the other way.
 */
import type { RequestEvent } from "@sveltejs/kit";
import { API_ORIGIN, apiBinding } from "./api";
import { BOOKMARK_HEADER, bookmarkCookie, bookmarkFrom } from "./d1-bookmark";
import { describeError, logLine } from "./log";
import { problemResponse } from "./problem";

export const API_PREFIX = "/api";

export function isApiPath(pathname: string): boolean {
  return pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`);
}

export async function proxyToApi(event: RequestEvent): Promise<Response> {
  const { request, url, locals } = event;
  const api = apiBinding(event.platform);
  if (!api) {
    return problemResponse({
      status: 503,
      type: "api-unavailable",
      title: "API unavailable",
      detail: "The web app is not connected to the studyAI API (missing API service binding).",
      requestId: locals.requestId,
    });
  }

  const target = new URL(url.pathname.slice(API_PREFIX.length) || "/", API_ORIGIN);
  target.search = url.search;

  const headers = new Headers(request.headers);
  headers.set("x-request-id", locals.requestId);
  const bookmark = bookmarkFrom(event.cookies);
  if (bookmark) headers.set(BOOKMARK_HEADER, bookmark);

  // `duplex: "half"` is required by undici (vite dev) for streamed request bodies; workerd ignores it.
  const init: RequestInit & { duplex?: "half" } = { method: request.method, headers, redirect: "manual" };
  if (request.body) {
    init.body = request.body;
    init.duplex = "half";
  }

  try {
    const upstream = await api.fetch(target, init);
    // The D1 bookmark is kept for the next request (./d1-bookmark.ts): same body and headers, one cookie more.
    const cookie = bookmarkCookie(upstream, url.protocol === "https:");
    // better-auth's bearer plugin puts the session token in `set-auth-token` beside every session cookie it sets
    // (a refresh by /v1/auth/get-session, a sign-in): for a caller that sent cookies (a browser) that would hand
    // the HttpOnly cookie's token to the page's JavaScript, so it is left off there. A partner's server (no
    // cookies) signing up or in through /api gets it: that is how it gets a token.
    const tokenShown =
      upstream.headers.has("set-auth-token") && request.headers.has("cookie") && !request.headers.has("authorization");
    if (!cookie && !tokenShown) return upstream;
    const response = new Response(upstream.body, upstream);
    if (cookie) response.headers.append("set-cookie", cookie);
    if (tokenShown) response.headers.delete("set-auth-token");
    return response;
  } catch (error) {
    logLine("error", "api proxy failed", {
      requestId: locals.requestId,
      method: request.method,
      path: target.pathname,
      error: describeError(error),
    });
    return problemResponse({
      status: 502,
      type: "api-unreachable",
      title: "API unreachable",
      detail: "The studyAI API did not answer. Please try again in a moment.",
      requestId: locals.requestId,
    });
  }
}

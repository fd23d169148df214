/**
 * The web app's typed client for the api Worker, used by load functions and form actions. Requests go over
 * the `API` service binding, which ignores the host: they use a fixed internal origin and only path + query
 * matter.
 *
 * The client is openapi-fetch over `paths` from $lib/api-types, which openapi-typescript generates from the
 * API's own OpenAPI 3.1 document (`npm run api:types`; `npm test` fails when schemas/openapi.json or the
 * types fall behind the routes). So paths, path/query parameters, request bodies and response bodies are
 * checked at compile time against the published contract, and bodies are still parsed at run time with the
 * shared zod DTOs in schemas/ where they exist.
 *
 * Why not `hc<AppType>` (Hono RPC)? Its types come from type-checking the api Worker's source inside the
 * web app's TypeScript program, where the global `Env` is the web Worker's (API, ASSETS) and not the api
 * Worker's (DB, FILES, …): every api handler that reads `c.env` fails to type-check there (svelte-check
 * reported 15 errors from workers/api/src when we tried). The generated types depend on the document only.
 *
 * The browser's calls use the same generated types ($lib/client/api.ts, through /api/*). Not typed API
 * calls, on purpose: the /api/* proxy (./proxy.ts) passes requests through untouched — it is a pass-through,
 * not an API call of its own — and in the browser the multipart upload (XHR, for progress), the SSE answer
 * stream (the AI SDK's transport) and the PDF bytes for pdf.js keep their own transports.
 */
import type { RequestEvent } from "@sveltejs/kit";
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "$lib/api-types";
import { BOOKMARK_COOKIE, BOOKMARK_HEADER, bookmarkFrom, isBookmark, MAX_AGE_SECONDS } from "./d1-bookmark";
import { logFailure } from "./log";
import { forwardAuthCookies, sessionToken } from "./session";

export { ApiError, expectData, type FieldError, noBody, type ProblemInfo, problemOf } from "$lib/api-call";

export const API_ORIGIN = "https://api.internal";

/** What a server-side caller needs from the incoming request. */
export type ApiEvent = Pick<RequestEvent, "platform" | "request" | "locals" | "cookies">;

/** The `API` binding is absent (misconfigured wrangler.toml, or `vite dev` without the api Worker running). */
export class ApiUnavailableError extends Error {
  override name = "ApiUnavailableError";
}

/** The service binding, or undefined when this Worker was deployed without it. */
export function apiBinding(platform: App.Platform | undefined): Fetcher | undefined {
  return platform?.env?.API;
}

/** The typed API client (openapi-fetch over the generated `paths`). */
export type Api = Client<paths>;

export type ApiOptions = {
  /** `session` (default): act as the signed-in user; `none`: anonymous (sign-in, sign-up, health). */
  as?: "session" | "none";
};

/**
 * A client acting for `event`. As the user, the session cookie is presented as `Authorization: Bearer`:
 * `handle` has already checked the Origin of every form action (./form-origin.ts), and a bearer
 * credential is what a trusted server-side caller sends — the API's cookie CSRF rules are about browsers.
 * The browser's own cookies are never forwarded. The user's languages and the request id go along.
 */
export function createApi(event: ApiEvent, { as = "session" }: ApiOptions = {}): Api {
  const binding = apiBinding(event.platform);
  if (!binding) throw new ApiUnavailableError("The API service binding is not configured");
  const api = createClient<paths>({ baseUrl: API_ORIGIN, fetch: (request) => binding.fetch(request) });
  api.use(forwardFrom(event, as));
  return api;
}

/**
 * The API renews the session cookie on the response of the request that refreshed the session (about once a
 * day: better-auth's updateAge), whichever call of a load or action that was: the page's response carries it to
 * the browser, else only the session row would live on. Once the page's response has gone (a call finishing
 * after a streamed load) the cookie can no longer be set; that refresh then reaches the browser no sooner than
 * the next one, a day later, with the cookie still valid for the rest of its 30 days.
 */
function forwardRefresh(event: ApiEvent, response: Response): void {
  try {
    forwardAuthCookies(event, response);
  } catch (error) {
    logFailure(event, "session cookie not forwarded", error, "warn");
  }
}

/** Adds the caller's credentials, languages and request id to every request of a client. */
function forwardFrom(event: ApiEvent, as: "session" | "none"): Middleware {
  return {
    onRequest({ request }) {
      const { headers } = request;
      if (!headers.has("accept")) headers.set("accept", "application/json");
      const language = event.request.headers.get("accept-language");
      if (language && !headers.has("accept-language")) headers.set("accept-language", language);
      const token = as === "session" ? sessionToken(event.cookies) : undefined;
      if (token) headers.set("authorization", `Bearer ${token}`);
      headers.set("x-request-id", event.locals.requestId);
      const bookmark = bookmarkFrom(event.cookies);
      if (bookmark) headers.set(BOOKMARK_HEADER, bookmark);
      return request;
    },
    onResponse({ response }) {
      if (as === "session") forwardRefresh(event, response);
      const value = response.headers.get(BOOKMARK_HEADER);
      if (isBookmark(value)) {
        event.cookies.set(BOOKMARK_COOKIE, value, {
          path: "/",
          maxAge: MAX_AGE_SECONDS,
          httpOnly: true,
          sameSite: "lax",
          secure: event.request.url.startsWith("https:"),
        });
      }
      return response;
    },
  };
}

/**
 * Calls to the api Worker over the `API` service binding, for load functions and form actions.
 * The binding ignores the host, so requests use a fixed internal origin and only path + query matter.
 *
 * Why not `hc<AppType>` (Hono RPC)? Its types come from type-checking the api Worker's source inside the
 * web app's TypeScript program, where the global `Env` is the web Worker's (API, ASSETS) and not the api
 * Worker's (DB, FILES, …): every api handler that reads `c.env` fails to type-check there (svelte-check
 * reported 15 errors from workers/api/src when we tried). Making it work needs either declaration emit of
 * `AppType` or an api `Env` that is not global; until then these thin wrappers parse every body with the
 * shared zod DTOs in schemas/ (one source of truth with the API's OpenAPI document).
 */
import type { RequestEvent } from "@sveltejs/kit";
import { sessionToken } from "./session";

export const API_ORIGIN = "https://api.internal";

/** What a server-side caller needs from the incoming request. */
export type ApiEvent = Pick<RequestEvent, "platform" | "request" | "locals" | "cookies">;

/** The `API` binding is absent (misconfigured wrangler.toml, or `vite dev` without the api Worker running). */
export class ApiUnavailableError extends Error {
  override name = "ApiUnavailableError";
}

export type FieldError = { path: string; message: string };

/** What an API error body told us: problem+json members, plus better-auth's `code`/`message`. */
export type ProblemInfo = { detail?: string; code?: string; type?: string; errors: FieldError[] };

/** The API answered with a non-2xx status; the parsed problem says why. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly problem: ProblemInfo,
  ) {
    super(problem.detail ?? `API answered ${status}`);
  }
  get detail(): string | undefined {
    return this.problem.detail;
  }
}

/** The service binding, or undefined when this Worker was deployed without it. */
export function apiBinding(platform: App.Platform | undefined): Fetcher | undefined {
  return platform?.env?.API;
}

export type ApiInit = RequestInit & {
  /** `session` (default): act as the signed-in user; `none`: anonymous (sign-in, sign-up, health). */
  as?: "session" | "none";
};

/**
 * Fetches `path` from the API. As the user, the session cookie is presented as `Authorization: Bearer`:
 * SvelteKit has already checked the Origin of every form action (its CSRF protection), and a bearer
 * credential is what a trusted server-side caller sends — the API's cookie CSRF rules are about browsers.
 * The browser's own cookies are never forwarded. The user's languages and the request id go along.
 */
export async function apiFetch(event: ApiEvent, path: `/${string}`, init: ApiInit = {}): Promise<Response> {
  const api = apiBinding(event.platform);
  if (!api) throw new ApiUnavailableError("The API service binding is not configured");

  const { as = "session", ...requestInit } = init;
  const headers = new Headers(requestInit.headers);
  const language = event.request.headers.get("accept-language");
  if (language && !headers.has("accept-language")) headers.set("accept-language", language);
  const token = as === "session" ? sessionToken(event.cookies) : undefined;
  if (token) headers.set("authorization", `Bearer ${token}`);
  headers.set("x-request-id", event.locals.requestId);
  return api.fetch(new URL(path, API_ORIGIN), { ...requestInit, headers });
}

/**
 * Fetches JSON and validates it with `parse` (a type guard wrapper or a zod schema's `.parse`),
 * so nothing from the network is used unchecked. Throws `ApiError` on a non-2xx answer.
 */
export async function apiJson<T>(
  event: ApiEvent,
  path: `/${string}`,
  parse: (body: unknown) => T,
  init: ApiInit = {},
): Promise<T> {
  const headers = new Headers(init.headers);
  if (!headers.has("accept")) headers.set("accept", "application/json");
  const response = await apiFetch(event, path, { ...init, headers });
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  return parse(response.status === 204 ? undefined : await response.json());
}

/** Sends `body` as JSON; answers the parsed body (or undefined for 204). */
export async function apiSend<T>(
  event: ApiEvent,
  method: "POST" | "PATCH" | "DELETE",
  path: `/${string}`,
  body: unknown,
  parse: (body: unknown) => T,
): Promise<T> {
  const init: ApiInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { "content-type": "application/json" };
  }
  return apiJson(event, path, parse, init);
}

/** Reads a problem+json (or better-auth JSON) error body; never throws. */
export async function readProblem(response: Response): Promise<ProblemInfo> {
  const info: ProblemInfo = { errors: [] };
  try {
    const body: unknown = await response.json();
    if (!body || typeof body !== "object") return info;
    const record = body as Record<string, unknown>;
    if (typeof record.detail === "string") info.detail = record.detail;
    else if (typeof record.message === "string") info.detail = record.message;
    if (typeof record.code === "string") info.code = record.code;
    if (typeof record.type === "string") info.type = record.type;
    if (Array.isArray(record.errors)) {
      for (const error of record.errors) {
        if (error && typeof error === "object" && typeof error.path === "string" && typeof error.message === "string") {
          info.errors.push({ path: error.path, message: error.message });
        }
      }
    }
  } catch {
    // Not JSON (e.g. a platform error page): the status alone has to do.
  }
  return info;
}

/** Parses 204/empty bodies. */
export const noBody = (): undefined => undefined;

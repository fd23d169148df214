/**
 * Calls to the api Worker over the `API` service binding, for load functions and form actions.
 * The binding ignores the host, so requests use a fixed internal origin and only path + query matter.
 */
import type { RequestEvent } from "@sveltejs/kit";

export const API_ORIGIN = "https://api.internal";

/** What a server-side caller needs from the incoming request. */
export type ApiEvent = Pick<RequestEvent, "platform" | "request" | "locals">;

/** The `API` binding is absent (misconfigured wrangler.toml, or `vite dev` without the api Worker running). */
export class ApiUnavailableError extends Error {
  override name = "ApiUnavailableError";
}

/** The API answered with a non-2xx status; `detail` comes from its problem+json body when there is one. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly detail: string | undefined,
  ) {
    super(detail ?? `API answered ${status}`);
  }
}

/** The service binding, or undefined when this Worker was deployed without it. */
export function apiBinding(platform: App.Platform | undefined): Fetcher | undefined {
  return platform?.env?.API;
}

/**
 * Fetches `path` from the API as the signed-in user: forwards the cookie (the session), the user's
 * languages and the request id, so the API's logs and answers line up with this request.
 */
export async function apiFetch(event: ApiEvent, path: `/${string}`, init: RequestInit = {}): Promise<Response> {
  const api = apiBinding(event.platform);
  if (!api) throw new ApiUnavailableError("The API service binding is not configured");

  const headers = new Headers(init.headers);
  for (const name of ["cookie", "accept-language"]) {
    const value = event.request.headers.get(name);
    if (value && !headers.has(name)) headers.set(name, value);
  }
  headers.set("x-request-id", event.locals.requestId);
  return api.fetch(new URL(path, API_ORIGIN), { ...init, headers });
}

/**
 * Fetches JSON and validates it with `parse` (a type guard wrapper or a zod schema's `.parse`),
 * so nothing from the network is used unchecked. Throws `ApiError` on a non-2xx answer.
 */
export async function apiJson<T>(
  event: ApiEvent,
  path: `/${string}`,
  parse: (body: unknown) => T,
  init: RequestInit = {},
): Promise<T> {
  const headers = new Headers(init.headers);
  if (!headers.has("accept")) headers.set("accept", "application/json");
  const response = await apiFetch(event, path, { ...init, headers });
  if (!response.ok) throw new ApiError(response.status, await problemDetail(response));
  return parse(await response.json());
}

async function problemDetail(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.json();
    if (body && typeof body === "object" && "detail" in body && typeof body.detail === "string") return body.detail;
  } catch {
    // Not JSON (e.g. a platform error page): the status alone has to do.
  }
  return undefined;
}

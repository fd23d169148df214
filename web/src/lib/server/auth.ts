/** Accounts through the API's better-auth endpoints (/v1/auth/*), called server-side from form actions. */
import type { RequestEvent } from "@sveltejs/kit";
import { type ApiEvent, createApi, type ProblemInfo, problemOf } from "./api";
import { logLine } from "./log";
import { clearSessionCookies, forwardAuthCookies, parseSessionUser, type SessionUser, sessionToken } from "./session";

type AuthEvent = ApiEvent & Pick<RequestEvent, "url" | "getClientAddress">;

export type AuthResult = { ok: true } | { ok: false; status: number; problem: ProblemInfo };

/**
 * Headers for an anonymous call (no cookie, no Origin): better-auth's CSRF checks are for browsers, and
 * this request comes from the web Worker after `handle` verified the form's Origin. The client's address
 * and user agent go along so the session row and the sign-in burst limit see the real student.
 */
function clientHeaders(event: AuthEvent): Record<string, string> {
  const headers: Record<string, string> = {};
  const userAgent = event.request.headers.get("user-agent");
  if (userAgent) headers["user-agent"] = userAgent;
  try {
    headers["cf-connecting-ip"] = event.getClientAddress();
  } catch {
    // Not every runtime knows the client address; the limit then keys on the email alone.
  }
  return headers;
}

/** Forwards the session cookies of a successful sign-in/sign-up, or says why it failed. */
async function authResult(
  event: AuthEvent,
  call: Promise<{ error?: unknown; response: Response }>,
): Promise<AuthResult> {
  const { error, response } = await call;
  if (!response.ok) return { ok: false, status: response.status, problem: problemOf(error) };
  forwardAuthCookies(event, response);
  return { ok: true };
}

export function signUp(event: AuthEvent, input: { name: string; email: string; password: string }) {
  const api = createApi(event, { as: "none" });
  return authResult(event, api.POST("/v1/auth/sign-up/email", { body: input, headers: clientHeaders(event) }));
}

export function signIn(event: AuthEvent, input: { email: string; password: string }) {
  const api = createApi(event, { as: "none" });
  const body = { ...input, rememberMe: true };
  return authResult(event, api.POST("/v1/auth/sign-in/email", { body, headers: clientHeaders(event) }));
}

/** Ends the session in the API (so the token is dead everywhere) and forgets the cookie here. */
export async function signOut(event: AuthEvent): Promise<void> {
  if (sessionToken(event.cookies)) {
    // The expiring cookie of its answer is forwarded by the client (api.ts), like every session call's cookies.
    const { response } = await createApi(event).POST("/v1/auth/sign-out");
    if (!response.ok)
      logLine("warn", "sign-out failed", { requestId: event.locals.requestId, status: response.status });
  }
  clearSessionCookies(event);
}

/**
 * The signed-in user, or null. Asks the API only when a session cookie is present; a cookie the API
 * no longer accepts (expired, revoked) is cleared so the next request does not ask again.
 */
export async function loadSessionUser(event: AuthEvent): Promise<SessionUser | null> {
  if (!sessionToken(event.cookies)) return null;
  let result: { data?: string; response: Response };
  try {
    // As text: a malformed body counts as "not signed in" (below), not as an unreachable API.
    result = await createApi(event).GET("/v1/auth/get-session", { parseAs: "text" });
  } catch (error) {
    logSessionProblem(event, error instanceof Error ? error.message : String(error));
    return null;
  }
  const { data, response } = result;
  if (!response.ok) {
    // The API is down or failing: not the same as signed out, so the cookie stays for the next try.
    if (response.status >= 500) logSessionProblem(event, `get-session answered ${response.status}`);
    else clearSessionCookies(event);
    return null;
  }
  const user = parseSessionUser(parseJson(data));
  if (!user) {
    clearSessionCookies(event);
    return null;
  }
  // A refreshed session's renewed cookie has been forwarded with the answer (api.ts).
  return user;
}

function parseJson(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function logSessionProblem(event: ApiEvent, error: string): void {
  logLine("warn", "session lookup failed", { requestId: event.locals.requestId, error });
}

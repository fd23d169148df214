/** Accounts through the API's better-auth endpoints (/v1/auth/*), called server-side from form actions. */
import type { RequestEvent } from "@sveltejs/kit";
import { type ApiEvent, apiFetch, type ProblemInfo, readProblem } from "./api";
import { clearSessionCookies, forwardAuthCookies, parseSessionUser, type SessionUser, sessionToken } from "./session";

type AuthEvent = ApiEvent & Pick<RequestEvent, "url" | "getClientAddress">;

export type AuthResult = { ok: true } | { ok: false; status: number; problem: ProblemInfo };

/**
 * Anonymous call (no cookie, no Origin): better-auth's CSRF checks are for browsers, and this request
 * comes from the web Worker after SvelteKit verified the form's Origin. The client's address and
 * user agent go along so the session row and the sign-in burst limit see the real student.
 */
async function postAuth(event: AuthEvent, path: `/v1/auth/${string}`, body: unknown): Promise<AuthResult> {
  const headers = new Headers({ "content-type": "application/json", accept: "application/json" });
  const userAgent = event.request.headers.get("user-agent");
  if (userAgent) headers.set("user-agent", userAgent);
  try {
    headers.set("cf-connecting-ip", event.getClientAddress());
  } catch {
    // Not every runtime knows the client address; the limit then keys on the email alone.
  }
  const response = await apiFetch(event, path, { method: "POST", headers, body: JSON.stringify(body), as: "none" });
  if (!response.ok) return { ok: false, status: response.status, problem: await readProblem(response) };
  forwardAuthCookies(event, response);
  return { ok: true };
}

export function signUp(event: AuthEvent, input: { name: string; email: string; password: string }) {
  return postAuth(event, "/v1/auth/sign-up/email", input);
}

export function signIn(event: AuthEvent, input: { email: string; password: string }) {
  return postAuth(event, "/v1/auth/sign-in/email", { ...input, rememberMe: true });
}

/** Ends the session in the API (so the token is dead everywhere) and forgets the cookie here. */
export async function signOut(event: AuthEvent): Promise<void> {
  if (sessionToken(event.cookies)) {
    const response = await apiFetch(event, "/v1/auth/sign-out", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    if (response.ok) forwardAuthCookies(event, response);
    else console.warn(JSON.stringify({ level: "warn", msg: "sign-out failed", status: response.status }));
  }
  clearSessionCookies(event);
}

/**
 * The signed-in user, or null. Asks the API only when a session cookie is present; a cookie the API
 * no longer accepts (expired, revoked) is cleared so the next request does not ask again.
 */
export async function loadSessionUser(event: AuthEvent): Promise<SessionUser | null> {
  if (!sessionToken(event.cookies)) return null;
  let response: Response;
  try {
    response = await apiFetch(event, "/v1/auth/get-session", { headers: { accept: "application/json" } });
  } catch (error) {
    logSessionProblem(event, error instanceof Error ? error.message : String(error));
    return null;
  }
  if (!response.ok) {
    // The API is down or failing: not the same as signed out, so the cookie stays for the next try.
    if (response.status >= 500) logSessionProblem(event, `get-session answered ${response.status}`);
    else clearSessionCookies(event);
    return null;
  }
  const user = parseSessionUser(await response.json().catch(() => null));
  if (!user) {
    clearSessionCookies(event);
    return null;
  }
  forwardAuthCookies(event, response);
  return user;
}

function logSessionProblem(event: ApiEvent, error: string): void {
  console.warn(
    JSON.stringify({ level: "warn", msg: "session lookup failed", requestId: event.locals.requestId, error }),
  );
}

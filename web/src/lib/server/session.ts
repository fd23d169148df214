/**
 * The browser's session is better-auth's cookie, set by the API and passed through unchanged (HttpOnly,
 * SameSite=Lax, Path=/): no token ever reaches JavaScript or localStorage. Server-side, the web Worker
 * reads that cookie and presents it to the API as a bearer credential (see api.ts).
 */
import type { Cookies, RequestEvent } from "@sveltejs/kit";

/** better-auth's cookie; `__Secure-` prefixed when the app runs on https (useSecureCookies). */
export const SESSION_COOKIES = ["__Secure-better-auth.session_token", "better-auth.session_token"] as const;
const AUTH_COOKIE_PREFIXES = ["better-auth.", "__Secure-better-auth."];

export type SessionUser = { id: string; name: string; email: string };

/** The signed session token from the request's cookies ("token.signature"), if any. */
export function sessionToken(cookies: Cookies): string | undefined {
  for (const name of SESSION_COOKIES) {
    const value = cookies.get(name);
    if (value) return value;
  }
  return undefined;
}

type ParsedSetCookie = {
  name: string;
  value: string;
  path: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: "lax" | "strict" | "none";
  maxAge?: number;
  expires?: Date;
};

/** Parses one Set-Cookie header value; the value stays exactly as the API encoded it. */
export function parseSetCookie(header: string): ParsedSetCookie | undefined {
  const [pair = "", ...attributes] = header.split(";");
  const eq = pair.indexOf("=");
  if (eq <= 0) return undefined;
  const cookie: ParsedSetCookie = {
    name: pair.slice(0, eq).trim(),
    value: pair.slice(eq + 1).trim(),
    path: "/",
    httpOnly: false,
    secure: false,
  };
  for (const attribute of attributes) {
    const [rawKey = "", ...rest] = attribute.split("=");
    const key = rawKey.trim().toLowerCase();
    const value = rest.join("=").trim();
    if (key === "path" && value) cookie.path = value;
    else if (key === "httponly") cookie.httpOnly = true;
    else if (key === "secure") cookie.secure = true;
    else if (key === "max-age" && /^-?\d+$/.test(value)) cookie.maxAge = Number(value);
    else if (key === "expires") {
      const date = new Date(value);
      if (!Number.isNaN(date.getTime())) cookie.expires = date;
    } else if (key === "samesite") {
      const sameSite = value.toLowerCase();
      if (sameSite === "lax" || sameSite === "strict" || sameSite === "none") cookie.sameSite = sameSite;
    }
  }
  return cookie;
}

/**
 * Copies better-auth's Set-Cookie headers from an API response onto the page response. SvelteKit does
 * not allow raw Set-Cookie headers from load functions and actions, so each one goes through `cookies.set`
 * with the attributes the API chose (HttpOnly, SameSite, Secure, Max-Age) and its value left as encoded.
 */
export function forwardAuthCookies(event: Pick<RequestEvent, "cookies">, response: Response): void {
  for (const header of response.headers.getSetCookie()) {
    const cookie = parseSetCookie(header);
    if (!cookie || !AUTH_COOKIE_PREFIXES.some((prefix) => cookie.name.startsWith(prefix))) continue;
    event.cookies.set(cookie.name, cookie.value, {
      path: cookie.path,
      httpOnly: cookie.httpOnly,
      secure: cookie.secure,
      sameSite: cookie.sameSite ?? "lax",
      ...(cookie.maxAge !== undefined ? { maxAge: cookie.maxAge } : {}),
      ...(cookie.expires ? { expires: cookie.expires } : {}),
      encode: (value) => value,
    });
  }
}

/** Forgets the session locally (after sign-out, or when the API no longer knows it). */
export function clearSessionCookies(event: Pick<RequestEvent, "cookies" | "url">): void {
  for (const name of SESSION_COOKIES) {
    if (event.cookies.get(name) !== undefined) {
      event.cookies.delete(name, { path: "/", httpOnly: true, secure: event.url.protocol === "https:" });
    }
  }
}

export function parseSessionUser(body: unknown): SessionUser | null {
  if (!body || typeof body !== "object" || !("user" in body)) return null;
  const user = body.user;
  if (
    user &&
    typeof user === "object" &&
    "id" in user &&
    typeof user.id === "string" &&
    "email" in user &&
    typeof user.email === "string"
  ) {
    const name = "name" in user && typeof user.name === "string" ? user.name : "";
    return { id: user.id, name, email: user.email };
  }
  return null;
}

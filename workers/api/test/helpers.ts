import { exports } from "cloudflare:workers";

/** Calls the api Worker's real fetch handler, as a client would. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(new URL(path, "http://api.test"), init));
}

export type TestUser = { email: string; token: string; cookie: string; userId: string };

let counter = 0;

/** Signs a fresh user up through /v1/auth and returns its bearer token and cookie. */
export async function signUp(name = "Student"): Promise<TestUser> {
  counter += 1;
  const email = `student-${Date.now()}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const res = await call("/v1/auth/sign-up/email", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "correct horse battery", name }),
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  const token = res.headers.get("set-auth-token");
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  if (!token) throw new Error("sign-up returned no set-auth-token header");
  return { email, token, cookie, userId: body.user.id };
}

export function bearer(user: TestUser, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${user.token}`, ...extra };
}

export function jsonBody(body: unknown): { headers: Record<string, string>; body: string } {
  return { headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

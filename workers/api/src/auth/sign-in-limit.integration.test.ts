import { describe, expect, it } from "vitest";
import { call, jsonBody, signUp } from "../../test/helpers";

/** SIGN_IN_LIMITER allows 10 a minute per key; the binding is approximate, so allow generous slack. */
const MAX_ATTEMPTS = 40;

async function attemptsUntil429(attempt: (i: number) => Promise<Response>) {
  for (let i = 1; i <= MAX_ATTEMPTS; i++) {
    const res = await attempt(i);
    if (res.status === 429) return { attempts: i, res };
    expect(res.status, `attempt ${i}`).toBe(401);
  }
  throw new Error(`no 429 after ${MAX_ATTEMPTS} failed sign-ins`);
}

function signIn(email: string, password: string, headers: Record<string, string> = {}) {
  const req = jsonBody({ email, password });
  return call("/v1/auth/sign-in/email", { method: "POST", body: req.body, headers: { ...req.headers, ...headers } });
}

async function expectRateLimited(res: Response) {
  expect(res.status).toBe(429);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(((await res.json()) as { type: string }).type).toMatch(/rate-limited$/);
}

describe("sign-in burst limit", () => {
  it("answers 429 with Retry-After after a burst of failed sign-ins for one email", async () => {
    const victim = await signUp();
    const { attempts, res } = await attemptsUntil429(() => signIn(victim.email, "not the password"));
    expect(attempts).toBeGreaterThan(1);
    await expectRateLimited(res);
    // The right password is refused too while the burst lasts: the limit is on the account.
    expect((await signIn(victim.email, "correct horse battery")).status).toBe(429);
    // Other accounts are unaffected.
    const other = await signUp();
    expect((await signIn(other.email, "correct horse battery")).status).toBe(200);
  });

  it("answers 429 after a burst from one client IP across many emails", async () => {
    const ip = { "cf-connecting-ip": "203.0.113.77" };
    const { res } = await attemptsUntil429((i) => signIn(`nobody-${i}-${Date.now()}@example.test`, "whatever!", ip));
    await expectRateLimited(res);
    // Sign-up from the same IP is limited too.
    const req = jsonBody({ email: `new-${Date.now()}@example.test`, password: "correct horse battery", name: "N" });
    const signUpRes = await call("/v1/auth/sign-up/email", {
      method: "POST",
      body: req.body,
      headers: { ...req.headers, ...ip },
    });
    expect(signUpRes.status).toBe(429);
  });
});

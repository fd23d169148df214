import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, jsonBody } from "../../test/helpers";
import { passwordScore } from "./password-strength";

function signUpWith(password: string, email = `pw-${crypto.randomUUID()}@example.test`, name = "Ana Souza") {
  const req = jsonBody({ email, password, name });
  return call("/v1/auth/sign-up/email", { method: "POST", body: req.body, headers: req.headers });
}

const userCount = async (email: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM user WHERE email = ?").bind(email).first<{ n: number }>())?.n;

describe("password strength (issue 13)", () => {
  it.each(["12345678", "password", "qwertyuiop", "11111111", "iloveyou1", "senha123"])(
    "sign-up with %s: 422 weak-password problem naming the field, no account created",
    async (password) => {
      const email = `weak-${crypto.randomUUID()}@example.test`;
      const res = await signUpWith(password, email);
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const body = (await res.json()) as { type: string; detail: string; errors: { path: string }[] };
      expect(body.type).toMatch(/\/weak-password$/);
      expect(body.detail).toMatch(/too easy to guess/);
      expect(body.errors).toEqual([expect.objectContaining({ path: "password" })]);
      expect(await userCount(email)).toBe(0);
    },
  );

  it("a password made of the student's own name or email is weak too", async () => {
    const res = await signUpWith("anasouza", "ana.souza.pw@example.test", "Ana Souza");
    expect(res.status).toBe(422);
  });

  it("passphrases and random strings pass", async () => {
    for (const password of ["correct horse battery", "kx9!vQ2#", "Tr0ub4dor&3"]) {
      expect((await signUpWith(password)).status, password).toBe(200);
    }
    expect(passwordScore("12345678")).toBe(0);
  });

  it("change-password refuses a weak new password before better-auth sees it", async () => {
    const email = `change-${crypto.randomUUID()}@example.test`;
    const created = await signUpWith("correct horse battery", email);
    const token = created.headers.get("set-auth-token") ?? "";
    const req = jsonBody({ currentPassword: "correct horse battery", newPassword: "12345678" });
    const res = await call("/v1/auth/change-password", {
      method: "POST",
      body: req.body,
      headers: { ...req.headers, authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("newPassword");
  });
});

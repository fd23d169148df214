import { describe, expect, it } from "vitest";
import { forwardAuthCookies, parseSessionUser, parseSetCookie } from "./session";

type SetCall = { name: string; value: string; options: Record<string, unknown> };

function fakeCookies() {
  const calls: SetCall[] = [];
  return {
    calls,
    cookies: {
      set: (name: string, value: string, options: Record<string, unknown>) => calls.push({ name, value, options }),
    },
  };
}

describe("session cookie forwarding", () => {
  it("parses better-auth's Set-Cookie without touching the encoded value", () => {
    const cookie = parseSetCookie(
      "better-auth.session_token=abc.def%2Bg%3D; Max-Age=2592000; Path=/; HttpOnly; SameSite=Lax",
    );
    expect(cookie).toEqual({
      name: "better-auth.session_token",
      value: "abc.def%2Bg%3D",
      path: "/",
      httpOnly: true,
      secure: false,
      sameSite: "lax",
      maxAge: 2592000,
    });
  });

  it("copies only better-auth cookies, keeping HttpOnly, SameSite, Secure and the raw value", () => {
    const response = new Response(null, {
      headers: [
        ["set-cookie", "__Secure-better-auth.session_token=t.s%3D; Max-Age=60; Path=/; HttpOnly; Secure; SameSite=Lax"],
        ["set-cookie", "tracker=1; Path=/"],
      ],
    });
    const { calls, cookies } = fakeCookies();
    forwardAuthCookies({ cookies } as never, response);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.name).toBe("__Secure-better-auth.session_token");
    expect(call?.value).toBe("t.s%3D");
    expect(call?.options).toMatchObject({ path: "/", httpOnly: true, secure: true, sameSite: "lax", maxAge: 60 });
    const encode = call?.options.encode as (v: string) => string;
    expect(encode("t.s%3D")).toBe("t.s%3D");
  });

  it("forwards the expiring cookie of a sign-out", () => {
    const response = new Response(null, {
      headers: [["set-cookie", "better-auth.session_token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"]],
    });
    const { calls, cookies } = fakeCookies();
    forwardAuthCookies({ cookies } as never, response);
    expect(calls[0]?.options).toMatchObject({ maxAge: 0 });
  });

  it("reads the user from get-session and nothing else", () => {
    expect(parseSessionUser({ session: {}, user: { id: "u1", email: "a@b.c", name: "Ana", extra: 1 } })).toEqual({
      id: "u1",
      email: "a@b.c",
      name: "Ana",
    });
    expect(parseSessionUser(null)).toBeNull();
    expect(parseSessionUser({ user: { id: 1 } })).toBeNull();
  });
});

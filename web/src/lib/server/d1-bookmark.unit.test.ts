import { describe, expect, it } from "vitest";
import { BOOKMARK_COOKIE, bookmarkCookie, bookmarkFrom, isBookmark } from "./d1-bookmark";

const BOOKMARK = "00000000-00000017-00000000-00000000000000000000000000000000";
const cookies = (value?: string) => ({ get: (name: string) => (name === BOOKMARK_COOKIE ? value : undefined) });

describe("the D1 bookmark cookie", () => {
  it("keeps only well-formed bookmarks, in a short-lived HTTP-only cookie", () => {
    expect(isBookmark(BOOKMARK)).toBe(true);
    for (const bad of ["", "first-primary", `${BOOKMARK}; Path=/evil`, "x".repeat(59)])
      expect(isBookmark(bad)).toBe(false);
    const response = new Response(null, { headers: { "x-d1-bookmark": BOOKMARK } });
    expect(bookmarkCookie(response, true)).toBe(
      `${BOOKMARK_COOKIE}=${BOOKMARK}; Path=/; Max-Age=300; HttpOnly; SameSite=Lax; Secure`,
    );
    expect(
      bookmarkCookie(new Response(null, { headers: { "x-d1-bookmark": "nope; Domain=x" } }), true),
    ).toBeUndefined();
    expect(bookmarkCookie(new Response(null), false)).toBeUndefined();
  });

  it("sends back what the cookie holds, when it is a bookmark", () => {
    expect(bookmarkFrom(cookies(BOOKMARK))).toBe(BOOKMARK);
    expect(bookmarkFrom(cookies("first-unconstrained"))).toBeUndefined();
    expect(bookmarkFrom(cookies())).toBeUndefined();
  });
});

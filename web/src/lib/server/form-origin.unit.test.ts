import { describe, expect, it } from "vitest";
import { crossSiteFormRefusal } from "./form-origin";

const url = new URL("https://studyai.example.com/sign-in");
const post = (headers: Record<string, string>, method = "POST") => new Request(url, { method, headers, body: "a=b" });

describe("crossSiteFormRefusal: SvelteKit's form-origin rule, done in handle", () => {
  it("refuses form posts from another origin or none, with SvelteKit's wording", async () => {
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const evil = crossSiteFormRefusal(post({ ...form, origin: "https://evil.example" }), url);
    expect(evil?.status).toBe(403);
    expect(await evil?.text()).toBe("Cross-site POST form submissions are forbidden");
    expect(crossSiteFormRefusal(post(form), url)?.status).toBe(403);
    expect(
      crossSiteFormRefusal(post({ "content-type": "text/plain", origin: "https://evil.example" }), url)?.status,
    ).toBe(403);
    const json = crossSiteFormRefusal(post({ ...form, accept: "application/json" }), url);
    expect(await json?.json()).toEqual({ message: "Cross-site POST form submissions are forbidden" });
  });

  it("lets same-origin forms, JSON bodies and safe methods through", () => {
    expect(
      crossSiteFormRefusal(post({ "content-type": "multipart/form-data; boundary=x", origin: url.origin }), url),
    ).toBeUndefined();
    expect(crossSiteFormRefusal(post({ "content-type": "application/json" }), url)).toBeUndefined();
    expect(crossSiteFormRefusal(new Request(url), url)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { call } from "../../test/helpers";

describe("/docs: the API reference serves its own pinned assets (issue 13)", () => {
  it("the page loads scripts from this Worker only, under a CSP that allows nothing else", async () => {
    const res = await call("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toEqual([
      '<script src="docs/setup.js">',
      '<script src="docs/scalar.js">',
      '<script src="docs/init.js">',
    ]);
    expect(html).not.toMatch(/https?:\/\//);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/cdn|https:/);
  });

  it("serves Scalar's standalone bundle from the installed package and the init script that points at /v1/openapi.json", async () => {
    const bundle = await call("/docs/scalar.js");
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toContain("text/javascript");
    const code = await bundle.text();
    expect(code.length).toBeGreaterThan(1_000_000);
    expect(code).toContain("createApiReference");
    const init = await (await call("/docs/init.js")).text();
    expect(init).toMatch(/^Scalar\.createApiReference\("#app", \{"url":"v1\/openapi\.json"/);
    expect(init).toContain('"withDefaultFonts":false');
  });

  it("nothing else from the assets directory is public", async () => {
    for (const path of ["/standalone.js", "/standalone.js.map", "/docs/standalone.js"]) {
      expect((await call(path)).status, path).toBe(404);
    }
  });
});

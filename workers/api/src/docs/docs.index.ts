/**
 * The interactive API reference at /docs: Scalar's standalone bundle from the pinned npm package
 * @scalar/api-reference (package.json, exact version), served by this Worker through the ASSETS binding
 * (wrangler.toml [assets]) — no CDN, so it works offline and no third-party script runs on the app's
 * origin (/api/docs behind the web app's proxy). Every URL is relative, so it works at /docs on the api
 * Worker's own route and at /api/docs through the proxy. A strict CSP: scripts from here only; styles
 * inline because the bundle injects its own; Scalar's hosted fonts, proxy and telemetry are off.
 */
import { Hono } from "hono";
import type { AppEnv } from "../platform/context";
import { notFound } from "../platform/problem";

const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const CONFIGURATION = {
  url: "v1/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  showDeveloperTools: "never",
  agent: { disabled: true },
  mcp: { disabled: true },
};

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>studyAI API reference</title>
  </head>
  <body>
    <div id="app"></div>
    <script src="docs/setup.js"></script>
    <script src="docs/scalar.js"></script>
    <script src="docs/init.js"></script>
  </body>
</html>
`;

// The bundle's zod probes `new Function` (refused by the CSP, and reported as a violation although caught);
// `jitless` on zod's global config, set before the bundle loads, skips the probe.
const SETUP = "(globalThis.__zod_globalConfig ??= {}).jitless = true;\n";

// Files, not inline scripts, so the CSP needs no hash or 'unsafe-inline' for scripts.
const INIT = `Scalar.createApiReference("#app", ${JSON.stringify(CONFIGURATION)});\n`;

const withDocsHeaders = (response: Response, contentType: string) => {
  const headers = new Headers(response.headers);
  headers.set("content-type", contentType);
  headers.set("content-security-policy", DOCS_CSP);
  headers.set("x-content-type-options", "nosniff");
  headers.set("cache-control", "public, max-age=3600");
  return new Response(response.body, { status: response.status, headers });
};

export const docsRouter = new Hono<AppEnv>()
  .get("/docs", () => withDocsHeaders(new Response(PAGE), "text/html; charset=utf-8"))
  .get("/docs/setup.js", () => withDocsHeaders(new Response(SETUP), "text/javascript; charset=utf-8"))
  .get("/docs/init.js", () => withDocsHeaders(new Response(INIT), "text/javascript; charset=utf-8"))
  .get("/docs/scalar.js", async (c) => {
    const asset = await c.env.ASSETS.fetch(new URL("/standalone.js", c.req.url));
    if (!asset.ok) throw notFound("The API reference bundle");
    return withDocsHeaders(asset, "text/javascript; charset=utf-8");
  });

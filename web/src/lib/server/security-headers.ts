/**
 * Headers for every response the web app renders itself (pages, form actions, its own endpoints). The CSP
 * comes from SvelteKit (kit.csp in svelte.config.js, with a per-response nonce); these are the rest. The
 * /api/* proxy passes the API's own headers through untouched, and static assets get theirs from web/_headers.
 */
const HSTS = "max-age=63072000; includeSubDomains";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

/** Adds the security headers to `response` (HSTS only over https: browsers ignore it on http anyway). */
export function withSecurityHeaders(response: Response, url: URL): Response {
  let target = response;
  try {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) target.headers.set(name, value);
  } catch {
    // A response with immutable headers (e.g. from fetch): copy it once, then set them.
    target = new Response(response.body, response);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) target.headers.set(name, value);
  }
  if (url.protocol === "https:") target.headers.set("strict-transport-security", HSTS);
  return target;
}

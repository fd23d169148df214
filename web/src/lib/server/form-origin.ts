/**
 * The form-origin CSRF check SvelteKit does by default (kit.csrf), done in `handle` so that the /api proxy
 * can be left out: a POST/PUT/PATCH/DELETE with a form content type (the kinds a cross-site <form> can send
 * without a preflight) must carry this site's own Origin. Pages and form actions keep the protection;
 * /api/* is the API's business (its guard checks Origin whenever a cookie authenticates, and partners
 * send API keys with no Origin at all).
 */
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

function isFormContentType(request: Request): boolean {
  const type = request.headers.get("content-type")?.split(";", 1)[0]?.trim().toLowerCase() ?? "";
  // No Content-Type counts as a form too: browsers can send a body-less cross-site POST.
  return type === "" || FORM_TYPES.includes(type);
}

/** A 403 for a cross-site form submission to `url`, or undefined when the request may go on. */
export function crossSiteFormRefusal(request: Request, url: URL): Response | undefined {
  if (!UNSAFE_METHODS.has(request.method) || !isFormContentType(request)) return undefined;
  if (request.headers.get("origin") === url.origin) return undefined;
  const message = `Cross-site ${request.method} form submissions are forbidden`;
  return request.headers.get("accept") === "application/json"
    ? Response.json({ message }, { status: 403 })
    : new Response(message, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
}

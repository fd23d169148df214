import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context";
import { Problem } from "./problem";

/** Request bodies (every route but uploads) are small: 1 MiB. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/** A 413 problem; `bodyLimit` calls it before the body is buffered when Content-Length says too much. */
export function payloadTooLarge(maxBytes: number): never {
  throw new Problem({
    status: 413,
    type: "payload-too-large",
    title: "Payload too large",
    detail: `The request body is larger than this endpoint accepts (${maxBytes} bytes).`,
  });
}

/** Limits a body to `maxBytes` (413 problem); for a route that needs another limit than the default. */
export function limitBody(maxBytes: number) {
  return bodyLimit({ maxSize: maxBytes, onError: () => payloadTooLarge(maxBytes) });
}

const jsonLimit = limitBody(JSON_BODY_LIMIT_BYTES);

/**
 * POSTs that enforce their own, larger limit before buffering: document uploads (a file, or JSON text
 * up to MAX_UPLOAD_BYTES: `uploadLimit`, mounted in app.ts before anything reads the body). A global limit
 * cannot be raised by a later middleware, hence this list.
 */
const OWN_LIMIT = [/^\/v1\/notebooks\/[^/]+\/documents\/?$/];

/** The default limit for /v1: 1 MiB for every body, except the routes listed in OWN_LIMIT. */
export const defaultBodyLimit = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === "POST" && OWN_LIMIT.some((pattern) => pattern.test(c.req.path))) return next();
  return jsonLimit(c, next);
});

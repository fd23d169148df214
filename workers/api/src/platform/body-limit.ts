import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context";
import { Problem } from "./problem";

/** JSON bodies (every route but uploads) are small: 1 MiB. */
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
 * The default limit for /v1: 1 MiB for every body except multipart uploads, whose route sets its own
 * limit (a global limit cannot be raised by a later middleware).
 */
export const defaultBodyLimit = createMiddleware<AppEnv>(async (c, next) => {
  if (/^multipart\/form-data/i.test(c.req.header("content-type") ?? "")) return next();
  return jsonLimit(c, next);
});

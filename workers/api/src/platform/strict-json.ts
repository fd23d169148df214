/**
 * JSON bodies must be valid UTF-8. Left to `Request.json()`, invalid bytes silently become U+FFFD and land in
 * titles and notes; refusing them with a clear 400 keeps what the client sent and what we store the same.
 * The bytes are read through Hono's body cache, so the route's validator parses them without a second read.
 * (Uploaded files are documents, not JSON: plain text that is not UTF-8 is read as Windows-1252 at ingestion.)
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context";
import { Problem } from "./problem";

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export const strictUtf8Json = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (c.req.method !== "GET" && c.req.method !== "HEAD" && JSON_TYPE.test(type)) {
    try {
      decoder.decode(await c.req.arrayBuffer());
    } catch (err) {
      if (!(err instanceof TypeError)) throw err; // e.g. the body limit's 413
      throw new Problem({
        status: 400,
        type: "invalid-encoding",
        title: "Invalid UTF-8",
        detail: "The JSON body is not valid UTF-8. Send text encoded as UTF-8.",
      });
    }
  }
  await next();
});

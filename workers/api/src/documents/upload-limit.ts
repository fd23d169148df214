import { createMiddleware } from "hono/factory";
import { getConfig } from "../platform/config";
import type { AppEnv } from "../platform/context";
import { Problem } from "../platform/problem";

/** The upload route (app.ts mounts `uploadLimit` on it ahead of every middleware that reads a body). */
export const UPLOAD_PATH = "/v1/notebooks/:notebookId/documents";

/** Room for multipart boundaries and the title field around a file of the maximum size. */
const ENVELOPE_BYTES = 64 * 1024;

export const payloadTooLarge = (maxBytes: number) =>
  new Problem({
    status: 413,
    type: "payload-too-large",
    title: "File too large",
    detail: `Uploads are limited to ${(maxBytes / 1048576).toFixed(0)} MB. Split the file, or compress its images, and try again.`,
  });

/**
 * Refuses an oversized upload before buffering it: by Content-Length when the client sends one, and
 * otherwise by counting the streamed bytes, failing as soon as the limit is passed.
 */
export const uploadLimit = createMiddleware<AppEnv>(async (c, next) => {
  const maxBytes = getConfig(c.env).maxUploadBytes;
  const limit = maxBytes + ENVELOPE_BYTES;
  const body = c.req.raw.body;
  if (!body || c.req.method !== "POST") return next();
  const declared = c.req.header("content-length");
  if (declared !== undefined && Number(declared) > limit) throw payloadTooLarge(maxBytes);
  if (declared === undefined) {
    let seen = 0;
    let exceeded = false;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > limit) {
            exceeded = true;
            controller.error(payloadTooLarge(maxBytes));
            return;
          }
          controller.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: "half" } as RequestInit);
    await next();
    // Parsing the body failed somewhere downstream because the stream stopped: say why.
    if (exceeded) throw payloadTooLarge(maxBytes);
    return;
  }
  await next();
});

/**
 * Meta's two calls, outside the session, CSRF, Idempotency-Key and strict-JSON middleware (app.ts skips
 * them for `isChannelWebhook` paths):
 * - GET: the subscription check — `hub.mode=subscribe`, `hub.verify_token` compared in constant time,
 *   `hub.challenge` echoed;
 * - POST: a delivery — `X-Hub-Signature-256` checked on the raw bytes before anything parses them (401
 *   otherwise), each message put on the channel queue, 200 at once. Meta redelivers what is not
 *   acknowledged; the consumer ignores a message id it has seen.
 */
import { Hono } from "hono";
import { getConfig } from "../../platform/config";
import type { AppEnv } from "../../platform/context";
import { Problem, unavailable } from "../../platform/problem";
import type { ChannelJob } from "../types";
import { inboundMessages } from "./payload";
import { sameSecret, validSignature } from "./signature";

export const whatsappUnavailable = (missing: string[]) =>
  unavailable(
    `WhatsApp is not configured on this server: set ${missing.join(", ")} (docs/whatsapp.md).`,
    "channel-not-configured",
  );

const badSignature = () =>
  new Problem({
    status: 401,
    type: "invalid-signature",
    title: "Invalid signature",
    detail: "X-Hub-Signature-256 is missing or is not the HMAC-SHA256 of this body under the app secret.",
  });

function whatsappConfig(env: Env) {
  const { whatsapp, whatsappMissing } = getConfig(env).channels;
  if (!whatsapp) throw whatsappUnavailable(whatsappMissing);
  return whatsapp;
}

export const whatsappWebhookRouter = new Hono<AppEnv>()
  .get("/", async (c) => {
    const config = whatsappConfig(c.env);
    const mode = c.req.query("hub.mode");
    const token = c.req.query("hub.verify_token") ?? "";
    const challenge = c.req.query("hub.challenge") ?? "";
    if (mode !== "subscribe" || !(await sameSecret(token, config.verifyToken))) {
      throw new Problem({
        status: 403,
        type: "invalid-verify-token",
        title: "Verification failed",
        detail: "hub.mode must be subscribe and hub.verify_token must equal WHATSAPP_VERIFY_TOKEN.",
      });
    }
    return c.text(challenge.slice(0, 256), 200);
  })
  .post("/", async (c) => {
    const config = whatsappConfig(c.env);
    const raw = await c.req.arrayBuffer();
    if (!(await validSignature(config.appSecret, raw, c.req.header("x-hub-signature-256")))) throw badSignature();
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(raw));
    } catch {
      throw new Problem({
        status: 400,
        type: "malformed-json",
        title: "Malformed JSON",
        detail: "The body is not JSON.",
      });
    }
    const messages = inboundMessages(body) ?? [];
    if (messages.length) {
      await c.env.CHANNEL_QUEUE.sendBatch(
        messages.map((message) => ({ body: { kind: "inbound", message } satisfies ChannelJob, contentType: "json" })),
      );
    }
    c.get("log").info("whatsapp webhook", { messages: messages.length });
    return c.json({ received: messages.length }, 200);
  });

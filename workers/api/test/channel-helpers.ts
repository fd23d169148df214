/**
 * WhatsApp test kit: a fake Graph API at the fetch seam (records every message sent, serves media, can
 * answer 429/5xx), webhook payloads signed like Meta signs them, and a channel queue that holds its jobs so a
 * test delivers them itself through the Worker's real queue handler (deterministic: no waiting on the queue).
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, vi } from "vitest";
import { app } from "../src/app";
import { handleChannelQueueBatch } from "../src/channels/queue";
import type { ChannelJob } from "../src/channels/types";
import { signBody } from "../src/channels/whatsapp/signature";
import { bearer, type TestUser } from "./helpers";
import { resetModels, studentWithNotes, useNoModel } from "./study-helpers";

export const WA = {
  secret: "test-app-secret",
  verifyToken: "test-verify-token",
  phoneNumberId: "1098765432101",
  graph: "https://graph.whatsapp.test/v21.0",
} as const;

export type SentMessage = {
  to: string;
  type: string;
  text: string;
  ids: string[];
  body: Record<string, unknown>;
  /** The phone number id it was sent from (the deployment's, or a partner's). */
  via?: string;
};

/** What a sent message says, whatever its kind (text, buttons, list, template), and the ids of its choices. */
function describeSent(body: Record<string, unknown>): SentMessage {
  const b = body as {
    to: string;
    type: string;
    text?: { body: string };
    interactive?: {
      body: { text: string };
      action: { buttons?: { reply: { id: string } }[]; sections?: { rows: { id: string }[] }[] };
    };
    template?: { name: string };
  };
  const text = b.text?.body ?? b.interactive?.body.text ?? b.template?.name ?? "";
  const ids = [
    ...(b.interactive?.action.buttons?.map((x) => x.reply.id) ?? []),
    ...(b.interactive?.action.sections?.flatMap((s) => s.rows.map((r) => r.id)) ?? []),
  ];
  return { to: b.to, type: b.type, text, ids, body };
}

export type FakeGraph = {
  sent: SentMessage[];
  to(address: string): SentMessage[];
  /** The next `count` sends answer `status` (429, 500…). */
  failNext(status: number, count: number): void;
  media: Map<string, { bytes: Uint8Array; mimeType: string }>;
  restore(): void;
};

export function fakeGraph(): FakeGraph {
  const sent: SentMessage[] = [];
  const media = new Map<string, { bytes: Uint8Array; mimeType: string }>();
  let failures: number[] = [];
  const original = globalThis.fetch;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!url.href.startsWith("https://graph.whatsapp.test/")) return original(input, init);
    const auth = new Headers(init?.headers).get("authorization");
    if (auth !== "Bearer test-access-token") return Response.json({ error: { message: "bad token" } }, { status: 401 });
    const path = url.pathname.replace("/v21.0/", "");
    const from = /^(\d+)\/messages$/.exec(path)?.[1];
    if (from && init?.method === "POST") {
      const status = failures.shift();
      if (status) return Response.json({ error: { message: `fake ${status}` } }, { status });
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      sent.push({ ...describeSent(body), via: from });
      return Response.json({ messaging_product: "whatsapp", messages: [{ id: `wamid.out-${sent.length}` }] });
    }
    if (path.startsWith("files/")) {
      const file = media.get(path.slice(6));
      return file ? new Response(file.bytes) : new Response("gone", { status: 404 });
    }
    const file = media.get(path);
    if (file) {
      return Response.json({
        url: `https://graph.whatsapp.test/v21.0/files/${path}`,
        mime_type: file.mimeType,
        file_size: file.bytes.byteLength,
        id: path,
      });
    }
    return Response.json({ error: { message: "unknown" } }, { status: 404 });
  });
  return {
    sent,
    to: (address) => sent.filter((m) => m.to === address),
    failNext: (status, count) => {
      failures = [...failures, ...Array(count).fill(status)];
    },
    media,
    restore: () => spy.mockRestore(),
  };
}

/** A fresh fake Graph API for every test of the file (and no language model unless a test installs one). */
export function fakeGraphPerTest(): FakeGraph {
  let current: FakeGraph | undefined;
  const graph = () => {
    if (!current) throw new Error("the fake Graph API is only there inside a test");
    return current;
  };
  beforeEach(() => {
    current = fakeGraph();
    useNoModel();
  });
  afterEach(() => {
    graph().restore();
    resetModels();
  });
  return {
    get sent() {
      return graph().sent;
    },
    get media() {
      return graph().media;
    },
    to: (address) => graph().to(address),
    failNext: (status, count) => graph().failNext(status, count),
    restore: () => graph().restore(),
  };
}

/** The Worker's env with a channel queue that keeps its jobs (the test delivers them). */
export function heldQueueEnv() {
  const jobs: ChannelJob[] = [];
  const queue = {
    send: async (body: ChannelJob) => void jobs.push(body),
    sendBatch: async (items: { body: ChannelJob }[]) => void jobs.push(...items.map((i) => i.body)),
  };
  return { env: { ...env, CHANNEL_QUEUE: queue } as unknown as Env, jobs };
}

let sequence = 0;
export const messageId = () => `wamid.test-${Date.now()}-${++sequence}`;

type Content =
  | { type: "text"; text: { body: string } }
  | { type: "interactive"; interactive: Record<string, unknown> }
  | { type: "document"; document: { id: string; filename: string; mime_type: string } };

export function webhookPayload(
  from: string,
  content: Content,
  id = messageId(),
  timestamp = Math.floor(Date.now() / 1000),
) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "WABA-1",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550100200", phone_number_id: WA.phoneNumberId },
              contacts: [{ profile: { name: "Student" }, wa_id: from }],
              messages: [{ from, id, timestamp: String(timestamp), ...content }],
            },
          },
        ],
      },
    ],
  };
}

export const text = (body: string): Content => ({ type: "text", text: { body } });
export const tap = (id: string, title = id): Content => ({
  type: "interactive",
  interactive: id.startsWith("rate:")
    ? { type: "list_reply", list_reply: { id, title } }
    : { type: "button_reply", button_reply: { id, title } },
});
export const documentContent = (mediaId: string, filename: string, mimeType: string): Content => ({
  type: "document",
  document: { id: mediaId, filename, mime_type: mimeType },
});

/** POSTs a delivery the way Meta does (signed raw body), to the app with `testEnv`. */
export async function postWebhook(testEnv: Env, payload: unknown, signature?: string) {
  const raw = JSON.stringify(payload);
  return app.request(
    "/v1/channels/whatsapp/webhook",
    {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signature ?? (await signBody(WA.secret, raw)),
      },
      body: raw,
    },
    testEnv,
  );
}

/** Delivers the held jobs through the real queue handler until none are left (retries included). */
export async function drain(testEnv: Env, jobs: ChannelJob[], queue = "channel-messages") {
  for (let round = 0; round < 20 && jobs.length; round++) {
    const batchJobs = jobs.splice(0, jobs.length);
    const batch = createMessageBatch(
      queue,
      batchJobs.map((body, i) => ({ id: `job-${round}-${i}`, timestamp: new Date(), attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    await handleChannelQueueBatch(batch, testEnv);
    const result = await getQueueResult(batch, ctx);
    // A job the consumer asked to retry (a 429 from the fake) runs again in the next round.
    for (const retried of result.retryMessages) {
      const job = batchJobs[Number(retried.msgId.split("-")[2])];
      if (job) jobs.push(job);
    }
  }
}

/** Sends `payload` through the webhook and delivers everything it queued. */
export async function deliverMessage(testEnv: Env, jobs: ChannelJob[], payload: unknown) {
  const res = await postWebhook(testEnv, payload);
  if (res.status !== 200) throw new Error(`webhook: ${res.status} ${await res.text()}`);
  await drain(testEnv, jobs);
}

/** Links `phone` to `user` through the real flow: a code from the API, then `link CODE` by message. */
export async function linkPhone(testEnv: Env, jobs: ChannelJob[], user: TestUser, phone: string) {
  const res = await app.request("/v1/channels/whatsapp/link-codes", { method: "POST", headers: bearer(user) }, testEnv);
  if (res.status !== 201) throw new Error(`link code: ${res.status} ${await res.text()}`);
  const { code } = (await res.json()) as { code: string };
  await deliverMessage(testEnv, jobs, webhookPayload(phone, text(`link ${code}`)));
  return code;
}

let phones = 0;
/** A fresh Brazilian-looking number per call (tests share one database). */
export const newPhone = (prefix = "5511") =>
  `${prefix}${String(Date.now()).slice(-7)}${String(++phones).padStart(2, "0")}`;

/** A student with a ready "Biology" notebook and a fresh number linked to them. */
export async function linkedStudent(testEnv: Env, jobs: ChannelJob[]) {
  const student = await studentWithNotes();
  const phone = newPhone("1415");
  await linkPhone(testEnv, jobs, student.user, phone);
  return { ...student, phone };
}

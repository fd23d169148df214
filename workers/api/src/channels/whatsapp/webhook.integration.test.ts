/**
 * The WhatsApp webhook end to end in workerd, against a fake Graph API at the fetch seam: Meta's
 * subscription check, the signature on the raw body, 503 without configuration, linking a number, a
 * question answered with citations, duplicates and out-of-order deliveries answered once each, and the
 * month's message quota refused politely.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  deliverMessage,
  drain,
  fakeGraphPerTest,
  heldQueueEnv,
  linkedStudent,
  linkPhone,
  messageId,
  newPhone,
  postWebhook,
  text,
  WA,
  webhookPayload,
} from "../../../test/channel-helpers";
import { bearer, signUp } from "../../../test/helpers";
import { mockModel } from "../../../test/mock-model";
import { studentWithNotes } from "../../../test/study-helpers";
import { app } from "../../app";
import { overrideChatModelsForTests } from "../../models/chat-model";

const graph = fakeGraphPerTest();

describe("GET /v1/channels/whatsapp/webhook (Meta's subscription check)", () => {
  const verify = (query: string, testEnv: Env = env) =>
    app.request(`/v1/channels/whatsapp/webhook?${query}`, {}, testEnv);

  it("echoes hub.challenge when the verify token matches", async () => {
    const res = await verify(`hub.mode=subscribe&hub.verify_token=${WA.verifyToken}&hub.challenge=1158201444`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("1158201444");
  });

  it("refuses a wrong token or mode with a problem", async () => {
    for (const query of [
      "hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1",
      `hub.mode=unsubscribe&hub.verify_token=${WA.verifyToken}&hub.challenge=1`,
    ]) {
      const res = await verify(query);
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("answers 503 naming the missing secrets when WhatsApp is not configured, and the rest of the API works", async () => {
    const bare = { ...env, WHATSAPP_APP_SECRET: "", WHATSAPP_ACCESS_TOKEN: "" } as Env;
    const res = await verify(`hub.mode=subscribe&hub.verify_token=${WA.verifyToken}&hub.challenge=1`, bare);
    expect(res.status).toBe(503);
    const problem = (await res.json()) as { detail: string };
    expect(problem.detail).toContain("WHATSAPP_APP_SECRET");
    expect(problem.detail).toContain("WHATSAPP_ACCESS_TOKEN");
    const post = await postWebhook(bare, webhookPayload(newPhone(), text("hi")));
    expect(post.status).toBe(503);
    const user = await signUp();
    const code = await app.request("/v1/channels/whatsapp/link-codes", { method: "POST", headers: bearer(user) }, bare);
    expect(code.status).toBe(503);
    expect((await app.request("/health", {}, bare)).status).toBe(200);
  });
});

describe("POST /v1/channels/whatsapp/webhook", () => {
  it("refuses a bad or missing signature with 401 before reading the body, and queues nothing", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const payload = webhookPayload(newPhone(), text("hello"));
    const forged = await postWebhook(testEnv, payload, `sha256=${"0".repeat(64)}`);
    expect(forged.status).toBe(401);
    expect(forged.headers.get("content-type")).toContain("application/problem+json");
    const res = await app.request(
      "/v1/channels/whatsapp/webhook",
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) },
      testEnv,
    );
    expect(res.status).toBe(401);
    // Signed for another body: one changed byte is enough.
    const raw = JSON.stringify(payload);
    const { signBody } = await import("./signature");
    const other = await app.request(
      "/v1/channels/whatsapp/webhook",
      {
        method: "POST",
        headers: { "content-type": "application/json", "x-hub-signature-256": await signBody(WA.secret, raw) },
        body: raw.replace("hello", "hellO"),
      },
      testEnv,
    );
    expect(other.status).toBe(401);
    expect(jobs).toEqual([]);
  });

  it("acknowledges a signed delivery at once and answers a status-only delivery with nothing queued", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const res = await postWebhook(testEnv, webhookPayload(newPhone(), text("hello")));
    expect(res.status).toBe(200);
    expect(jobs).toHaveLength(1);
    const statuses = {
      object: "whatsapp_business_account",
      entry: [
        {
          changes: [
            {
              field: "messages",
              value: { metadata: { phone_number_id: WA.phoneNumberId }, statuses: [{ id: "x", status: "read" }] },
            },
          ],
        },
      ],
    };
    expect((await postWebhook(testEnv, statuses)).status).toBe(200);
    expect(jobs).toHaveLength(1);
    // Nothing has been sent yet: the reply comes from the queue.
    expect(graph.sent).toEqual([]);
  });

  it("an unknown number gets one short welcome on how to link, then nothing", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const phone = newPhone();
    await deliverMessage(testEnv, jobs, webhookPayload(phone, text("oi, tudo bem?")));
    await deliverMessage(testEnv, jobs, webhookPayload(phone, text("what is mitochondria?")));
    const sent = graph.to(phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain("vincular");
    expect(sent[0]?.text).toContain("/account");
  });

  it("links a number with a one-time code; the code works once; unlink and stop from the phone", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const { user } = await studentWithNotes();
    const phone = newPhone("1415");
    const code = await linkPhone(testEnv, jobs, user, phone);
    expect(graph.to(phone).at(-1)?.text).toContain("Linked. You are studying *Biology*");

    const list = await app.request("/v1/channels/whatsapp/contacts", { headers: bearer(user) }, testEnv);
    const contacts = ((await list.json()) as { items: { id: string; address: string; reminders: boolean }[] }).items;
    expect(contacts).toEqual([expect.objectContaining({ address: phone, reminders: true })]);

    // The same code from another number: already used.
    const other = newPhone("1415");
    await deliverMessage(testEnv, jobs, webhookPayload(other, text(`link ${code}`)));
    expect(graph.to(other).at(-1)?.text).toContain("not valid or has expired");

    await deliverMessage(testEnv, jobs, webhookPayload(phone, text("stop")));
    expect(graph.to(phone).at(-1)?.text).toContain("no more reminders");
    const stopped = await app.request("/v1/channels/whatsapp/contacts", { headers: bearer(user) }, testEnv);
    expect(((await stopped.json()) as { items: { reminders: boolean }[] }).items[0]?.reminders).toBe(false);

    await deliverMessage(testEnv, jobs, webhookPayload(phone, text("unlink")));
    expect(graph.to(phone).at(-1)?.text).toContain("no longer linked");
    const after = await app.request("/v1/channels/whatsapp/contacts", { headers: bearer(user) }, testEnv);
    expect(((await after.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("unlinks from the web: the number is back to unknown", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const { user, phone } = await linkedStudent(testEnv, jobs);
    const list = await app.request("/v1/channels/whatsapp/contacts", { headers: bearer(user) }, testEnv);
    const [contact] = ((await list.json()) as { items: { id: string }[] }).items;
    const del = await app.request(
      `/v1/channels/whatsapp/contacts/${contact?.id}`,
      { method: "DELETE", headers: bearer(user) },
      testEnv,
    );
    expect(del.status).toBe(204);
    const before = graph.to(phone).length;
    await deliverMessage(testEnv, jobs, webhookPayload(phone, text("cards")));
    // Already welcomed once when it was new? No: it was linked at once, so the welcome comes now, once.
    expect(
      graph
        .to(phone)
        .slice(before)
        .map((m) => m.text.slice(0, 20)),
    ).toEqual([expect.stringContaining("studyAI")]);
  });

  it("limits wrong codes per number and codes per account", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const phone = newPhone("1415");
    for (let i = 0; i < 6; i++) await deliverMessage(testEnv, jobs, webhookPayload(phone, text("link ZZZZ9999")));
    expect(graph.to(phone).at(-1)?.text).toContain("Too many wrong codes");
    const user = await signUp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await app.request("/v1/channels/whatsapp/link-codes", { method: "POST", headers: bearer(user) }, testEnv))
          .status,
      );
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it("answers a question with citations that open the viewer at the page", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const { user, notebookId, documents, phone } = await linkedStudent(testEnv, jobs);
    // A model at the provider seam: the answer is generated by the web's own chain, Markdown and all.
    let prompts = 0;
    const model = mockModel(["**Mitochondria** produce ATP ", "through cellular respiration [1]."], () => {
      prompts += 1;
    });
    overrideChatModelsForTests([{ model, provider: "test", modelId: "mock" }]);
    await deliverMessage(testEnv, jobs, webhookPayload(phone, text("What do mitochondria produce?")));
    expect(prompts).toBe(1);
    const answer = graph.to(phone).at(-1)?.text ?? "";
    expect(answer).toContain("*Mitochondria* produce ATP through cellular respiration [1].");
    expect(answer).toContain("*Sources*");
    const documentId = documents[0]?.id as string;
    expect(answer, answer).toContain(
      `[1] Biology, p. 1 — http://localhost:8787/notebooks/${notebookId}?source=${documentId}&page=1`,
    );
    // The same ask code as the web: the answer is in a thread of the notebook, with a usage event.
    const threads = await app.request(`/v1/notebooks/${notebookId}/threads`, { headers: bearer(user) }, testEnv);
    expect(((await threads.json()) as { items: unknown[] }).items).toHaveLength(1);
    const usage = await env.DB.prepare("SELECT count(*) AS n FROM usage_event WHERE user_id = ? AND kind = 'answer'")
      .bind(user.userId)
      .first<{ n: number }>();
    expect(usage?.n).toBe(1);
  });

  it("a duplicate delivery and a redelivered queue job give one reply; out-of-order messages one reply each", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const { phone } = await linkedStudent(testEnv, jobs);
    const before = graph.to(phone).length;

    const id = messageId();
    const payload = webhookPayload(phone, text("sources"), id);
    expect((await postWebhook(testEnv, payload)).status).toBe(200);
    expect((await postWebhook(testEnv, payload)).status).toBe(200);
    expect(jobs).toHaveLength(2);
    // Both deliveries in one batch, then the same job once more (the queue is at-least-once).
    const again = [...jobs];
    await drain(testEnv, jobs);
    await drain(testEnv, again);
    expect(graph.to(phone).slice(before)).toHaveLength(1);

    // Sent at 10:00:01 and 10:00:00, delivered newest first: each answered once.
    const now = Math.floor(Date.now() / 1000);
    await postWebhook(testEnv, webhookPayload(phone, text("notebooks"), messageId(), now + 1));
    await postWebhook(testEnv, webhookPayload(phone, text("help"), messageId(), now));
    await drain(testEnv, jobs);
    const replies = graph.to(phone).slice(before + 1);
    expect(replies).toHaveLength(2);
    expect(replies.map((m) => m.text.split("\n")[0])).toEqual([
      "Your notebooks (send *use* and a number or name):",
      "Ask any question about your notebook and I answer with its sources. Also:",
    ]);
  });

  it("refuses politely once the plan's messages for the month are used", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const { user, phone } = await linkedStudent(testEnv, jobs);
    // The free plan's 5,000 messages this month, all but one used.
    const monthStart = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1);
    await env.DB.prepare(
      "INSERT INTO quota_counter (user_id, metric, period_start, used) VALUES (?, 'channelMessages', ?, 4999)",
    )
      .bind(user.userId, monthStart)
      .run();
    await deliverMessage(testEnv, jobs, webhookPayload(phone, text("sources")));
    expect(graph.to(phone).at(-1)?.text).toContain("Sources in *Biology*");
    await deliverMessage(testEnv, jobs, webhookPayload(phone, text("What do mitochondria produce?")));
    const refusal = graph.to(phone).at(-1)?.text ?? "";
    expect(refusal).toContain("Thank you for studying with us!");
    expect(refusal).toContain("5000 messages");
    const used = await env.DB.prepare("SELECT used FROM quota_counter WHERE user_id = ? AND metric = 'channelMessages'")
      .bind(user.userId)
      .first<{ used: number }>();
    expect(used?.used).toBe(5000);
  });
});

/**
 * Studying by message in workerd, against the fake Graph API: a PDF sent in is downloaded through the
 * media API, ingested by the upload's own path and announced when ready; a file of the wrong type is
 * refused with the reason; due flashcards are reviewed by tapping a rating (the web's FSRS review);
 * outbound sends are retried on 429/5xx and dead-lettered with the reason; the sweep picks up a send stuck in
 * `sending`; reminders go once a day, only inside the 24-hour window; a partner's number has a contact limit.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  deliverMessage,
  documentContent,
  drain,
  fakeGraphPerTest,
  heldQueueEnv,
  linkedStudent,
  linkPhone,
  newPhone,
  tap,
  text,
  webhookPayload,
} from "../../test/channel-helpers";
import { bearer, signUp } from "../../test/helpers";
import { makePdf } from "../../test/make-pdf";
import { postJson, studentWithNotes } from "../../test/study-helpers";
import { runCleanup } from "../platform/scheduled";
import { endOfLocalDay } from "../study/flashcards/due";
import { createPartnerInstance } from "./channels.store";
import { queueReply } from "./messages.store";

const graph = fakeGraphPerTest();

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 25_000) {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("documents sent by message", () => {
  it("a PDF is downloaded through the media API, ingested into the current notebook and announced when ready", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const { auth, notebookId, phone } = await linkedStudent(testEnv, jobs);
    const pdf = makePdf([{ lines: ["Osmosis moves water across a semipermeable membrane.", "It needs no energy."] }]);
    graph.media.set("media-pdf-1", { bytes: pdf, mimeType: "application/pdf" });

    await deliverMessage(
      testEnv,
      jobs,
      webhookPayload(phone, documentContent("media-pdf-1", "Osmosis notes.pdf", "application/pdf")),
    );
    expect(graph.to(phone).at(-1)?.text).toBe("Got *Osmosis notes*. I will tell you when it is ready to ask about.");

    const docs = (await (await postJson(`/v1/notebooks/${notebookId}/documents`, auth, undefined, "GET")).json()) as {
      items: { id: string; title: string; sourceType: string }[];
    };
    const sent = docs.items.find((d) => d.title === "Osmosis notes");
    expect(sent?.sourceType).toBe("pdf");
    // The Workflow's ready step tells the channel; the notice goes out through the (real) channel queue.
    const notice = await until("the ready notice", () =>
      graph.to(phone).find((m) => m.text === "*Osmosis notes* is ready. Ask me about it."),
    );
    expect(notice).toBeDefined();
    // Sent again: the same bytes are the same document.
    await deliverMessage(
      testEnv,
      jobs,
      webhookPayload(phone, documentContent("media-pdf-1", "Osmosis notes.pdf", "application/pdf")),
    );
    expect(graph.to(phone).at(-1)?.text).toBe("*Osmosis notes* is already in this notebook.");
  });

  it("a file of a type uploads refuse is refused by message with the reason, and nothing is stored", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const { auth, notebookId, phone } = await linkedStudent(testEnv, jobs);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(0)]);
    graph.media.set("media-png-1", { bytes: png, mimeType: "image/png" });
    await deliverMessage(
      testEnv,
      jobs,
      webhookPayload(phone, documentContent("media-png-1", "photo.png", "image/png")),
    );
    expect(graph.to(phone).at(-1)?.text).toMatch(/^I could not add this: /);
    const docs = (await (await postJson(`/v1/notebooks/${notebookId}/documents`, auth, undefined, "GET")).json()) as {
      items: unknown[];
    };
    expect(docs.items).toHaveLength(1);
  });
});

describe("flashcards by message", () => {
  it("shows the due card, reveals the answer with the four ratings, and a tap reviews it with FSRS once", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const { user, auth, notebookId } = await studentWithNotes();
    for (const [front, back] of [
      ["What do mitochondria produce?", "ATP"],
      ["Where does photosynthesis happen?", "In the chloroplasts"],
    ]) {
      expect((await postJson(`/v1/notebooks/${notebookId}/flashcards`, auth, { front, back })).status).toBe(201);
    }
    const phone = newPhone("1415");
    await linkPhone(testEnv, jobs, user, phone);

    await deliverMessage(testEnv, jobs, webhookPayload(phone, text("cards")));
    const front = graph.to(phone).at(-1);
    expect(front?.type).toBe("interactive");
    expect(front?.text).toContain("2 due today");
    const show = front?.ids[0] as string;
    expect(show).toMatch(/^show:card_/);
    const cardId = show.slice(5);

    await deliverMessage(testEnv, jobs, webhookPayload(phone, tap(show, "Show answer")));
    const back = graph.to(phone).at(-1);
    expect(back?.ids).toEqual(["again", "hard", "good", "easy"].map((r) => `rate:${cardId}:${r}`));

    await deliverMessage(testEnv, jobs, webhookPayload(phone, tap(`rate:${cardId}:good`, "Good")));
    const [reviewed, next] = graph.to(phone).slice(-2);
    const card = (await (await postJson(`/v1/flashcards/${cardId}`, auth, undefined, "GET")).json()) as {
      reps: number;
      state: string;
      due: string;
      lastReviewedAt: string;
    };
    expect(card.reps).toBe(1);
    expect(card.state).not.toBe("new");
    // A new card rated Good is in FSRS's learning steps: back in ten minutes. That is still today, and the
    // card still counts, unless the review was in the UTC day's last ten minutes.
    const minutes = (Date.parse(card.due) - Date.parse(card.lastReviewedAt)) / 60_000;
    expect(minutes).toBeGreaterThan(1);
    expect(minutes).toBeLessThanOrEqual(10);
    expect(reviewed?.text).toBe(`You will see it again in ${Math.round(minutes)} min.`);
    const stillToday = Date.parse(card.due) <= endOfLocalDay(new Date(card.lastReviewedAt), "UTC").getTime();
    expect(next?.text).toContain(stillToday ? "2 due today" : "1 due today");
    expect(next?.text).toContain("Where does photosynthesis happen?");
    // A second tap on the old button (a new message id): the card is no longer shown, nothing is reviewed.
    await deliverMessage(testEnv, jobs, webhookPayload(phone, tap(`rate:${cardId}:easy`, "Easy")));
    expect(graph.to(phone).at(-1)?.text).toBe("That card was already rated.");
    const reviews = await env.DB.prepare("SELECT count(*) AS n FROM flashcard_review WHERE card_id = ?")
      .bind(cardId)
      .first<{ n: number }>();
    expect(reviews?.n).toBe(1);
  });

  it("answers in Portuguese when the student writes Portuguese commands", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const { phone } = await linkedStudent(testEnv, jobs);
    await deliverMessage(testEnv, jobs, webhookPayload(phone, text("cartões")));
    expect(graph.to(phone).at(-1)?.text).toBe("Nenhum cartão para hoje em *Biology*. Muito bem!");
    await deliverMessage(testEnv, jobs, webhookPayload(phone, text("fontes")));
    expect(graph.to(phone).at(-1)?.text).toContain("Fontes em *Biology*:");
  });

  it("answers a French question in French and keeps its own messages in the contact's language", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const { phone } = await linkedStudent(testEnv, jobs);
    const before = graph.to(phone).length;
    await deliverMessage(testEnv, jobs, webhookPayload(phone, text("Qui était le secrétaire de la séance ?")));
    const reply = graph
      .to(phone)
      .slice(before)
      .map((m) => m.text)
      .join("\n");
    expect(reply).toContain("Les documents ne semblent pas traiter cette question.");
    expect(reply).toContain("Vos sources semblent être en anglais.");
    // Channel messages exist in en/pt/es only: the French question did not switch them (to Spanish, before).
    await deliverMessage(testEnv, jobs, webhookPayload(phone, text("flashcards")));
    expect(graph.to(phone).at(-1)?.text).toBe("No cards due today in *Biology*. Well done!");
  });
});

describe("reliability of sends", () => {
  it("retries a 429 and a 503 with backoff and sends the reply once", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const { phone } = await linkedStudent(testEnv, jobs);
    const before = graph.to(phone).length;
    graph.failNext(429, 1);
    graph.failNext(503, 1);
    await deliverMessage(testEnv, jobs, webhookPayload(phone, text("sources")));
    const replies = graph.to(phone).slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain("Sources in *Biology*");
    const row = await env.DB.prepare(
      "SELECT status, attempts FROM channel_message WHERE direction = 'out' AND contact_id = (SELECT id FROM channel_contact WHERE address = ?) ORDER BY created_at DESC LIMIT 1",
    )
      .bind(phone)
      .first<{ status: string; attempts: number }>();
    expect(row).toEqual({ status: "sent", attempts: 3 });
  });

  it("a refusal that will not change (400) is dead-lettered with the provider's reason, not retried", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const { phone } = await linkedStudent(testEnv, jobs);
    graph.failNext(400, 1);
    await deliverMessage(testEnv, jobs, webhookPayload(phone, text("sources")));
    const row = await env.DB.prepare(
      "SELECT status, attempts, error FROM channel_message WHERE direction = 'out' AND contact_id = (SELECT id FROM channel_contact WHERE address = ?) ORDER BY created_at DESC LIMIT 1",
    )
      .bind(phone)
      .first<{ status: string; attempts: number; error: string }>();
    expect(row).toEqual({ status: "failed", attempts: 1, error: "400: fake 400" });
    expect(jobs).toEqual([]);
  });

  it("the hourly sweep re-sends a part stuck in `sending` (its consumer died) exactly once", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const { phone } = await linkedStudent(testEnv, jobs);
    const contact = await env.DB.prepare("SELECT id, instance_id AS instanceId FROM channel_contact WHERE address = ?")
      .bind(phone)
      .first<{ id: string; instanceId: string }>();
    if (!contact) throw new Error("no contact");
    const replyKey = `test-stuck:${phone}`;
    await queueReply(env.DB, {
      instanceId: contact.instanceId,
      contactId: contact.id,
      replyKey,
      parts: [{ kind: "text", text: "stuck" }],
    });
    const tenMinutesAgo = Date.now() - 10 * 60 * 1000;
    await env.DB.prepare(
      "UPDATE channel_message SET status = 'sending', attempts = 1, updated_at = ? WHERE reply_key = ?",
    )
      .bind(tenMinutesAgo, replyKey)
      .run();
    await runCleanup(testEnv);
    expect(jobs).toContainEqual({ kind: "send", replyKey });
    await drain(testEnv, jobs);
    await runCleanup(testEnv);
    await drain(testEnv, jobs);
    expect(graph.to(phone).filter((m) => m.text === "stuck")).toHaveLength(1);
  });
});

describe("daily reminders", () => {
  it("reminds of due cards once a day, only inside the 24-hour window, never a stopped number", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const { user, auth, notebookId } = await studentWithNotes();
    await postJson(`/v1/notebooks/${notebookId}/flashcards`, auth, { front: "ATP?", back: "Energy" });
    const phone = newPhone("1415");
    await linkPhone(testEnv, jobs, user, phone);
    const reminders = () => graph.to(phone).filter((m) => m.text.startsWith("You have 1 flashcard(s) due"));

    await runCleanup(testEnv);
    await drain(testEnv, jobs);
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]?.ids).toEqual(["cards"]);
    await runCleanup(testEnv, Date.now() + 60 * 60 * 1000);
    await drain(testEnv, jobs);
    expect(reminders()).toHaveLength(1);

    // Two days later the window has closed (no template configured): nothing.
    await runCleanup(testEnv, Date.now() + 2 * 24 * 60 * 60 * 1000);
    await drain(testEnv, jobs);
    expect(reminders()).toHaveLength(1);

    // Stopped from the web: nothing even inside the window.
    const other = newPhone("1415");
    const user2 = await signUp();
    const nb = (await (await postJson("/v1/notebooks", bearer(user2), { title: "Chem" })).json()) as { id: string };
    await postJson(`/v1/notebooks/${nb.id}/flashcards`, bearer(user2), { front: "H2O?", back: "Water" });
    await linkPhone(testEnv, jobs, user2, other);
    const list = (await (await postJson("/v1/channels/whatsapp/contacts", bearer(user2), undefined, "GET")).json()) as {
      items: { id: string }[];
    };
    const patch = await postJson(
      `/v1/channels/whatsapp/contacts/${list.items[0]?.id}`,
      bearer(user2),
      { reminders: false },
      "PATCH",
    );
    expect(patch.status).toBe(200);
    await runCleanup(testEnv);
    await drain(testEnv, jobs);
    expect(graph.to(other).filter((m) => m.text.includes("due in"))).toEqual([]);
  });
});

describe("reminders outside the 24-hour window", () => {
  it("go only as the configured approved template, with the count and the notebook as its variables", async () => {
    const held = heldQueueEnv();
    const testEnv = { ...held.env, WHATSAPP_REMINDER_TEMPLATE: "due_cards:pt_BR" } as Env;
    const { jobs } = held;
    const { auth, notebookId, phone } = await linkedStudent(testEnv, jobs);
    await postJson(`/v1/notebooks/${notebookId}/flashcards`, auth, { front: "ATP?", back: "Energy" });
    await runCleanup(testEnv, Date.now() + 2 * 24 * 60 * 60 * 1000);
    await drain(testEnv, jobs);
    const template = graph.to(phone).find((m) => m.type === "template");
    expect(template?.body.template).toEqual({
      name: "due_cards",
      language: { code: "pt_BR" },
      components: [
        {
          type: "body",
          parameters: [
            { type: "text", text: "1" },
            { type: "text", text: "Biology" },
          ],
        },
      ],
    });
  });
});

describe("a partner's number", () => {
  it("is limited by its owner's plan: instances, and contacts across its numbers (a polite line past it)", async () => {
    const { env: testEnv, jobs } = heldQueueEnv();
    const school = await signUp("School");
    const first = await createPartnerInstance(env.DB, {
      ownerId: school.userId,
      provider: "whatsapp-cloud",
      externalId: `77${Date.now()}`,
      displayName: "School",
      limit: 1,
    });
    expect(first).not.toBeNull();
    const second = await createPartnerInstance(env.DB, {
      ownerId: school.userId,
      provider: "whatsapp-cloud",
      externalId: `78${Date.now()}`,
      displayName: "School 2",
      limit: 1,
    });
    expect(second).toBeNull();
    // The free plan's 500 contacts, all taken.
    const now = Date.now();
    await env.DB.batch(
      Array.from({ length: 500 }, (_, i) =>
        env.DB.prepare(
          "INSERT INTO channel_contact (id, instance_id, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        ).bind(`chc_fill_${now}_${i}`, first?.id, `4470000${i}`, now, now),
      ),
    );
    const payload = webhookPayload("447999000111", text("hello"));
    const entry = payload.entry[0]?.changes[0]?.value as { metadata: { phone_number_id: string } };
    entry.metadata.phone_number_id = first?.externalId as string;
    await deliverMessage(testEnv, jobs, payload);
    const contacts = await env.DB.prepare("SELECT count(*) AS n FROM channel_contact WHERE instance_id = ?")
      .bind(first?.id)
      .first<{ n: number }>();
    expect(contacts?.n).toBe(500);
    // One polite line from the partner's own number, and the person is not stored as a contact.
    expect(graph.to("447999000111").map((m) => [m.via, m.text])).toEqual([
      [first?.externalId, "Thank you for writing! This studyAI number cannot take new contacts right now."],
    ]);
  });
});

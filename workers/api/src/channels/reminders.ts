/**
 * The daily reminder of due flashcards, from the hourly cron, never spam: at most one a day per contact
 * (its reply key is the contact and the UTC day, so a second run that day adds nothing), only for linked,
 * not stopped contacts with cards due, and only inside WhatsApp's 24-hour customer-service window — or,
 * outside it, as the approved template when WHATSAPP_REMINDER_TEMPLATE names one. The sweep beside it
 * re-queues work a crashed consumer left behind (an inbound message not done, a part stuck in `sending`).
 */
import { getConfig } from "../platform/config";
import type { Logger } from "../platform/logger";
import type { ChannelLanguage } from "./commands";
import { queueReply, stuckWork } from "./messages.store";
import { reply } from "./replies";
import type { ChannelJob, OutboundMessage } from "./types";

const DAY = 24 * 60 * 60 * 1000;
/** Inside the window with an hour to spare for the queue. */
const WINDOW_MS = 23 * 60 * 60 * 1000;
const MIN_GAP_MS = 20 * 60 * 60 * 1000;

type Candidate = {
  contactId: string;
  instanceId: string;
  language: ChannelLanguage;
  lastInboundAt: number | null;
  title: string;
  due: number;
};

export async function sendReminders(env: Env, now: number, log: Logger) {
  const { whatsapp } = getConfig(env).channels;
  if (!whatsapp) return { reminded: 0 };
  const template = whatsapp.reminderTemplate;
  const endOfDay = Math.floor(now / DAY) * DAY + DAY;
  const { results } = await env.DB.prepare(
    `SELECT c.id AS contactId, c.instance_id AS instanceId, c.language, c.last_inbound_at AS lastInboundAt,
            n.title, (SELECT count(*) FROM flashcard f WHERE f.notebook_id = c.notebook_id AND f.owner_id = c.user_id AND f.due <= ?1) AS due
       FROM channel_contact c JOIN notebook n ON n.id = c.notebook_id AND n.owner_id = c.user_id
      WHERE c.user_id IS NOT NULL AND c.status = 'active'
        AND (c.last_reminder_at IS NULL OR c.last_reminder_at < ?2)
        AND (?3 = 1 OR c.last_inbound_at > ?4)
      LIMIT 500`,
  )
    .bind(endOfDay, now - MIN_GAP_MS, template ? 1 : 0, now - WINDOW_MS)
    .all<Candidate>();
  let reminded = 0;
  const day = new Date(now).toISOString().slice(0, 10);
  for (const c of results.filter((r) => r.due > 0)) {
    const inWindow = (c.lastInboundAt ?? 0) > now - WINDOW_MS;
    const text = reply(c.language, "reminder", { count: c.due, title: c.title });
    const part: OutboundMessage = inWindow
      ? { kind: "buttons", text, buttons: [{ id: "cards", title: reply(c.language, "reviewNow") }] }
      : {
          kind: "template",
          name: template?.name ?? "",
          language: template?.language ?? "en",
          params: [String(c.due), c.title],
        };
    const replyKey = `reminder:${c.contactId}:${day}`;
    await queueReply(env.DB, { instanceId: c.instanceId, contactId: c.contactId, replyKey, parts: [part] });
    await env.DB.prepare("UPDATE channel_contact SET last_reminder_at = ? WHERE id = ?").bind(now, c.contactId).run();
    await env.CHANNEL_QUEUE.send({ kind: "send", replyKey } satisfies ChannelJob, { contentType: "json" });
    reminded += 1;
  }
  if (reminded) log.info("channel reminders queued", { reminded });
  return { reminded };
}

/** Puts stuck work back on the queue (claims make a second delivery harmless). */
export async function sweepChannels(env: Env, now: number, log: Logger) {
  const { inbound, replies } = await stuckWork(env.DB, now);
  const jobs: ChannelJob[] = [
    ...inbound.map((body) => ({ kind: "inbound", message: JSON.parse(body) }) as ChannelJob),
    ...replies.map((replyKey) => ({ kind: "send", replyKey }) as const),
  ];
  if (jobs.length) {
    await env.CHANNEL_QUEUE.sendBatch(jobs.map((body) => ({ body, contentType: "json" as const })));
    log.warn("channel work re-queued", { inbound: inbound.length, replies: replies.length });
  }
  return { requeued: jobs.length };
}

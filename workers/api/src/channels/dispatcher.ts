/**
 * One inbound message, start to finish: the instance it was sent to, its row (a redelivery stops here),
 * its contact (created within the owner's contact limit), the month's message quota, the command, and the
 * reply stored part by part before it is sent. A failure before the reply is stored puts the message back
 * for the queue's retry; once stored, the reply is sent (and retried) on its own.
 */
import { getDb } from "../db";
import { getConfig } from "../platform/config";
import type { Logger } from "../platform/logger";
import { Problem } from "../platform/problem";
import { planOf } from "../usage/plans";
import { consumeQuota } from "../usage/quotas";
import {
  type ContactRow,
  contactFor,
  ensurePlatformInstance,
  findInstance,
  type InstanceRow,
  updateContact,
} from "./channels.store";
import { type Command, parseCommand } from "./commands";
import { accountUrl, type ChannelContext, type LinkedContext, say } from "./context";
import { addDocumentByMessage } from "./documents-in";
import { linkByCode, setReminders, unlinkFromPhone } from "./linking";
import { claimInbound, finishInbound, queueReply, recordInbound } from "./messages.store";
import { providerFor } from "./providers";
import { answerByMessage } from "./questions";
import { languageOfNumber } from "./replies";
import { listNotebooksReply, listSourcesReply, nextCard, rateCard, showAnswer, useNotebook } from "./study";
import type { InboundMessage, OutboundMessage } from "./types";

export type InboundOutcome = "replied" | "silent" | "duplicate" | "unknown-instance";
/** What happened, and the key the reply was stored under (to send it next). */
export type Handled = { outcome: InboundOutcome; replyKey?: string };

async function instanceOf(env: Env, message: InboundMessage): Promise<InstanceRow | null> {
  const { whatsapp } = getConfig(env).channels;
  if (message.provider === "whatsapp-cloud" && whatsapp?.phoneNumberId === message.instance) {
    return ensurePlatformInstance(env.DB, message.provider, message.instance);
  }
  return findInstance(env.DB, message.provider, message.instance);
}

/** Whose plan pays: a partner's number counts against its owner, the deployment's number against the student. */
const payerOf = (instance: InstanceRow, contact: ContactRow | null) => instance.ownerId ?? contact?.userId ?? null;

export async function handleInbound(env: Env, message: InboundMessage, log: Logger): Promise<Handled> {
  const instance = await instanceOf(env, message);
  if (!instance) {
    log.warn("message for a number this deployment does not serve", { instance: message.instance });
    return { outcome: "unknown-instance" };
  }
  const provider = providerFor(env, instance);
  if (!provider) throw new Error(`no provider configured for ${instance.provider}`);
  const record = await recordInbound(env.DB, instance.id, message);
  // A redelivery: nothing is answered again, but a stored reply not yet fully sent carries on (sent parts are skipped).
  if (record.status === "done") return { outcome: "duplicate", replyKey: record.id };
  if (record.status === "failed") return { outcome: "duplicate" };

  const owner = instance.ownerId ? await planOf(env.DB, instance.ownerId) : null;
  const contact = await contactFor(env.DB, instance, message.from, {
    language: languageOfNumber(message.from),
    contactLimit: owner?.limits.channelContacts ?? null,
  });
  if (!(await claimInbound(env.DB, record.id, contact?.id ?? null))) return { outcome: "duplicate" };

  try {
    if (!contact) {
      // The owner's plan has no room for another contact: one polite line, not stored as a contact.
      log.warn("channel contact limit reached", { instanceId: instance.id });
      await provider.send(message.from, say({ lang: languageOfNumber(message.from) }, "contactsQuota"));
      await finishInbound(env.DB, record.id, "done", "contact limit reached");
      return { outcome: "replied" };
    }
    const { command, lang: hinted } = parseCommand(message.content);
    const lang = hinted ?? contact.language;
    const lastInboundAt = Math.max(contact.lastInboundAt ?? 0, message.sentAt);
    await updateContact(env.DB, contact.id, { lastInboundAt, language: lang });
    const ctx: ChannelContext = {
      env,
      db: getDb(env.DB),
      log,
      instance,
      contact: { ...contact, language: lang, lastInboundAt },
      lang,
      appUrl: getConfig(env).appUrl,
      textLimit: provider.textLimit,
      provider,
    };
    const parts = await replyTo(ctx, command);
    await queueReply(env.DB, { instanceId: instance.id, contactId: contact.id, replyKey: record.id, parts });
    await finishInbound(env.DB, record.id, "done");
    return parts.length ? { outcome: "replied", replyKey: record.id } : { outcome: "silent" };
  } catch (err) {
    // Back to `received`, so the queue's retry can claim it again at once.
    await env.DB.prepare("UPDATE channel_message SET status = 'received', updated_at = ? WHERE id = ?")
      .bind(Date.now(), record.id)
      .run();
    throw err;
  }
}

/** The reply to one command; unlinked numbers only link, or get the one welcome. */
async function replyTo(ctx: ChannelContext, command: Command): Promise<OutboundMessage[]> {
  const { contact } = ctx;
  if (command.kind === "link") return linkByCode(ctx, command.code);
  if (!contact.userId) {
    const welcome = say(ctx, "welcome", { url: accountUrl(ctx.appUrl) });
    if (command.kind === "help") return [welcome];
    if (contact.welcomedAt) return [];
    await updateContact(ctx.env.DB, contact.id, { welcomedAt: Date.now() });
    return [welcome];
  }
  const linked: LinkedContext = { ...ctx, userId: contact.userId };
  switch (command.kind) {
    case "unlink":
      return unlinkFromPhone(ctx);
    case "stop":
    case "start":
      return setReminders(ctx, command.kind === "start");
    case "help":
      return [say(ctx, "help")];
    case "unsupported":
      return [say(ctx, "unsupported")];
  }
  const quota = await takeMessage(linked);
  if (quota) return [quota];
  switch (command.kind) {
    case "notebooks":
      return listNotebooksReply(linked);
    case "use":
      return useNotebook(linked, command.name);
    case "sources":
      return listSourcesReply(linked);
    case "cards":
      return nextCard(linked);
    case "show":
      return showAnswer(linked, command.cardId);
    case "rate":
      return rateCard(linked, command.cardId, command.rating);
    case "import":
      return addDocumentByMessage(linked, { kind: "url", url: command.url });
    case "document":
      return addDocumentByMessage(linked, {
        kind: "media",
        mediaId: command.mediaId,
        fileName: command.fileName,
        mimeType: command.mimeType,
      });
    case "question":
      return answerByMessage(linked, command.text);
  }
}

/** One of the month's messages for whoever pays; the polite refusal when there are none left. */
async function takeMessage(ctx: LinkedContext): Promise<OutboundMessage | null> {
  const payer = payerOf(ctx.instance, ctx.contact);
  if (!payer) return null;
  const { limits } = await planOf(ctx.env.DB, payer);
  try {
    await consumeQuota(ctx.env.DB, {
      userId: payer,
      metric: "channelMessages",
      period: "month",
      limit: limits.channelMessagesPerMonth,
    });
    return null;
  } catch (err) {
    if (!(err instanceof Problem) || err.status !== 429) throw err;
    const now = new Date();
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    const date = next.toISOString().slice(0, 10);
    return say(ctx, "messagesQuota", { limit: limits.channelMessagesPerMonth, date });
  }
}

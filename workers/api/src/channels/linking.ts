/**
 * Linking a number to a studyAI account from the phone (`link CODE`), and `unlink` / `stop` / `start`
 * from it. The code comes from Account settings (link-codes.ts); a number with too many wrong codes in an
 * hour is told to wait, without the code being looked at.
 */
import { listNotebooks } from "../notebooks/notebooks.store";
import { updateContact } from "./channels.store";
import { accountUrl, type ChannelContext, say } from "./context";
import { redeemLinkCode, tooManyWrongCodes } from "./link-codes";
import type { OutboundMessage } from "./types";

export async function linkByCode(ctx: ChannelContext, code: string): Promise<OutboundMessage[]> {
  const { contact } = ctx;
  const now = Date.now();
  if (tooManyWrongCodes(contact, now)) return [say(ctx, "linkTooMany")];
  const userId = await redeemLinkCode(ctx.env.DB, code, now);
  if (!userId) {
    const withinHour = (contact.linkFailedAt ?? 0) > now - 60 * 60 * 1000;
    await updateContact(ctx.env.DB, contact.id, {
      linkFailures: withinHour ? contact.linkFailures + 1 : 1,
      linkFailedAt: now,
    });
    return [say(ctx, "linkInvalid", { url: accountUrl(ctx.appUrl) })];
  }
  const [latest] = await listNotebooks(ctx.db, userId, 1);
  await updateContact(ctx.env.DB, contact.id, {
    userId,
    notebookId: latest?.id ?? null,
    threadId: null,
    cardId: null,
    status: "active",
    linkFailures: 0,
  });
  if (!latest) return [say(ctx, "linkedNoNotebook", { url: ctx.appUrl })];
  return [say(ctx, "linked", { title: latest.title })];
}

export async function unlinkFromPhone(ctx: ChannelContext): Promise<OutboundMessage[]> {
  await updateContact(ctx.env.DB, ctx.contact.id, { userId: null, notebookId: null, threadId: null, cardId: null });
  return [say(ctx, "unlinked")];
}

export async function setReminders(ctx: ChannelContext, on: boolean): Promise<OutboundMessage[]> {
  await updateContact(ctx.env.DB, ctx.contact.id, { status: on ? "active" : "stopped" });
  return [say(ctx, on ? "started" : "stopped")];
}

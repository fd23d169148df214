/**
 * Sending a reply: its parts in order, each claimed (`queued → sending`) before the provider is called, so
 * two deliveries of the same work never send a part twice. A 429 or 5xx puts the part back (`queued`) for
 * the queue to retry with backoff; anything else, or too many attempts, fails the rest of the reply with the
 * provider's reason (dead-lettered: kept, visible, never retried in a loop).
 */
import type { Logger } from "../platform/logger";
import { getContact } from "./channels.store";
import { claimPart, failReply, markPart, replyParts } from "./messages.store";
import type { ChannelProvider, OutboundMessage } from "./types";

/** Attempts per part before the reply is dead-lettered. */
export const MAX_SEND_ATTEMPTS = 5;
/** Backoff between attempts (seconds), by attempt number. */
export const SEND_BACKOFF_SECONDS = [5, 20, 60, 180, 300];

export type DeliveryOutcome = "sent" | "retry" | "failed" | "busy";

export async function deliverReply(
  db: D1Database,
  provider: (instanceId: string) => Promise<ChannelProvider | null>,
  replyKey: string,
  log: Logger,
): Promise<DeliveryOutcome> {
  const parts = await replyParts(db, replyKey);
  for (const part of parts) {
    if (part.status === "sent") continue;
    if (part.status === "failed") return "failed";
    const attempts = await claimPart(db, part.id);
    // Another delivery is sending this part right now: it carries on with the rest.
    if (attempts === null) return "busy";
    const contact = await getContact(db, part.contactId);
    const sender = await provider(part.instanceId);
    if (!contact || !sender) {
      await failReply(db, replyKey, contact ? "the channel is not configured" : "the contact is gone");
      return "failed";
    }
    const result = await sender.send(contact.address, JSON.parse(part.body) as OutboundMessage);
    if (result.ok) {
      await markPart(db, part.id, "sent", { externalId: result.externalId });
      continue;
    }
    log.warn("channel send failed", {
      replyKey,
      part: part.part,
      attempts,
      status: result.status,
      reason: result.reason,
    });
    if (result.retryable && attempts < MAX_SEND_ATTEMPTS) {
      await markPart(db, part.id, "queued", { error: result.reason });
      return "retry";
    }
    await failReply(db, replyKey, `${result.status}: ${result.reason}`.slice(0, 500));
    return "failed";
  }
  return "sent";
}

export const backoffSeconds = (attempt: number) =>
  SEND_BACKOFF_SECONDS[Math.min(Math.max(attempt, 1), SEND_BACKOFF_SECONDS.length) - 1] ?? 300;

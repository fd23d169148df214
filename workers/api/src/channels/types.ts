/**
 * The channel room's vocabulary, provider-neutral: what a person sent (`InboundMessage`), what we send back
 * (`OutboundMessage`) and the seam a provider implements (`ChannelProvider`). WhatsApp Cloud API and the
 * Evolution API are two providers; a later channel (Telegram, SMS) adds a third without touching the rest.
 */
import { z } from "zod";

export const PROVIDERS = ["whatsapp-cloud", "evolution"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export const InboundContentSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string().max(8192) }),
  /** A tap on a reply button or a list row: `id` is the one we gave it. */
  z.object({ kind: z.literal("choice"), id: z.string().max(256), title: z.string().max(256) }),
  z.object({
    kind: z.literal("document"),
    mediaId: z.string().min(1).max(256),
    fileName: z.string().max(512).nullable(),
    mimeType: z.string().max(256).nullable(),
  }),
  /** Images, audio, stickers, locations…: answered with what we can take. */
  z.object({ kind: z.literal("unsupported"), type: z.string().max(64) }),
]);

/** One message a person sent, as every provider's webhook adapter normalises it. */
export const InboundMessageSchema = z.object({
  provider: z.enum(PROVIDERS),
  /** The number it was sent to: the Cloud API's phone number id, or the Evolution instance name. */
  instance: z.string().min(1).max(128),
  /** The provider's message id (WhatsApp's `wamid…`): redeliveries carry the same one. */
  externalId: z.string().min(1).max(256),
  /** The sender's address (a WhatsApp id: the phone number in digits). */
  from: z.string().min(3).max(64),
  /** When the person sent it (milliseconds). */
  sentAt: z.number().int().nonnegative(),
  content: InboundContentSchema,
});
export type InboundMessage = z.infer<typeof InboundMessageSchema>;
export type InboundContent = z.infer<typeof InboundContentSchema>;

export type Choice = { id: string; title: string };

/** What we send. Providers map each kind to their own shape (or to plain text when they lack it). */
export type OutboundMessage =
  | { kind: "text"; text: string }
  /** At most three buttons (WhatsApp's limit); titles at most 20 characters. */
  | { kind: "buttons"; text: string; buttons: Choice[] }
  /** A list behind one button: up to ten rows (used where four choices do not fit three buttons). */
  | { kind: "list"; text: string; button: string; rows: Choice[] }
  /** An approved template: the only thing WhatsApp delivers outside the 24-hour window. */
  | { kind: "template"; name: string; language: string; params: string[] };

export type SendResult =
  | { ok: true; externalId: string | null }
  /** `retryable`: a 429 or 5xx (or the network); anything else will fail the same way again. */
  | { ok: false; retryable: boolean; status: number; reason: string };

export type DownloadedMedia = { blob: Blob; mimeType: string | null; fileName: string | null };

export interface ChannelProvider {
  readonly name: ProviderName;
  /** The largest text one message may carry; longer replies are split. */
  readonly textLimit: number;
  send(to: string, message: OutboundMessage): Promise<SendResult>;
  /** The bytes of a document the person sent, refused (a Problem) past `maxBytes` before buffering it. */
  downloadMedia(mediaId: string, maxBytes: number): Promise<DownloadedMedia>;
}

/** The channel queue's messages. */
export const ChannelJobSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("inbound"), message: InboundMessageSchema }),
  /** Send (or retry) the queued parts of one reply, in order. */
  z.object({ kind: z.literal("send"), replyKey: z.string().min(1).max(256) }),
  /** A document sent in by message has settled (ready, rejected or failed): tell its contact. */
  z.object({ kind: z.literal("document"), documentId: z.string().min(1).max(64) }),
]);
export type ChannelJob = z.infer<typeof ChannelJobSchema>;

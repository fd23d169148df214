/**
 * The Cloud API's webhook payload → provider-neutral inbound messages. Only `messages` changes carry
 * anything to answer; delivery statuses (sent, delivered, read) and other fields are acknowledged and
 * dropped. Unknown message types become `unsupported` (answered with what we can take).
 */
import { z } from "zod";
import type { InboundContent, InboundMessage } from "../types";

const MessageSchema = z
  .object({
    from: z.string().min(3).max(64),
    id: z.string().min(1).max(256),
    timestamp: z.string().regex(/^\d{1,12}$/),
    type: z.string().max(64),
    text: z.object({ body: z.string() }).optional(),
    interactive: z
      .object({
        type: z.string(),
        button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
        list_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      })
      .optional(),
    /** A quick-reply button of a template message (the reminder's "Review now"). */
    button: z.object({ payload: z.string().optional(), text: z.string() }).optional(),
    document: z
      .object({ id: z.string(), filename: z.string().optional(), mime_type: z.string().optional() })
      .optional(),
  })
  .loose();

export const WebhookSchema = z
  .object({
    object: z.string(),
    entry: z.array(
      z
        .object({
          changes: z.array(
            z
              .object({
                field: z.string(),
                value: z
                  .object({
                    metadata: z.object({ phone_number_id: z.string() }).loose().optional(),
                    messages: z.array(z.unknown()).optional(),
                  })
                  .loose(),
              })
              .loose(),
          ),
        })
        .loose(),
    ),
  })
  .loose();

function contentOf(m: z.infer<typeof MessageSchema>): InboundContent {
  if (m.type === "text" && m.text) return { kind: "text", text: m.text.body.slice(0, 8192) };
  const choice = m.interactive?.button_reply ?? m.interactive?.list_reply;
  if (m.type === "interactive" && choice) return { kind: "choice", id: choice.id, title: choice.title };
  if (m.type === "button" && m.button) return { kind: "choice", id: m.button.payload ?? "", title: m.button.text };
  if (m.type === "document" && m.document) {
    return {
      kind: "document",
      mediaId: m.document.id,
      fileName: m.document.filename ?? null,
      mimeType: m.document.mime_type ?? null,
    };
  }
  return { kind: "unsupported", type: m.type };
}

/** The messages in a verified delivery; `null` when it is not a WhatsApp Business payload at all. */
export function inboundMessages(body: unknown): InboundMessage[] | null {
  const parsed = WebhookSchema.safeParse(body);
  if (!parsed.success || parsed.data.object !== "whatsapp_business_account") return null;
  const out: InboundMessage[] = [];
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes) {
      const instance = change.value.metadata?.phone_number_id;
      if (change.field !== "messages" || !instance) continue;
      for (const raw of change.value.messages ?? []) {
        const m = MessageSchema.safeParse(raw);
        if (!m.success) continue;
        out.push({
          provider: "whatsapp-cloud",
          instance,
          externalId: m.data.id,
          from: m.data.from,
          sentAt: Number(m.data.timestamp) * 1000,
          content: contentOf(m.data),
        });
      }
    }
  }
  return out;
}

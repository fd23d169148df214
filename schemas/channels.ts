/** Messaging channels (WhatsApp): the DTOs of Account settings' link flow (workers/api/src/channels/). */
import { z } from "@hono/zod-openapi";

export const LinkCodeSchema = z
  .object({
    code: z.string().openapi({ example: "7KQ2M9XD", description: "Send it from WhatsApp as `link CODE`" }),
    expiresAt: z.string().openapi({ format: "date-time" }),
    message: z.string().openapi({ example: "link 7KQ2M9XD", description: "The exact text to send" }),
    /** The deployment's WhatsApp number, and a wa.me link that opens a chat with the message typed in. */
    phoneNumber: z.string().nullable().openapi({ example: "+15551234567" }),
    chatUrl: z.string().nullable().openapi({ example: "https://wa.me/15551234567?text=link%207KQ2M9XD" }),
  })
  .openapi("ChannelLinkCode");

export const ChannelContactSchema = z
  .object({
    id: z.string(),
    provider: z.enum(["whatsapp-cloud", "evolution"]),
    address: z.string().openapi({ example: "5511987654321", description: "The WhatsApp number (digits)" }),
    reminders: z.boolean().openapi({ description: "False after `stop` (from the phone or here)" }),
    linkedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("ChannelContact");

export const ChannelContactListSchema = z
  .object({ items: z.array(ChannelContactSchema) })
  .openapi("ChannelContactList");

export const UpdateChannelContactSchema = z
  .object({ reminders: z.boolean().openapi({ description: "false = `stop`, true = `start`" }) })
  .strict()
  .openapi("UpdateChannelContact");

export type LinkCodeDto = z.infer<typeof LinkCodeSchema>;
export type ChannelContactDto = z.infer<typeof ChannelContactSchema>;

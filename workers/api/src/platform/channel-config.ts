/**
 * The messaging channels' settings, part of the one configuration schema (config.ts spreads
 * `channelConfigShape` into it and maps the result with `toChannelConfig`). WhatsApp is on only when its
 * four secrets are set; without them the channel routes answer a 503 problem saying which are missing and
 * nothing else changes.
 */
import { z } from "zod";
import { optionalString } from "./ops-config";

export const WHATSAPP_SECRETS = [
  "WHATSAPP_APP_SECRET",
  "WHATSAPP_VERIFY_TOKEN",
  "WHATSAPP_ACCESS_TOKEN",
  "WHATSAPP_PHONE_NUMBER_ID",
] as const;

/** Meta's Graph API; a version is part of the path (Cloud API releases are dated, old ones retire). */
export const DEFAULT_GRAPH_URL = "https://graph.facebook.com/v21.0";

/** Built when the configuration is first parsed (config.ts), not at startup. */
export const channelConfigShape = () => ({
  WHATSAPP_APP_SECRET: optionalString(),
  WHATSAPP_VERIFY_TOKEN: optionalString(),
  WHATSAPP_ACCESS_TOKEN: optionalString(),
  WHATSAPP_PHONE_NUMBER_ID: optionalString().pipe(
    z
      .string()
      .regex(/^\d{5,20}$/, "must be the numeric phone number id from the WhatsApp Manager")
      .optional(),
  ),
  WHATSAPP_GRAPH_URL: optionalString().pipe(z.url().optional()),
  /** The number students write to, shown in Account settings (e.g. +15551234567). Not a secret. */
  WHATSAPP_DISPLAY_NUMBER: optionalString().pipe(
    z
      .string()
      .regex(/^\+?[\d ]{6,20}$/, "must be a phone number such as +15551234567")
      .optional(),
  ),
  /** An approved message template for the daily reminder outside the 24-hour window ("name" or "name:pt_BR"). */
  WHATSAPP_REMINDER_TEMPLATE: optionalString(),
  CHANNEL_QUEUE_NAME: z.string().min(1).default("channel-messages"),
  CHANNEL_DLQ_NAME: z.string().min(1).default("channel-messages-dlq"),
});

type Parsed = {
  [K in keyof ReturnType<typeof channelConfigShape>]?: z.output<ReturnType<typeof channelConfigShape>[K]>;
};

export type WhatsAppConfig = {
  appSecret: string;
  verifyToken: string;
  accessToken: string;
  phoneNumberId: string;
  graphUrl: string;
  reminderTemplate: { name: string; language: string } | null;
  /** Digits only (wa.me links take them so), or null when not configured. */
  displayNumber: string | null;
};

export type ChannelConfig = {
  /** Null unless all four secrets are set; `missing` names the ones that are not. */
  whatsapp: WhatsAppConfig | null;
  whatsappMissing: string[];
  queues: { messages: string; deadLetters: string };
};

export function toChannelConfig(c: Parsed): ChannelConfig {
  const missing = WHATSAPP_SECRETS.filter((name) => !c[name]);
  const [templateName, templateLanguage] = (c.WHATSAPP_REMINDER_TEMPLATE ?? "").split(":");
  return {
    whatsapp:
      missing.length === 0
        ? {
            appSecret: c.WHATSAPP_APP_SECRET as string,
            verifyToken: c.WHATSAPP_VERIFY_TOKEN as string,
            accessToken: c.WHATSAPP_ACCESS_TOKEN as string,
            phoneNumberId: c.WHATSAPP_PHONE_NUMBER_ID as string,
            graphUrl: (c.WHATSAPP_GRAPH_URL ?? DEFAULT_GRAPH_URL).replace(/\/+$/, ""),
            reminderTemplate: templateName ? { name: templateName, language: templateLanguage || "en" } : null,
            displayNumber: c.WHATSAPP_DISPLAY_NUMBER?.replace(/\D/g, "") || null,
          }
        : null,
    whatsappMissing: missing,
    queues: {
      messages: c.CHANNEL_QUEUE_NAME ?? "channel-messages",
      deadLetters: c.CHANNEL_DLQ_NAME ?? "channel-messages-dlq",
    },
  };
}

/**
 * The WhatsApp Cloud API provider: messages out through `POST /{phone-number-id}/messages`, documents in
 * through the media API (`GET /{media-id}` → a short-lived URL → the bytes, both with the access token).
 * Every call goes to the configured Graph base URL, so tests and local runs point it at a fake.
 */
import { readWithin } from "../../documents/fetch-url";
import { payloadTooLarge } from "../../documents/upload-limit";
import type { WhatsAppConfig } from "../../platform/channel-config";
import { Problem } from "../../platform/problem";
import type { ChannelProvider, DownloadedMedia, OutboundMessage, SendResult } from "../types";

const TIMEOUT_MS = 15_000;
/** WhatsApp's limits: text body 4096, interactive body 1024, button title 20, list row title 24. */
export const TEXT_LIMIT = 4096;
const INTERACTIVE_BODY = 1024;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function graphMessage(to: string, message: OutboundMessage): Record<string, unknown> {
  const base = { messaging_product: "whatsapp", recipient_type: "individual", to };
  switch (message.kind) {
    case "text":
      return { ...base, type: "text", text: { body: clip(message.text, TEXT_LIMIT), preview_url: false } };
    case "buttons":
      return {
        ...base,
        type: "interactive",
        interactive: {
          type: "button",
          body: { text: clip(message.text, INTERACTIVE_BODY) },
          action: {
            buttons: message.buttons
              .slice(0, 3)
              .map((b) => ({ type: "reply", reply: { id: b.id, title: clip(b.title, 20) } })),
          },
        },
      };
    case "list":
      return {
        ...base,
        type: "interactive",
        interactive: {
          type: "list",
          body: { text: clip(message.text, INTERACTIVE_BODY) },
          action: {
            button: clip(message.button, 20),
            sections: [{ rows: message.rows.slice(0, 10).map((r) => ({ id: r.id, title: clip(r.title, 24) })) }],
          },
        },
      };
    case "template":
      return {
        ...base,
        type: "template",
        template: {
          name: message.name,
          language: { code: message.language },
          components: message.params.length
            ? [{ type: "body", parameters: message.params.map((text) => ({ type: "text", text })) }]
            : [],
        },
      };
  }
}

type GraphError = { error?: { message?: string; code?: number } };

const refused = (detail: string) =>
  new Problem({ status: 422, type: "media-unavailable", title: "Could not fetch the document", detail });

export class WhatsAppCloud implements ChannelProvider {
  readonly name = "whatsapp-cloud" as const;
  readonly textLimit = TEXT_LIMIT;

  constructor(
    private readonly config: WhatsAppConfig,
    /** The number sending: the deployment's own, or a partner's on the same app. */
    private readonly phoneNumberId: string,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  private headers(extra: Record<string, string> = {}) {
    return { authorization: `Bearer ${this.config.accessToken}`, ...extra };
  }

  async send(to: string, message: OutboundMessage): Promise<SendResult> {
    let res: Response;
    try {
      res = await this.fetcher(`${this.config.graphUrl}/${this.phoneNumberId}/messages`, {
        method: "POST",
        headers: this.headers({ "content-type": "application/json" }),
        body: JSON.stringify(graphMessage(to, message)),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      return { ok: false, retryable: true, status: 0, reason: `network: ${(err as Error)?.name ?? "error"}` };
    }
    const body = (await res.json().catch(() => ({}))) as GraphError & { messages?: { id?: string }[] };
    if (res.ok) return { ok: true, externalId: body.messages?.[0]?.id ?? null };
    const reason = body.error?.message ?? res.statusText ?? "error";
    return { ok: false, retryable: res.status === 429 || res.status >= 500, status: res.status, reason };
  }

  async downloadMedia(mediaId: string, maxBytes: number): Promise<DownloadedMedia> {
    const signal = AbortSignal.timeout(TIMEOUT_MS);
    const meta = await this.fetcher(`${this.config.graphUrl}/${encodeURIComponent(mediaId)}`, {
      headers: this.headers(),
      signal,
    });
    if (!meta.ok) throw refused(`WhatsApp did not give us the file (${meta.status}). Send it again.`);
    const info = (await meta.json()) as { url?: string; mime_type?: string; file_size?: number };
    if (!info.url) throw refused("WhatsApp gave no address for the file. Send it again.");
    if ((info.file_size ?? 0) > maxBytes) throw payloadTooLarge(maxBytes);
    const file = await this.fetcher(info.url, { headers: this.headers(), signal });
    if (!file.ok || !file.body) throw refused(`WhatsApp did not give us the file (${file.status}). Send it again.`);
    const blob = await readWithin(file.body, maxBytes, () => payloadTooLarge(maxBytes));
    return { blob, mimeType: info.mime_type ?? null, fileName: null };
  }
}

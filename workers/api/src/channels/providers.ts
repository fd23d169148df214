/** The provider behind an instance: the Cloud API for WhatsApp numbers (null while its secrets are unset). */
import { getConfig } from "../platform/config";
import type { InstanceRow } from "./channels.store";
import type { ChannelProvider } from "./types";
import { WhatsAppCloud } from "./whatsapp/graph";

export function providerFor(env: Env, instance: Pick<InstanceRow, "provider" | "externalId">): ChannelProvider | null {
  const { whatsapp } = getConfig(env).channels;
  if (instance.provider === "whatsapp-cloud" && whatsapp) return new WhatsAppCloud(whatsapp, instance.externalId);
  return null;
}

/** The provider of an instance by its id (outbound sends look it up per reply). */
export async function providerOfInstance(env: Env, instanceId: string): Promise<ChannelProvider | null> {
  const row = await env.DB.prepare("SELECT provider, external_id AS externalId FROM channel_instance WHERE id = ?")
    .bind(instanceId)
    .first<Pick<InstanceRow, "provider" | "externalId">>();
  return row ? providerFor(env, row) : null;
}

/** What every command handler gets: the contact it answers, in their language, and where to link to. */
import type { Db } from "../db";
import type { Logger } from "../platform/logger";
import type { ContactRow, InstanceRow } from "./channels.store";
import type { ChannelLanguage } from "./commands";
import { type ReplyKey, reply } from "./replies";
import type { ChannelProvider, OutboundMessage } from "./types";

export type ChannelContext = {
  env: Env;
  db: Db;
  log: Logger;
  instance: InstanceRow;
  contact: ContactRow;
  lang: ChannelLanguage;
  appUrl: string;
  textLimit: number;
  /** The provider of the contact's instance (sends, and fetches documents they send). */
  provider: ChannelProvider;
};

/** A linked contact: the studyAI account it speaks for. */
export type LinkedContext = ChannelContext & { userId: string };

export const say = (ctx: Pick<ChannelContext, "lang">, key: ReplyKey, params?: Record<string, string | number>) =>
  ({ kind: "text", text: reply(ctx.lang, key, params) }) satisfies OutboundMessage;

export const accountUrl = (appUrl: string) => new URL("/account", appUrl).toString();

/**
 * Account settings' side of a channel: a one-time link code, the numbers linked to the account, reminders
 * off/on (`stop`/`start`) and unlink. Signed-in sessions only: an API key cannot link a phone to a person.
 * The webhooks themselves (signed by the provider, no session) are in whatsapp/whatsapp.index.ts.
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  ChannelContactListSchema,
  ChannelContactSchema,
  LinkCodeSchema,
  UpdateChannelContactSchema,
} from "../../../../schemas/channels";
import { requireSession } from "../auth/require-user";
import { problemResponses, sessionOnly as security } from "../platform/openapi";

const tags = ["Channels"];
const json = <T>(schema: T) => ({ "application/json": { schema } });
const middleware = requireSession;

const ContactParams = z.object({
  contactId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "contactId", in: "path" }, example: "chc_01jd0c2v9x3f7k2m4q8r6t1w5y" }),
});

export const createLinkCode = createRoute({
  method: "post",
  path: "/channels/whatsapp/link-codes",
  tags,
  security,
  middleware,
  summary: "A one-time code to link a WhatsApp number to this account",
  description:
    "Send `link CODE` from WhatsApp to the deployment's number within 10 minutes; the code works once. At most 5 codes an hour (429). 503 when WhatsApp is not configured on this server.",
  responses: {
    201: { description: "The code (shown once)", content: json(LinkCodeSchema) },
    ...problemResponses(401, 403, 429, 503),
  },
});

export const listContacts = createRoute({
  method: "get",
  path: "/channels/whatsapp/contacts",
  tags,
  security,
  middleware,
  summary: "The WhatsApp numbers linked to this account",
  responses: {
    200: { description: "Linked numbers, newest first", content: json(ChannelContactListSchema) },
    ...problemResponses(401, 403),
  },
});

export const updateContact = createRoute({
  method: "patch",
  path: "/channels/whatsapp/contacts/{contactId}",
  tags,
  security,
  middleware,
  summary: "Turn the daily reminders of a linked number off (`stop`) or on (`start`)",
  request: { params: ContactParams, body: { content: json(UpdateChannelContactSchema), required: true } },
  responses: {
    200: { description: "Updated", content: json(ChannelContactSchema) },
    ...problemResponses(401, 403, 404, 422),
  },
});

export const unlinkContact = createRoute({
  method: "delete",
  path: "/channels/whatsapp/contacts/{contactId}",
  tags,
  security,
  middleware,
  summary: "Unlink a WhatsApp number from this account",
  request: { params: ContactParams },
  responses: { 204: { description: "Unlinked" }, ...problemResponses(401, 403, 404) },
});

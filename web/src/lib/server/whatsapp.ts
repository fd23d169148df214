/** Account settings' WhatsApp link flow through the API (/v1/channels/whatsapp/*), checked with the shared DTOs. */
import { ChannelContactListSchema, LinkCodeSchema } from "$schemas/channels";
import { type ApiEvent, createApi, expectData, noBody } from "./api";

export function listLinkedNumbers(event: ApiEvent) {
  return expectData(createApi(event).GET("/v1/channels/whatsapp/contacts"), (body) =>
    ChannelContactListSchema.parse(body),
  );
}

export function createLinkCode(event: ApiEvent) {
  return expectData(createApi(event).POST("/v1/channels/whatsapp/link-codes"), (body) => LinkCodeSchema.parse(body));
}

export function setReminders(event: ApiEvent, contactId: string, reminders: boolean) {
  return expectData(
    createApi(event).PATCH("/v1/channels/whatsapp/contacts/{contactId}", {
      params: { path: { contactId } },
      body: { reminders },
    }),
    noBody,
  );
}

export function unlinkNumber(event: ApiEvent, contactId: string) {
  return expectData(
    createApi(event).DELETE("/v1/channels/whatsapp/contacts/{contactId}", { params: { path: { contactId } } }),
    noBody,
  );
}

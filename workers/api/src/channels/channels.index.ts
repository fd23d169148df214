import { principalOf } from "../auth/require-user";
import { getConfig } from "../platform/config";
import { createRouter } from "../platform/create-router";
import { notFound } from "../platform/problem";
import * as routes from "./channels.routes";
import { linkedContacts, setContactStatus, unlinkContact } from "./channels.store";
import { issueLinkCode } from "./link-codes";
import { whatsappUnavailable } from "./whatsapp/whatsapp.index";

const toContactDto = (row: Awaited<ReturnType<typeof linkedContacts>>[number]) => ({
  id: row.id,
  provider: row.provider,
  address: row.address,
  reminders: row.status === "active",
  linkedAt: new Date(row.updatedAt).toISOString(),
});

export const channelsRouter = createRouter()
  .openapi(routes.createLinkCode, async (c) => {
    const { whatsapp, whatsappMissing } = getConfig(c.env).channels;
    if (!whatsapp) throw whatsappUnavailable(whatsappMissing);
    const { code, expiresAt } = await issueLinkCode(c.env.DB, principalOf(c).userId);
    const message = `link ${code}`;
    const number = whatsapp.displayNumber;
    c.header("cache-control", "no-store");
    return c.json(
      {
        code,
        expiresAt: expiresAt.toISOString(),
        message,
        phoneNumber: number ? `+${number}` : null,
        chatUrl: number ? `https://wa.me/${number}?text=${encodeURIComponent(message)}` : null,
      },
      201,
    );
  })
  .openapi(routes.listContacts, async (c) => {
    const rows = await linkedContacts(c.env.DB, principalOf(c).userId);
    return c.json({ items: rows.map(toContactDto) }, 200);
  })
  .openapi(routes.updateContact, async (c) => {
    const { userId } = principalOf(c);
    const { contactId } = c.req.valid("param");
    const { reminders } = c.req.valid("json");
    if (!(await setContactStatus(c.env.DB, userId, contactId, reminders ? "active" : "stopped"))) {
      throw notFound(`Contact ${contactId}`);
    }
    const row = (await linkedContacts(c.env.DB, userId)).find((r) => r.id === contactId);
    if (!row) throw notFound(`Contact ${contactId}`);
    return c.json(toContactDto(row), 200);
  })
  .openapi(routes.unlinkContact, async (c) => {
    const { contactId } = c.req.valid("param");
    if (!(await unlinkContact(c.env.DB, principalOf(c).userId, contactId))) throw notFound(`Contact ${contactId}`);
    return c.body(null, 204);
  });

import { principalOf } from "../auth/require-user";
import { getDb } from "../db";
import { createRouter } from "../platform/create-router";
import { decodeCursor, pageOf } from "../platform/pagination";
import * as routes from "./api-keys.routes";
import { createApiKey, listApiKeys, revokeApiKey, toApiKeyDto } from "./api-keys.store";

export const apiKeysRouter = createRouter()
  .openapi(routes.create, async (c) => {
    const created = await createApiKey(getDb(c.env.DB), principalOf(c).userId, c.req.valid("json"));
    c.header("cache-control", "no-store");
    return c.json(created, 201);
  })
  .openapi(routes.list, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const rows = await listApiKeys(getDb(c.env.DB), principalOf(c).userId, limit, decodeCursor(cursor));
    const page = pageOf(rows, limit);
    return c.json({ items: page.items.map(toApiKeyDto), nextCursor: page.nextCursor }, 200);
  })
  .openapi(routes.revoke, async (c) => {
    await revokeApiKey(getDb(c.env.DB), principalOf(c).userId, c.req.valid("param").keyId);
    return c.body(null, 204);
  });

import { createRoute, z } from "@hono/zod-openapi";
import { ApiKeyPageSchema, CreateApiKeySchema, CreatedApiKeySchema } from "../../../../schemas/api-keys";
import { requireSession } from "../auth/require-user";
import { problemResponses, sessionOnly as security } from "../platform/openapi";
import { PageQuerySchema } from "../platform/pagination";

const tags = ["API keys"];
const json = <T>(schema: T) => ({ "application/json": { schema } });
const middleware = requireSession;

export const ApiKeyParams = z.object({
  keyId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "keyId", in: "path" }, example: "key_01jd0c2v9x3f7k2m4q8r6t1w5y" }),
});

export const create = createRoute({
  method: "post",
  path: "/",
  tags,
  security,
  middleware,
  summary: "Create an API key (the secret is in this response only)",
  description: "Needs a signed-in session: an API key cannot create keys.",
  request: { body: { content: json(CreateApiKeySchema), required: true } },
  responses: {
    201: { description: "Created; `key` is shown once", content: json(CreatedApiKeySchema) },
    ...problemResponses(401, 403, 413, 422),
  },
});

export const list = createRoute({
  method: "get",
  path: "/",
  tags,
  security,
  middleware,
  summary: "List your live API keys (prefix and metadata, never the secret)",
  request: { query: PageQuerySchema },
  responses: {
    200: { description: "A page of keys, newest first", content: json(ApiKeyPageSchema) },
    ...problemResponses(401, 403, 422),
  },
});

export const revoke = createRoute({
  method: "delete",
  path: "/{keyId}",
  tags,
  security,
  middleware,
  summary: "Revoke an API key; it stops working at once",
  request: { params: ApiKeyParams },
  responses: { 204: { description: "Revoked" }, ...problemResponses(401, 403, 404) },
});

import { z } from "@hono/zod-openapi";

/** What an API key may do: `read` (GET), `write` (create, change, delete), `ask` (questions to the model). */
export const SCOPES = ["read", "write", "ask"] as const;
export const ScopeSchema = z.enum(SCOPES).openapi("Scope");
export type Scope = z.infer<typeof ScopeSchema>;

export const ApiKeySchema = z
  .object({
    id: z.string().openapi({ example: "key_01jd0c2v9x3f7k2m4q8r6t1w5y" }),
    name: z.string().openapi({ example: "School LMS integration" }),
    prefix: z.string().openapi({ example: "sk_7h3kq2m9", description: "The first characters of the key, for display" }),
    scopes: z.array(ScopeSchema),
    createdAt: z.string().openapi({ format: "date-time" }),
    expiresAt: z.string().nullable().openapi({ format: "date-time" }),
    lastUsedAt: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("ApiKey");

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({
    example: "sk_7h3kq2m9x4c8v1b6n5z0a2s4d6f8g0h2j4k6m8p0",
    description: "The secret. Shown once, here; only its hash is stored.",
  }),
}).openapi("CreatedApiKey");

/** Unknown fields (user ids, hashes, prefixes, timestamps) are stripped, never applied. */
export const CreateApiKeySchema = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
    scopes: z
      .array(ScopeSchema)
      .min(1, "grant at least one scope")
      .refine((s) => new Set(s).size === s.length, "must not repeat a scope")
      .openapi({ example: ["read"] }),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .optional()
      .openapi({ description: "Omit for a key that does not expire" }),
  })
  .openapi("CreateApiKey");

export const ApiKeyPageSchema = z
  .object({ items: z.array(ApiKeySchema), nextCursor: z.string().nullable() })
  .openapi("ApiKeyPage");

export type ApiKeyDto = z.infer<typeof ApiKeySchema>;
export type CreatedApiKeyDto = z.infer<typeof CreatedApiKeySchema>;
export type CreateApiKeyDto = z.infer<typeof CreateApiKeySchema>;

/** Usage, quotas and API keys through the API (/v1/usage, /v1/api-keys), checked with the shared DTOs. */
import { ApiKeyPageSchema, type CreateApiKeyDto, CreatedApiKeySchema, SCOPES, type Scope } from "$schemas/api-keys";
import { UsageSchema } from "$schemas/usage";
import { type ApiEvent, createApi, expectData, noBody } from "./api";

export { SCOPES, type Scope };

export function getUsage(event: ApiEvent) {
  return expectData(createApi(event).GET("/v1/usage"), (body) => UsageSchema.parse(body));
}

export function listApiKeys(event: ApiEvent) {
  return expectData(createApi(event).GET("/v1/api-keys", { params: { query: { limit: 100 } } }), (body) =>
    ApiKeyPageSchema.parse(body),
  );
}

export function createApiKey(event: ApiEvent, input: CreateApiKeyDto) {
  return expectData(createApi(event).POST("/v1/api-keys", { body: input }), (body) => CreatedApiKeySchema.parse(body));
}

export function revokeApiKey(event: ApiEvent, keyId: string) {
  return expectData(createApi(event).DELETE("/v1/api-keys/{keyId}", { params: { path: { keyId } } }), noBody);
}

/** The expiry choices the form offers, in days (0 = never). */
export const KEY_EXPIRY_DAYS = [0, 30, 90, 365] as const;

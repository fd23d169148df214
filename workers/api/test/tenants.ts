import { expect } from "vitest";
import type { CreatedApiKeyDto, Scope } from "../../../schemas/api-keys";
import { bearer, call, jsonBody, signUp, type TestUser } from "./helpers";

/** The web app's origin in tests (APP_URL in wrangler.toml): cookie-authenticated changes need it. */
export const APP_ORIGIN = "http://localhost:8787";

export type CreatedKey = CreatedApiKeyDto;

/** Creates an API key through the API, as the signed-in user would. */
export async function createKey(user: TestUser, scopes: Scope[], extra: Record<string, unknown> = {}) {
  const req = jsonBody({ name: `key ${scopes.join("+")}`, scopes, ...extra });
  const res = await call("/v1/api-keys", {
    method: "POST",
    body: req.body,
    headers: { ...req.headers, ...bearer(user) },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as CreatedKey;
}

export const withKey = (key: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${key}`,
  ...extra,
});
export const withXApiKey = (key: string, extra: Record<string, string> = {}) => ({ "x-api-key": key, ...extra });

/** A signed-up user with a full-scope key and a read-only key. */
export async function tenant(name: string) {
  const user = await signUp(name);
  const full = await createKey(user, ["read", "write", "ask"]);
  const readOnly = await createKey(user, ["read"]);
  return { user, full, readOnly };
}

export async function createNotebookAs(headers: Record<string, string>, title: string, extra = {}) {
  const req = jsonBody({ title, ...extra });
  const res = await call("/v1/notebooks", { method: "POST", body: req.body, headers: { ...req.headers, ...headers } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; title: string; description: string };
}

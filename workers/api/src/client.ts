/**
 * The typed client for /v1 (Hono RPC): paths, inputs and outputs come from the routes themselves, so
 * the web app and partners' TypeScript code cannot drift from the API. Import it type-safely from the
 * web app; it pulls no server code at run time (only `hono/client`).
 *
 * @example
 * const api = createApiClient("/api", { headers: { authorization: `Bearer ${token}` } });
 * const res = await api.v1.notebooks.$get({ query: { limit: "20" } });
 * if (res.ok) for (const notebook of (await res.json()).items) console.log(notebook.title);
 */
import { hc } from "hono/client";
import type { AppType } from "./app";

// Computing the client type once here keeps editors fast (Hono's recommended pattern).
const typed = hc<AppType>("");
export type ApiClient = typeof typed;

export function createApiClient(...args: Parameters<typeof hc>): ApiClient {
  return hc<AppType>(...args);
}

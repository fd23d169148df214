/**
 * The browser's typed client for the API: openapi-fetch over the generated `paths` ($lib/api-types), sent
 * same-origin through the web app's /api/* proxy, so the HttpOnly session cookie goes along and nothing
 * about the session is handled here. Uploads (XHR, for progress), the answer stream (the AI SDK's
 * transport) and PDF bytes stay on their own transports.
 */
import createClient from "openapi-fetch";
import type { paths } from "$lib/api-types";

export const api = createClient<paths>({ baseUrl: "/api", headers: { accept: "application/json" } });

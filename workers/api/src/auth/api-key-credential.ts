// Apart from require-user.ts so the CSRF guard reads it without importing better-auth at startup.
/**
 * The API key a request carries, if any: `x-api-key: sk_…` or `Authorization: Bearer sk_…`.
 * Anything else in `Authorization` is a session token for better-auth's bearer plugin.
 */
export function apiKeyCredential(headers: Headers): string | undefined {
  const header = headers.get("x-api-key");
  if (header !== null) return header.trim();
  const authorization = headers.get("authorization");
  const match = authorization?.match(/^bearer\s+(sk_\S*)\s*$/i);
  return match?.[1];
}

/**
 * The operator's door: `Authorization: Bearer <ADMIN_TOKEN>` (a secret, `wrangler secret put ADMIN_TOKEN`).
 * Without the secret the admin API is off (503 saying so); a wrong token is a 401 like any other. The
 * comparison is over SHA-256 digests, so its time does not depend on where the tokens differ.
 */
import { createMiddleware } from "hono/factory";
import { getConfig } from "../platform/config";
import type { AppEnv } from "../platform/context";
import { unauthorized, unavailable } from "../platform/problem";

const encoder = new TextEncoder();
const digest = async (s: string) => new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(s)));

/** First 12 hex digits of the token's SHA-256: names the token in the audit without revealing it. */
export async function tokenFingerprint(token: string): Promise<string> {
  return [...(await digest(token)).slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const expected = getConfig(c.env).ops.adminToken;
  if (!expected) throw unavailable("The admin API is off: set the ADMIN_TOKEN secret to turn it on.", "admin-api-off");
  const header = c.req.header("authorization") ?? "";
  const given = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
  if (!given || !(await sameSecret(given, expected))) throw unauthorized("Send the admin token as a bearer token.");
  c.set("adminActor", `admin:${await tokenFingerprint(given)}`);
  await next();
});

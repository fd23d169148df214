/**
 * Meta signs every webhook delivery with the app secret: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of
 * the raw body>`. The check runs on the bytes as received, before anything parses them, and compares in
 * constant time (WebCrypto's verify); the subscription check's verify token is compared in constant time too.
 */

const encoder = new TextEncoder();

function hexBytes(hex: string): Uint8Array | null {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** True when `header` is the HMAC-SHA256 of `rawBody` under `secret`. */
export async function validSignature(secret: string, rawBody: ArrayBuffer, header: string | undefined) {
  const signature = header?.startsWith("sha256=") ? hexBytes(header.slice(7)) : null;
  if (!signature) return false;
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "verify",
  ]);
  return crypto.subtle.verify("HMAC", key, signature, rawBody);
}

/** The HMAC header value Meta would send for `rawBody` (the fake Graph API in tests signs with it). */
export async function signBody(secret: string, rawBody: string | ArrayBuffer): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const bytes = typeof rawBody === "string" ? encoder.encode(rawBody) : rawBody;
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, bytes));
  return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** Constant-time equality of two strings of any length (compared as SHA-256 digests of equal size). */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(given)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}

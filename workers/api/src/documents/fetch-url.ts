/**
 * Fetching a web page for ingestion, safely: http(s) only, no loopback / private / link-local / metadata
 * addresses (checked again on every redirect), a time limit and a size limit enforced while streaming.
 */
import { invalidInput, Problem } from "../platform/problem";

const TIMEOUT_MS = 15_000;
const MAX_REDIRECTS = 5;

const BLOCKED_HOSTS = /^(localhost|metadata|metadata\.google\.internal)$|\.(localhost|local|internal|lan|home|arpa)$/i;

function ipv4Private(host: string): boolean {
  const parts = host.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return false;
  const [a = 0, b = 0] = parts;
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

function ipv6Private(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (!h.includes(":")) return false;
  if (h === "::" || h === "::1") return true;
  const mapped = h.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped?.[1]) return ipv4Private(mapped[1]);
  if (/^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(h)) return true; // IPv4-mapped in hex form: refuse rather than decode
  return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(h);
}

/** Why this URL may not be fetched, or null when it may. */
export function refusedUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not a valid URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http(s) URL";
  if (url.username || url.password) return "must not contain credentials";
  const host = url.hostname;
  const dottedQuad = /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
  if (dottedQuad && ipv4Private(host)) return "points to a private or loopback address";
  // Short, integer and hex spellings of IPv4 ("127.1", "2130706433", "0x7f000001") are refused outright.
  if (!dottedQuad && /^(0x[0-9a-f.x]+|[0-9.]+)$/i.test(host)) return "points to a private or loopback address";
  if (ipv6Private(host) || BLOCKED_HOSTS.test(host) || (!host.includes(".") && !host.includes(":"))) {
    return "points to a private or loopback address";
  }
  if (url.port && !["80", "443", "8080", "8443"].includes(url.port)) return "uses a port that is not allowed";
  return null;
}

export type FetchedPage = { blob: Blob; finalUrl: string; contentType: string | null };

const unreachable = (detail: string) =>
  new Problem({ status: 422, type: "url-unreachable", title: "Could not fetch the URL", detail });

/** Fetches `raw` with the limits above; 422 problems name what went wrong. */
export async function fetchUrlSource(
  raw: string,
  maxBytes: number,
  fetcher: typeof fetch = fetch,
): Promise<FetchedPage> {
  let current = raw;
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const refused = refusedUrl(current);
    if (refused) throw invalidInput([{ path: "url", message: refused }]);
    let res: Response;
    try {
      res = await fetcher(current, {
        redirect: "manual",
        signal,
        headers: {
          accept: "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5",
          "user-agent": "studyAI-ingest/1",
        },
      });
    } catch (err) {
      const timedOut = (err as Error)?.name === "TimeoutError" || (err as Error)?.name === "AbortError";
      throw unreachable(
        timedOut ? `The site did not answer within ${TIMEOUT_MS / 1000} s.` : "The site could not be reached.",
      );
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get("location")) {
      current = new URL(res.headers.get("location") as string, current).toString();
      await res.body?.cancel();
      continue;
    }
    if (!res.ok || !res.body) throw unreachable(`The site answered ${res.status}.`);
    const declared = Number(res.headers.get("content-length") ?? "0");
    if (declared > maxBytes) {
      await res.body.cancel();
      throw unreachable(`The page is larger than the ${(maxBytes / 1048576).toFixed(0)} MB limit.`);
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw unreachable(`The page is larger than the ${(maxBytes / 1048576).toFixed(0)} MB limit.`);
      }
      parts.push(value);
    }
    return { blob: new Blob(parts), finalUrl: current, contentType: res.headers.get("content-type") };
  }
  throw unreachable("Too many redirects.");
}

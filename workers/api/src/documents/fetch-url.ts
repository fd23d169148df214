/**
 * Fetching a web page for ingestion, safely: http(s) only, no loopback / private / link-local / metadata
 * addresses in any spelling (./address-policy.ts; checked again on every redirect), a time limit and a size limit enforced while streaming.
 */
import { invalidInput, Problem } from "../platform/problem";
import { refusedHost } from "./address-policy";

const TIMEOUT_MS = 15_000;
const MAX_REDIRECTS = 5;

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
  const host = refusedHost(url.hostname);
  if (host) return host;
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
    const blob = await readWithin(res.body, maxBytes, () =>
      unreachable(`The page is larger than the ${(maxBytes / 1048576).toFixed(0)} MB limit.`),
    );
    return { blob, finalUrl: current, contentType: res.headers.get("content-type") };
  }
  throw unreachable("Too many redirects.");
}

/**
 * Reads a response body into a Blob, counting while streaming: past `maxBytes` it stops and throws
 * `tooLarge()` (a declared length is a claim, the bytes are the fact). Channel media downloads use it too.
 */
export async function readWithin(body: ReadableStream<Uint8Array>, maxBytes: number, tooLarge: () => Error) {
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(value);
  }
  return new Blob(parts);
}

// Issue 13: a chunked (no Content-Length) 120 MiB JSON body to the upload route. The limit must run before
// anything reads the body (the Idempotency-Key hash, the UTF-8 check), so the answer is a 413 problem after
// at most the cap has been read, and nothing is stored.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { probeWhile } from "../../test/concurrent-probe";
import { bearer, call, createNotebook, signUp } from "../../test/helpers";
import { createKey, withKey } from "../../test/tenants";
import { getConfig } from "../platform/config";

const MiB = 1024 * 1024;

/** A JSON {title, text} body of `total` bytes made on demand, counting how much the server pulled. */
function endlessJson(total: number) {
  const head = new TextEncoder().encode('{"title":"huge","text":"');
  const filler = new Uint8Array(MiB).fill(0x61);
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) {
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
        return;
      }
      const chunk = counter.pulled === 0 ? head : filler;
      counter.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

async function expect413(res: Response) {
  expect(res.status).toBe(413);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const problem = (await res.json()) as { type: string; detail: string };
  expect(problem.type).toMatch(/payload-too-large$/);
  expect(problem.detail).toMatch(/limited to \d+ MB/);
}

const documentsIn = async (notebookId: string) =>
  (
    await env.DB.prepare("SELECT count(*) AS n FROM document WHERE notebook_id = ?")
      .bind(notebookId)
      .first<{ n: number }>()
  )?.n ?? 0;

describe("upload body limit (issue 13)", () => {
  it("a chunked 120 MiB JSON body gets a 413 problem after reading no more than the cap, with and without Idempotency-Key; another user is answered meanwhile", async () => {
    const cap = getConfig(env).maxUploadBytes;
    const user = await signUp();
    const { key } = await createKey(user, ["read", "write"]);
    const notebookId = await createNotebook(bearer(user));
    const other = await signUp();
    await createNotebook(bearer(other), "Other's notebook");

    for (const headers of [bearer(user), withKey(key, { "idempotency-key": "huge-upload-1" })]) {
      const { stream, counter } = endlessJson(120 * MiB);
      const upload = call(`/v1/notebooks/${notebookId}/documents`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit);
      const { result } = await probeWhile(upload, () => call("/v1/notebooks", { headers: bearer(other) }));
      await expect413(result);
      // Stopped at the cap (plus the multipart envelope and a few stream chunks in flight), not at 120 MiB.
      expect(counter.pulled).toBeLessThan(cap + 4 * MiB);
    }
    expect(await documentsIn(notebookId)).toBe(0);
  });

  it("a Content-Length above the cap gets the 413 before a byte of the body is read", async () => {
    const user = await signUp();
    const notebookId = await createNotebook(bearer(user));
    const { stream, counter } = endlessJson(120 * MiB);
    const res = await call(`/v1/notebooks/${notebookId}/documents`, {
      method: "POST",
      headers: { ...bearer(user), "content-type": "application/json", "content-length": String(120 * MiB) },
      body: stream,
      duplex: "half",
    } as RequestInit);
    await expect413(res);
    expect(counter.pulled).toBeLessThan(4 * MiB);
    expect(await documentsIn(notebookId)).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { createUploadQueue, type QueueEntry, retryAfterMs, type SendResult } from "./upload-queue";

const files = (n: number) => Array.from({ length: n }, (_, i) => new File([`file ${i}`], `file-${i}.txt`));

/** A fake API with a burst limit of `limit` per window; the window moves on when the queue sleeps. */
function fakeApi(limit: number, retryAfter = "10") {
  let inWindow = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const accepted = new Set<string>();
  const waits: number[] = [];
  return {
    send: async (file: File): Promise<SendResult> => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight -= 1;
      if (inWindow >= limit) return { status: 429, body: { type: "rate-limited" }, retryAfter };
      inWindow += 1;
      accepted.add(file.name);
      return { status: 202, body: { id: file.name }, retryAfter: null };
    },
    sleep: async (ms: number) => {
      waits.push(ms);
      inWindow = 0; // the limiter's window has passed
    },
    stats: () => ({ maxInFlight, accepted, waits }),
  };
}

function run(n: number, api: ReturnType<typeof fakeApi>, concurrency = 3) {
  return new Promise<readonly QueueEntry[]>((resolve) => {
    let settled = 0;
    const queue = createUploadQueue({
      send: api.send,
      sleep: api.sleep,
      concurrency,
      onchange: () => {},
      onsettled: () => {
        settled += 1;
        if (settled === n) resolve(queue.entries);
      },
    });
    queue.add(files(n));
  });
}

describe("upload queue: many files, bounded concurrency, Retry-After honoured (issue 13)", () => {
  it("64 files against a burst limit of 10: all accepted, at most 3 at a time, every 429 waited out", async () => {
    const api = fakeApi(10);
    const entries = await run(64, api);
    const { maxInFlight, accepted, waits } = api.stats();
    expect(entries.map((e) => e.state)).toEqual(Array(64).fill("done"));
    expect(accepted.size).toBe(64);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(waits.length).toBeGreaterThan(0);
    expect(new Set(waits)).toEqual(new Set([10_000]));
    expect(entries.reduce((n, e) => n + e.retries, 0)).toBe(waits.length);
  });

  it("a file that keeps failing for another reason is reported, not retried", async () => {
    const settled = new Promise<QueueEntry>((resolve) => {
      const q = createUploadQueue({
        send: async () => ({ status: 415, body: null, retryAfter: null }),
        onchange: () => {},
        onsettled: resolve,
      });
      q.add(files(1));
    });
    expect(await settled).toMatchObject({ state: "failed", status: 415, retries: 0 });
  });

  it("reads Retry-After as seconds or an HTTP date, bounded", () => {
    expect(retryAfterMs("10")).toBe(10_000);
    expect(retryAfterMs(null)).toBe(10_000);
    expect(retryAfterMs("0")).toBe(1_000);
    expect(retryAfterMs("99999")).toBe(120_000);
    expect(retryAfterMs(new Date(5_000 + 30_000).toUTCString(), 5_000)).toBe(30_000);
  });
});

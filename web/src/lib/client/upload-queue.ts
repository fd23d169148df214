/**
 * Many files at once (a semester's material): a queue that uploads at most `concurrency` files at a time,
 * and when the API answers 429 waits for its Retry-After and tries the same file again, so nothing chosen
 * is lost to the burst limit. Pure logic: the transport (`send`) and the clock (`sleep`) are passed in,
 * so the queue is tested without a browser; the sources panel renders `entries` as they change.
 */

export type SendResult = { status: number; body: unknown; retryAfter: string | null };

export type QueueEntry = {
  key: number;
  file: File;
  state: "queued" | "uploading" | "waiting" | "done" | "failed" | "cancelled";
  loaded: number;
  total: number;
  /** How many 429s this file has waited out. */
  retries: number;
  /** While `waiting`: when the next try starts (ms since epoch). */
  retryAt?: number;
  /** The final answer (done or failed). */
  status?: number;
  body?: unknown;
  controller: AbortController;
};

export type QueueOptions = {
  send: (
    file: File,
    options: { signal: AbortSignal; onprogress: (loaded: number, total: number) => void },
  ) => Promise<SendResult>;
  onchange: (entries: readonly QueueEntry[]) => void;
  /** Called once per file that ends (done, failed, cancelled). */
  onsettled?: (entry: QueueEntry) => void;
  concurrency?: number;
  /** Gives up on a file after this many 429s in a row (a limit that never lifts is a failure to show). */
  maxRetries?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => number;
};

export class UploadCancelled extends Error {
  override name = "UploadCancelled";
}

const DEFAULT_RETRY_MS = 10_000;
const MAX_WAIT_MS = 120_000;

/** Retry-After in milliseconds: delta-seconds or an HTTP date; a sane default when absent or odd. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header === null || header.trim() === "") return DEFAULT_RETRY_MS;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms)) return DEFAULT_RETRY_MS;
  return Math.min(Math.max(ms, 1000), MAX_WAIT_MS);
}

const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(new UploadCancelled());
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(new UploadCancelled());
      },
      { once: true },
    );
  });

export function createUploadQueue(options: QueueOptions) {
  const concurrency = options.concurrency ?? 3;
  const maxRetries = options.maxRetries ?? 30;
  const sleep = options.sleep ?? abortableSleep;
  const now = options.now ?? Date.now;
  let entries: QueueEntry[] = [];
  let nextKey = 0;
  let running = 0;

  const emit = () => options.onchange(entries);
  const update = (entry: QueueEntry, patch: Partial<QueueEntry>) => {
    Object.assign(entry, patch);
    entries = entries.map((e) => (e.key === entry.key ? { ...entry } : e));
    emit();
  };

  async function run(entry: QueueEntry) {
    try {
      for (;;) {
        update(entry, { state: "uploading", loaded: 0, retryAt: undefined });
        const result = await options.send(entry.file, {
          signal: entry.controller.signal,
          onprogress: (loaded, total) => update(entry, { loaded, total }),
        });
        if (result.status === 429 && entry.retries < maxRetries) {
          const wait = retryAfterMs(result.retryAfter, now());
          update(entry, { state: "waiting", retries: entry.retries + 1, retryAt: now() + wait });
          await sleep(wait, entry.controller.signal);
          continue;
        }
        const ok = result.status === 200 || result.status === 202;
        update(entry, { state: ok ? "done" : "failed", status: result.status, body: result.body });
        break;
      }
    } catch (error) {
      if (error instanceof UploadCancelled || entry.controller.signal.aborted) update(entry, { state: "cancelled" });
      else update(entry, { state: "failed", status: 0, body: null });
    }
    options.onsettled?.(entry);
  }

  function pump() {
    while (running < concurrency) {
      const next = entries.find((e) => e.state === "queued");
      if (!next) return;
      running += 1;
      // Marked before the await inside run(), so the loop does not pick it twice.
      next.state = "uploading";
      void run(next).finally(() => {
        running -= 1;
        pump();
      });
    }
  }

  return {
    /** Queues `files` behind any already waiting and starts as many as the concurrency allows. */
    add(files: readonly File[]) {
      for (const file of files) {
        entries = [
          ...entries,
          {
            key: nextKey++,
            file,
            state: "queued",
            loaded: 0,
            total: file.size,
            retries: 0,
            controller: new AbortController(),
          },
        ];
      }
      emit();
      pump();
    },
    /** Cancels one file: a queued one never starts, a running or waiting one is aborted. */
    cancel(key: number) {
      const entry = entries.find((e) => e.key === key);
      if (!entry) return;
      entry.controller.abort();
      if (entry.state === "queued") {
        update(entry, { state: "cancelled" });
        options.onsettled?.(entry);
      }
    },
    /** Forgets a settled entry (the student dismissed it). */
    dismiss(key: number) {
      entries = entries.filter((e) => e.key !== key);
      emit();
    },
    get entries(): readonly QueueEntry[] {
      return entries;
    },
  };
}

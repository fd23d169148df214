/**
 * Work stops when nobody waits (issue 20): a request's work signal (the client's disconnect, through the
 * `enable_request_signal` compatibility flag, or its deadline, whichever comes first) is checked between
 * stages, and heavy work is capped per isolate: past the cap a caller gets 503 + Retry-After at once
 * instead of joining a queue that never drains while abandoned requests keep running.
 */
import type { Context } from "hono";
import type { AppEnv } from "./context";
import { Problem } from "./problem";

/**
 * A search's deadline. A keyword search over a 20k-chunk notebook takes tens of milliseconds and a hybrid
 * search with a remote embedder a few hundred (bench/perf.mjs); 10 s is far past anything a person
 * waits for, and short of the 30 s after which a Worker's request is usually abandoned by the client anyway.
 */
export const SEARCH_DEADLINE_MS = 10_000;

/** Why the work was stopped: nobody is waiting (client gone) or the deadline passed. */
export function stoppedProblem(signal: AbortSignal): Problem {
  const timedOut = signal.reason instanceof DOMException && signal.reason.name === "TimeoutError";
  return new Problem({
    status: 503,
    type: timedOut ? "deadline-exceeded" : "request-abandoned",
    title: timedOut ? "The request took too long" : "The request was abandoned",
    detail: timedOut
      ? "The search did not finish in time and was stopped. Try again, or narrow it to fewer documents."
      : "The client went away before the work finished, so it was stopped.",
    headers: { "retry-after": "1" },
  });
}

/** Throws the stop problem when `signal` has fired; call between stages of a request's work. */
export function checkpoint(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw stoppedProblem(signal);
}

/** The request's own abort signal combined with a deadline of `ms`. */
export function workSignal(c: Context<AppEnv>, ms: number): AbortSignal {
  const deadline = AbortSignal.timeout(ms);
  const request = c.req.raw.signal as AbortSignal | undefined;
  return request ? AbortSignal.any([request, deadline]) : deadline;
}

/**
 * At most `maxActive` tasks at once in this isolate; one more is refused with 503 + Retry-After (no queue:
 * a queued request's client may be gone by the time it runs, and a queue is where abandoned work piles up).
 */
export class WorkGate {
  private active = 0;

  constructor(
    readonly what: string,
    readonly maxActive: number,
    readonly retryAfterSeconds = 1,
  ) {}

  get running(): number {
    return this.active;
  }

  async run<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    checkpoint(signal);
    if (this.active >= this.maxActive) {
      throw new Problem({
        status: 503,
        type: "busy",
        title: "Busy",
        detail: `Too many ${this.what} are running on this server right now. Retry in ${this.retryAfterSeconds} s.`,
        headers: { "retry-after": String(this.retryAfterSeconds) },
      });
    }
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
    }
  }
}

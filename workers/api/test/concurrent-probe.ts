import { expect } from "vitest";

/** The most a probe may take while hostile work runs: generous, since the machine running tests is shared. */
export const PROBE_BOUND_MS = 5_000;

export type ProbeReport<T> = { result: T; latencies: number[]; answeredWhileRunning: number };

/**
 * Sends `probe` (another user's ordinary request) again and again while `hostile` is pending and checks
 * each answer: one document's hostile work must never stall other users' requests. A blocked isolate
 * shows up as a probe that took as long as the blocking work did.
 */
export async function probeWhile<T>(hostile: Promise<T>, probe: () => Promise<Response>): Promise<ProbeReport<T>> {
  let settled = false;
  const guarded = hostile.finally(() => {
    settled = true;
  });
  const latencies: number[] = [];
  let answeredWhileRunning = 0;
  do {
    const started = Date.now();
    const res = await probe();
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    latencies.push(Date.now() - started);
    if (!settled) answeredWhileRunning++;
    await new Promise((r) => setTimeout(r, 25));
  } while (!settled);
  const result = await guarded;
  expect(Math.max(...latencies), `probe latencies ${latencies.join(",")} ms`).toBeLessThan(PROBE_BOUND_MS);
  return { result, latencies, answeredWhileRunning };
}

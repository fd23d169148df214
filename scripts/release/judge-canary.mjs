// The judged canary's decision (issue 17.3), pure so it is unit tested: given the probes sent so far to the
// canary (pinned with Cloudflare-Workers-Version-Overrides) and to the stable version, promote, roll back or
// wait for more. The release script (scripts/release.mjs) acts on it; nothing here talks to the network.

/**
 * Thresholds and why:
 * - minProbes 20 per side: below that one failure is more than 5% and latency percentiles are one sample.
 * - maxErrorRate 5%: an absolute ceiling, so a canary is never promoted because the stable fails as badly.
 * - extraFailuresAllowed 0: any canary failure the stable version did not also have rolls back. Probes are
 *   cheap GETs of routes that must answer (health, the OpenAPI document, the sign-in page); one failure
 *   there is a bug or a broken binding, not noise. A rollback costs a re-run; a bad promote costs users.
 * - latency: the canary's p95 may exceed the stable's by 50% or 150 ms, whichever is larger. The probes
 *   come from one CI runner (noisy), so the ratio alone would flap on 20 ms routes and the margin alone
 *   would miss a slow version of a slow route.
 */
export const DEFAULT_THRESHOLDS = Object.freeze({
  minProbes: 20,
  maxErrorRate: 0.05,
  extraFailuresAllowed: 0,
  maxLatencyRatio: 1.5,
  latencyMarginMs: 150,
});

/** A probe failed when it did not answer (status 0), answered 5xx, or not what the route must answer. */
export const probeFailed = (probe) => probe.status === 0 || probe.status >= 500 || probe.status !== probe.expect;

/** Nearest-rank percentile of numbers (0 for none). */
export function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function summarise(probes) {
  const failures = probes.filter(probeFailed);
  return {
    probes: probes.length,
    failures: failures.length,
    errorRate: probes.length ? failures.length / probes.length : 0,
    p95Ms: percentile(
      probes.filter((p) => !probeFailed(p)).map((p) => p.latencyMs),
      0.95,
    ),
    failed: failures.slice(0, 3).map((p) => `${p.path} → ${p.status || "no answer"}`),
  };
}

/**
 * @param {{ target: "canary" | "stable", path: string, status: number, expect: number, latencyMs: number }[]} probes
 * @param {Partial<typeof DEFAULT_THRESHOLDS>} [overrides]
 * @returns {{ action: "promote" | "rollback" | "wait", reason: string, canary: object, stable: object }}
 */
export function judgeCanary(probes, overrides = {}) {
  const t = { ...DEFAULT_THRESHOLDS, ...overrides };
  const canary = summarise(probes.filter((p) => p.target === "canary"));
  const stable = summarise(probes.filter((p) => p.target === "stable"));
  const verdict = (action, reason) => ({ action, reason, canary, stable });

  // Failures are judged at once: waiting for more probes cannot undo a failure the stable did not have.
  if (canary.failures > stable.failures + t.extraFailuresAllowed) {
    return verdict(
      "rollback",
      `the canary failed ${canary.failures} of ${canary.probes} probes, the stable version ${stable.failures} of ${stable.probes} (${canary.failed.join(", ")})`,
    );
  }
  if (canary.probes < t.minProbes || stable.probes < t.minProbes) {
    return verdict(
      "wait",
      `too few probes to judge: ${canary.probes} to the canary, ${stable.probes} to the stable version, ${t.minProbes} each needed`,
    );
  }
  if (canary.errorRate > t.maxErrorRate) {
    return verdict(
      "rollback",
      `the canary's error rate ${(canary.errorRate * 100).toFixed(1)}% is above ${t.maxErrorRate * 100}% (the stable version fails as badly: fix that first)`,
    );
  }
  const latencyLimit = Math.max(stable.p95Ms * t.maxLatencyRatio, stable.p95Ms + t.latencyMarginMs);
  if (canary.p95Ms > latencyLimit) {
    return verdict(
      "rollback",
      `the canary's p95 latency ${Math.round(canary.p95Ms)} ms is above ${Math.round(latencyLimit)} ms (stable p95 ${Math.round(stable.p95Ms)} ms)`,
    );
  }
  return verdict(
    "promote",
    `${canary.probes} canary probes: ${canary.failures} failed (stable ${stable.failures} of ${stable.probes}), p95 ${Math.round(canary.p95Ms)} ms vs ${Math.round(stable.p95Ms)} ms`,
  );
}

/** When probing ends without a verdict (too few probes answered), the release fails safe: roll back. */
export function finalVerdict(probes, overrides = {}) {
  const v = judgeCanary(probes, overrides);
  return v.action === "wait" ? { ...v, action: "rollback", reason: `${v.reason}; rolling back (fail safe)` } : v;
}

// The judged canary's decision (issue 17.3): a failing probe rolls back, a healthy canary is promoted, too
// few probes wait (and at the end fail safe), a slow canary rolls back.
import { describe, expect, it } from "vitest";
import { finalVerdict, judgeCanary, percentile } from "./judge-canary.mjs";

const probes = (target, n, { status = 200, latencyMs = 40, path = "/health/ready" } = {}) =>
  Array.from({ length: n }, () => ({ target, path, status, expect: 200, latencyMs }));

describe("judgeCanary", () => {
  it("promotes a canary that answers like the stable version", () => {
    const v = judgeCanary([...probes("canary", 20), ...probes("stable", 20)]);
    expect(v.action).toBe("promote");
    expect(v.canary).toMatchObject({ probes: 20, failures: 0 });
  });

  it("rolls back on one failing canary probe the stable version did not have, without waiting for more", () => {
    const v = judgeCanary([
      ...probes("canary", 2),
      ...probes("canary", 1, { status: 500, path: "/v1/openapi.json" }),
      ...probes("stable", 3),
    ]);
    expect(v.action).toBe("rollback");
    expect(v.reason).toContain("/v1/openapi.json → 500");
  });

  it("counts no answer and an unexpected status as failures", () => {
    expect(judgeCanary([...probes("canary", 1, { status: 0 }), ...probes("stable", 1)]).action).toBe("rollback");
    expect(judgeCanary([...probes("canary", 1, { status: 404 }), ...probes("stable", 1)]).action).toBe("rollback");
  });

  it("waits while either side has too few probes, and fails safe (rolls back) when probing ends there", () => {
    const few = [...probes("canary", 19), ...probes("stable", 25)];
    expect(judgeCanary(few).action).toBe("wait");
    const end = finalVerdict(few);
    expect(end.action).toBe("rollback");
    expect(end.reason).toMatch(/too few probes.*fail safe/);
    expect(finalVerdict([]).action).toBe("rollback");
  });

  it("never promotes a failing canary because the stable version fails as badly", () => {
    const v = judgeCanary([
      ...probes("canary", 15),
      ...probes("canary", 5, { status: 503 }),
      ...probes("stable", 15),
      ...probes("stable", 5, { status: 503 }),
    ]);
    expect(v.action).toBe("rollback");
    expect(v.reason).toContain("25.0%");
  });

  it("rolls back a canary whose p95 is past 1.5× the stable's (and 150 ms more), promotes within it", () => {
    const slow = judgeCanary([
      ...probes("canary", 20, { latencyMs: 400 }),
      ...probes("stable", 20, { latencyMs: 100 }),
    ]);
    expect(slow.action).toBe("rollback");
    expect(slow.reason).toContain("p95");
    // 20 ms → 160 ms is 8× but within the 150 ms margin: CI-runner noise, not a slower version.
    const noisy = judgeCanary([
      ...probes("canary", 20, { latencyMs: 160 }),
      ...probes("stable", 20, { latencyMs: 20 }),
    ]);
    expect(noisy.action).toBe("promote");
  });

  it("nearest-rank percentile", () => {
    expect(percentile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 0.95)).toBe(100);
    expect(percentile([], 0.95)).toBe(0);
  });
});

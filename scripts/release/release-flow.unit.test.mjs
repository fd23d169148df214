// `npm run release`'s command sequence (issue 17.3) against a fake wrangler runner and a fake edge that
// answers by the pinned version: healthy → promoted, a failing canary → the stable version back at 100%,
// the web Worker released the same way after the api, and not at all when the api was rolled back; the ingest
// Worker (nothing to probe) deployed whole before the api, and back on its stable version with the api.
import { describe, expect, it } from "vitest";
import { OVERRIDE_HEADER, parseStableVersion, release } from "./release-flow.mjs";

const STABLE = {
  api: "11111111-1111-4111-8111-111111111111",
  web: "33333333-3333-4333-8333-333333333333",
  ingest: "55555555-5555-4555-8555-555555555555",
};
const CANARY = {
  api: "22222222-2222-4222-8222-222222222222",
  web: "44444444-4444-4444-8444-444444444444",
  ingest: "66666666-6666-4666-8666-666666666666",
};

const workers = [
  {
    label: "api",
    name: "studyai-api",
    cwd: ".",
    url: "https://api.example.test",
    probes: [
      { path: "/health/ready", expect: 200 },
      { path: "/v1/openapi.json", expect: 200 },
    ],
  },
  {
    label: "web",
    name: "studyai-web",
    cwd: "web",
    url: "https://app.example.test",
    build: [["npm", "run", "build:web"]],
    probes: [{ path: "/", expect: 200 }],
  },
];

const INGEST = { label: "ingest", name: "studyai-ingest", cwd: "workers/ingest", whole: true, stepsWith: "api" };

/** A fake wrangler: records each command (with its cwd) and answers like wrangler 4 does. */
function fakeRunner() {
  const commands = [];
  const runner = async (cmd, args, options = {}) => {
    const line = `${options.cwd ?? "."}$ ${cmd} ${args.join(" ")}`;
    commands.push(line);
    const label = { web: "web", "workers/ingest": "ingest" }[options.cwd] ?? "api";
    if (args.includes("status")) {
      return { code: 0, stdout: JSON.stringify({ versions: [{ version_id: STABLE[label], percentage: 100 }] }) };
    }
    if (args[1] === "versions" && args[2] === "upload") {
      return { code: 0, stdout: `Uploaded studyai (3.1 sec)\nWorker Version ID: ${CANARY[label]}\n` };
    }
    return { code: 0, stdout: "" };
  };
  return { commands, runner };
}

/** A fake edge: answers by the version the override header pins; `failing` versions answer 500. */
function fakeEdge(failing = new Set()) {
  const seen = [];
  const fetch = async (url, init) => {
    const pinned = /="([^"]+)"/.exec(init.headers[OVERRIDE_HEADER])?.[1];
    seen.push(`${new URL(url).host} ${init.headers[OVERRIDE_HEADER]}`);
    return new Response("ok", { status: failing.has(pinned) ? 500 : 200 });
  };
  return { seen, fetch };
}

const context = (runner, fetch) => ({
  env: "production",
  percentage: 10,
  roundDelayMs: 0,
  settleMs: 0,
  tag: "abc1234",
  message: "release abc1234",
  runner,
  fetch,
  sleep: async () => {},
  log: () => {},
});

describe("npm run release", () => {
  it("healthy: each Worker uploaded, split 90/10, probed pinned, promoted to 100%", async () => {
    const { commands, runner } = fakeRunner();
    const edge = fakeEdge();
    const outcome = await release(context(runner, edge.fetch), workers);
    expect(outcome.ok).toBe(true);
    expect(commands.map((c) => c.replace(/ --message .*$/, ""))).toEqual([
      ".$ npx wrangler deployments status --env production --json",
      ".$ npx wrangler versions upload --env production --tag abc1234",
      `.$ npx wrangler versions deploy ${STABLE.api}@90% ${CANARY.api}@10% --env production --yes`,
      `.$ npx wrangler versions deploy ${CANARY.api}@100% --env production --yes`,
      "web$ npx wrangler deployments status --env production --json",
      ".$ npm run build:web",
      "web$ npx wrangler versions upload --env production --tag abc1234",
      `web$ npx wrangler versions deploy ${STABLE.web}@90% ${CANARY.web}@10% --env production --yes`,
      `web$ npx wrangler versions deploy ${CANARY.web}@100% --env production --yes`,
    ]);
    // Probes carry the dictionary header, pinned to each version in turn.
    expect(edge.seen).toContain(`api.example.test studyai-api="${CANARY.api}"`);
    expect(edge.seen).toContain(`api.example.test studyai-api="${STABLE.api}"`);
    expect(edge.seen).toContain(`app.example.test studyai-web="${CANARY.web}"`);
    expect(outcome.results.map((r) => r.action)).toEqual(["promote", "promote"]);
  });

  it("a failing canary: the stable version is put back at 100% by itself and the web Worker is not released", async () => {
    const { commands, runner } = fakeRunner();
    const edge = fakeEdge(new Set([CANARY.api]));
    const outcome = await release(context(runner, edge.fetch), workers);
    expect(outcome.ok).toBe(false);
    expect(outcome.results[0]).toMatchObject({ worker: "api", action: "rollback" });
    expect(commands.at(-1)).toContain(`versions deploy ${STABLE.api}@100% --env production --yes`);
    expect(commands.some((c) => c.startsWith("web$"))).toBe(false);
    // It stopped at the first failing probe: one round, not ten.
    expect(edge.seen.length).toBe(workers[0].probes.length * 2);
  });

  it("the web Worker gets the same judgement: its failing canary rolls back after the api was promoted", async () => {
    const { commands, runner } = fakeRunner();
    const edge = fakeEdge(new Set([CANARY.web]));
    const outcome = await release(context(runner, edge.fetch), workers);
    expect(outcome.results.map((r) => r.action)).toEqual(["promote", "rollback"]);
    expect(commands.at(-1)).toContain(`web$ npx wrangler versions deploy ${STABLE.web}@100%`);
  });

  it("probes that never answer roll back (fail safe), and a split deployment is refused before any upload", async () => {
    const { commands, runner } = fakeRunner();
    const down = async () => {
      throw new TypeError("fetch failed");
    };
    const outcome = await release(context(runner, down), workers.slice(0, 1));
    expect(outcome.results[0]?.action).toBe("rollback");
    expect(commands.at(-1)).toContain(`${STABLE.api}@100%`);

    expect(() =>
      parseStableVersion(
        JSON.stringify({
          versions: [
            { version_id: STABLE.api, percentage: 90 },
            { version_id: CANARY.api, percentage: 10 },
          ],
        }),
      ),
    ).toThrow(/not one version at 100%/);
  });

  it("the ingest Worker goes first at 100% (no canary: nothing to probe), then the api and web canaries", async () => {
    const { commands, runner } = fakeRunner();
    const edge = fakeEdge();
    const outcome = await release(context(runner, edge.fetch), [INGEST, ...workers]);
    expect(outcome.ok).toBe(true);
    expect(commands.slice(0, 4).map((c) => c.replace(/ --message .*$/, ""))).toEqual([
      "workers/ingest$ npx wrangler deployments status --env production --json",
      "workers/ingest$ npx wrangler versions upload --env production --tag abc1234",
      `workers/ingest$ npx wrangler versions deploy ${CANARY.ingest}@100% --env production --yes`,
      ".$ npx wrangler deployments status --env production --json",
    ]);
    expect(edge.seen.some((s) => s.includes("ingest"))).toBe(false);
    expect(outcome.results.map((r) => [r.worker, r.action])).toEqual([
      ["ingest", "promote"],
      ["api", "promote"],
      ["web", "promote"],
    ]);
  });

  it("an api canary rolled back puts the ingest Worker back on its stable version too (versions in step)", async () => {
    const { commands, runner } = fakeRunner();
    const edge = fakeEdge(new Set([CANARY.api]));
    const outcome = await release(context(runner, edge.fetch), [INGEST, ...workers]);
    expect(outcome.ok).toBe(false);
    expect(outcome.results.map((r) => [r.worker, r.action])).toEqual([
      ["ingest", "rollback"],
      ["api", "rollback"],
    ]);
    expect(outcome.results[0]?.reason).toMatch(/^api rolled back: /);
    expect(commands.at(-2)).toContain(`.$ npx wrangler versions deploy ${STABLE.api}@100%`);
    expect(commands.at(-1)).toContain(`workers/ingest$ npx wrangler versions deploy ${STABLE.ingest}@100%`);
    expect(commands.some((c) => c.startsWith("web$"))).toBe(false);
  });

  it("a web canary rolled back leaves the ingest Worker with the promoted api", async () => {
    const { commands, runner } = fakeRunner();
    const edge = fakeEdge(new Set([CANARY.web]));
    const outcome = await release(context(runner, edge.fetch), [INGEST, ...workers]);
    expect(outcome.results.map((r) => r.action)).toEqual(["promote", "promote", "rollback"]);
    expect(commands.filter((c) => c.includes(`${STABLE.ingest}@100%`))).toEqual([]);
  });
});

// The judged canary (issue 17.3), over an injected wrangler `runner`, `fetch` and `sleep` so the command
// sequence is unit tested: for each Worker (api, then web) upload a version, deploy it to a small
// percentage beside the stable one, probe both pinned with Cloudflare-Workers-Version-Overrides, and promote
// the canary to 100% or put the stable version back at 100%, by itself (judge-canary.mjs decides).
// A Worker without HTTP (the ingest Worker: a Workflow and queue consumers, nothing to probe) is marked
// `whole: true, stepsWith: "api"`: it is deployed at 100% before the Worker it steps with (whose bindings
// name it), and put back on its stable version when that Worker is rolled back, so versions stay in step.
import { DEFAULT_THRESHOLDS, finalVerdict, judgeCanary } from "./judge-canary.mjs";
import { tail } from "./migrate.mjs";

export const OVERRIDE_HEADER = "Cloudflare-Workers-Version-Overrides";

/** RFC 8941 dictionary: the Worker's name as key, the version id as a string. */
export const overrideValue = (workerName, versionId) => `${workerName}="${versionId}"`;

export function parseUploadedVersion(stdout) {
  const match = /Worker Version ID:\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(stdout);
  if (!match) throw new Error(`no version id in \`wrangler versions upload\` output: ${stdout.slice(-300)}`);
  return match[1];
}

/** The version serving 100% now (`wrangler deployments status --json`); a split deployment is refused. */
export function parseStableVersion(stdout) {
  const versions = JSON.parse(stdout)?.versions ?? [];
  const whole = versions.find((v) => Number(v.percentage) === 100);
  if (!whole) {
    const split = versions.map((v) => `${v.version_id}@${v.percentage}%`).join(", ") || "none";
    throw new Error(
      `the current deployment is not one version at 100% (${split}): finish or roll back that rollout first`,
    );
  }
  return whole.version_id;
}

async function wrangler(ctx, worker, args) {
  const result = await ctx.runner("npx", ["wrangler", ...args], { cwd: worker.cwd });
  if (result.code !== 0)
    throw new Error(`wrangler ${args.slice(0, 2).join(" ")} failed (${result.code}): ${tail(result)}`);
  return result.stdout;
}

/** One probe: GET the path pinned to `versionId`; no answer (network, timeout) is status 0. */
async function probe(ctx, worker, target, versionId, { path, expect }) {
  const started = Date.now();
  let status = 0;
  try {
    const res = await ctx.fetch(new URL(path, worker.url), {
      headers: { [OVERRIDE_HEADER]: overrideValue(worker.name, versionId), "cache-control": "no-cache" },
      redirect: "manual",
      signal: AbortSignal.timeout(ctx.probeTimeoutMs ?? 10_000),
    });
    status = res.status;
    await res.arrayBuffer().catch(() => undefined);
  } catch {
    status = 0;
  }
  return { target, path, status, expect, latencyMs: Date.now() - started };
}

/**
 * Probes in rounds (every path, canary then stable) until the judge decides or the rounds run out: enough
 * rounds for the minimum number of probes per side, and two more for probes that did not answer.
 */
async function judge(ctx, worker, canary, stable) {
  const probes = [];
  const minProbes = ctx.thresholds?.minProbes ?? DEFAULT_THRESHOLDS.minProbes;
  const rounds = ctx.rounds ?? Math.ceil(minProbes / worker.probes.length) + 2;
  for (let round = 1; round <= rounds; round++) {
    for (const p of worker.probes) {
      probes.push(await probe(ctx, worker, "canary", canary, p));
      probes.push(await probe(ctx, worker, "stable", stable, p));
    }
    const verdict = judgeCanary(probes, ctx.thresholds);
    if (verdict.action !== "wait") return verdict;
    if (round < rounds) await ctx.sleep(ctx.roundDelayMs);
  }
  return finalVerdict(probes, ctx.thresholds);
}

export async function releaseWorker(ctx, worker) {
  const { env, percentage } = ctx;
  const stable = parseStableVersion(await wrangler(ctx, worker, ["deployments", "status", "--env", env, "--json"]));
  for (const [cmd, ...args] of worker.build ?? []) {
    const built = await ctx.runner(cmd, args, {});
    if (built.code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${tail(built)}`);
  }
  const canary = parseUploadedVersion(
    await wrangler(ctx, worker, ["versions", "upload", "--env", env, "--tag", ctx.tag, "--message", ctx.message]),
  );
  ctx.log(`${worker.label}: uploaded ${canary}; stable is ${stable}`);
  const deploy = (specs, message) =>
    wrangler(ctx, worker, ["versions", "deploy", ...specs, "--env", env, "--yes", "--message", message.slice(0, 100)]);
  await deploy([`${stable}@${100 - percentage}%`, `${canary}@${percentage}%`], `canary ${ctx.tag} at ${percentage}%`);
  let verdict;
  try {
    // The deployment needs a few seconds to be everywhere; until then an override may not be applied.
    await ctx.sleep(ctx.settleMs);
    verdict = await judge(ctx, worker, canary, stable);
  } catch (err) {
    verdict = { action: "rollback", reason: `probing failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  ctx.log(`${worker.label}: ${verdict.action} — ${verdict.reason}`);
  if (verdict.action === "promote") await deploy([`${canary}@100%`], `promote ${ctx.tag}: ${verdict.reason}`);
  else await deploy([`${stable}@100%`], `roll back ${ctx.tag}: ${verdict.reason}`);
  return { worker: worker.label, stable, canary, ...verdict };
}

/** A Worker with nothing to probe: its new version straight to 100%, the stable one kept for a roll back. */
export async function deployWhole(ctx, worker) {
  const { env } = ctx;
  const stable = parseStableVersion(await wrangler(ctx, worker, ["deployments", "status", "--env", env, "--json"]));
  const version = parseUploadedVersion(
    await wrangler(ctx, worker, ["versions", "upload", "--env", env, "--tag", ctx.tag, "--message", ctx.message]),
  );
  const message = `deploy ${ctx.tag} before ${worker.stepsWith}`.slice(0, 100);
  await wrangler(ctx, worker, ["versions", "deploy", `${version}@100%`, "--env", env, "--yes", "--message", message]);
  ctx.log(`${worker.label}: ${version} at 100% (stable was ${stable}); it follows ${worker.stepsWith}`);
  return {
    worker: worker.label,
    stable,
    canary: version,
    action: "promote",
    reason: `deployed before ${worker.stepsWith}`,
  };
}

/** Puts a whole-deployed Worker back on its stable version because the Worker it steps with was rolled back. */
async function stepBack(ctx, worker, result, cause) {
  const reason = `${cause.worker} rolled back: ${cause.reason}`;
  const message = `roll back ${ctx.tag} with ${cause.worker}`.slice(0, 100);
  await wrangler(ctx, worker, [
    "versions",
    "deploy",
    `${result.stable}@100%`,
    "--env",
    ctx.env,
    "--yes",
    "--message",
    message,
  ]);
  ctx.log(`${worker.label}: back on ${result.stable} (${reason})`);
  return { ...result, action: "rollback", reason };
}

/**
 * Releases the Workers in order; the first one rolled back stops the release (the web needs its api), and
 * the Workers deployed whole before it that step with it go back to their stable versions.
 */
export async function release(ctx, workers) {
  const results = [];
  for (const worker of workers) {
    const result = worker.whole ? await deployWhole(ctx, worker) : await releaseWorker(ctx, worker);
    results.push(result);
    if (result.action === "promote") continue;
    for (const [i, earlier] of results.entries()) {
      const w = workers.find((x) => x.label === earlier.worker);
      if (w?.whole && w.stepsWith === worker.label) results[i] = await stepBack(ctx, w, earlier, result);
    }
    return { ok: false, results };
  }
  return { ok: true, results };
}

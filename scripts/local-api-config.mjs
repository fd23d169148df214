// The api and ingest Workers' configs for a local stack on any port (npm run dev, e2e, load checks). The api Worker must
// trust the stack's origin: better-auth and the API's cookie CSRF guard compare Origin with APP_URL /
// CORS_ORIGINS, whose defaults in wrangler.toml say port 8787. wrangler applies --var and --env-file only to
// the first config's Worker (the web one) and reads a Worker's .dev.vars from beside its config; so the api
// Worker runs from a copy of wrangler.toml in a directory of its own (relative paths made absolute) with a
// .dev.vars there that names the stack's URL.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** Keys of wrangler.toml whose values are paths relative to the file. */
const PATH_KEYS = ["main", "migrations_dir", "directory"];

/** wrangler.toml text with its relative paths resolved against `root`. */
export function absolutePaths(toml, root, resolve = path.resolve) {
  let out = toml;
  for (const key of PATH_KEYS) {
    const pattern = new RegExp(`^(${key}\\s*=\\s*)"([^"]+)"`, "gm");
    if (key !== "directory" && !pattern.test(out)) throw new Error(`wrangler.toml has no ${key} to rewrite`);
    out = out.replace(pattern, (_, prefix, value) => `${prefix}${JSON.stringify(resolve(root, value))}`);
  }
  // [alias] entries ("module" = "./path"): module specifiers on the left, relative paths on the right.
  out = out.replace(
    /^("[^"]+"\s*=\s*)"(\.\.?\/[^"]+)"/gm,
    (_, prefix, value) => `${prefix}${JSON.stringify(resolve(root, value))}`,
  );
  return out;
}

function parseDevVars(text) {
  const vars = new Map();
  for (const line of text.split(/\r?\n/)) {
    const match = line.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/);
    if (match) vars.set(match[1], match[2].replace(/^"(.*)"$/, "$1"));
  }
  return vars;
}

const isLoopback = (url) => {
  try {
    return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
};

/**
 * The .dev.vars for the api Worker of a stack at `baseUrl`: the developer's own variables (API keys …) kept,
 * the stack's URL always trusted (in CORS_ORIGINS), and APP_URL set to it unless the developer chose a
 * public one (a tunnel, say) — a loopback APP_URL on another port would lock the browser out.
 */
export function localDevVars(baseUrl, developerVars = "") {
  const vars = parseDevVars(developerVars);
  const chosen = vars.get("APP_URL");
  vars.set("APP_URL", chosen && !isLoopback(chosen) ? chosen : baseUrl);
  const origins = (vars.get("CORS_ORIGINS") ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  vars.set("CORS_ORIGINS", [...new Set([baseUrl, ...origins])].join(","));
  return `${[...vars].map(([key, value]) => `${key}=${value}`).join("\n")}\n`;
}

/**
 * wrangler.toml text with the top-level UPLOAD_LIMITER allowing `limit` uploads per period instead of its
 * configured burst. The e2e stack lowers it so the upload queue meets a 429 however slowly the machine
 * answers (on a loaded machine the real burst of 20 per 10 s was never reached). The period stays: the
 * API's Retry-After is that period.
 */
export function withUploadBurst(toml, limit) {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`upload burst must be a positive integer (${limit})`);
  const pattern = /(^name = "UPLOAD_LIMITER"\n(?:[^\n[]*\n)*?simple = \{ limit = )\d+(,)/m;
  if (!pattern.test(toml)) throw new Error("wrangler.toml has no top-level UPLOAD_LIMITER with a simple limit");
  return toml.replace(pattern, `$1${limit}$2`);
}

/**
 * wrangler.toml text whose top-level Worker runs prebuilt modules: `layout.main` (absolute) with
 * `no_bundle = true` and `layout.rules`, as [env.staging] / [env.production] deploy it
 * (scripts/check-deployed-api.mjs). [alias] goes: it is for wrangler's bundler, which no_bundle skips.
 */
export function withModuleLayout(toml, layout) {
  const main = /^main = .*$/m;
  if (!main.test(toml)) throw new Error("wrangler.toml has no top-level main");
  if (!layout.rules?.length) throw new Error("a prebuilt layout needs module rules");
  const rule = (r) => `{ type = ${JSON.stringify(r.type)}, globs = ${JSON.stringify(r.globs)} }`;
  const lines = [
    `main = ${JSON.stringify(layout.main)}`,
    "no_bundle = true",
    `rules = [${layout.rules.map(rule).join(", ")}]`,
  ];
  return toml.replace(main, lines.join("\n")).replace(/^\[alias\]\n(?:"[^\n]*\n)*/m, "");
}

/**
 * An environment's prebuilt layout (`main`, its build command) built into `outdir` instead of the directory it
 * deploys from (check-deployed-api.mjs: dist/api/ is `wrangler deploy`'s, which deletes and rebuilds it):
 * `main` is the same file under `outdir`, and the command is told so (scripts/build-api.mjs --outdir).
 */
export function builtInto(layout, outdir) {
  if (!layout.build?.command) throw new Error("the environment has no build command");
  return {
    main: path.join(outdir, path.relative(path.dirname(layout.main), layout.main)),
    build: `${layout.build.command} --outdir ${JSON.stringify(outdir)}`,
  };
}

/**
 * Writes dir/wrangler.toml and dir/.dev.vars for a stack at `baseUrl`; answers the config's path.
 * `withDeveloperVars`: carry the repository's .dev.vars over (npm run dev), or not (tests run keyless).
 * `uploadBurst`: uploads allowed per burst window instead of wrangler.toml's (the e2e stack's upload flow).
 */
export async function writeLocalApiConfig({ root, dir, baseUrl, withDeveloperVars = false, uploadBurst }) {
  await mkdir(dir, { recursive: true });
  const configured = absolutePaths(await readFile(path.join(root, "wrangler.toml"), "utf8"), root);
  const toml = uploadBurst === undefined ? configured : withUploadBurst(configured, uploadBurst);
  const developerVars = withDeveloperVars ? await readFile(path.join(root, ".dev.vars"), "utf8").catch(() => "") : "";
  const config = path.join(dir, "wrangler.toml");
  await writeFile(config, toml);
  await writeFile(path.join(dir, ".dev.vars"), localDevVars(baseUrl, developerVars));
  return config;
}

/**
 * Writes dir/ingest/wrangler.toml (workers/ingest/wrangler.toml, paths made absolute) and its .dev.vars, for
 * the ingest Worker beside the api Worker in the same `wrangler dev` (the api Worker's Workflow binding names
 * it by script_name; the two share the local D1, R2 and queues under --persist-to). The developer's variables
 * go along (an OPENAI_API_KEY embeds and draws concept maps here), but never WORKER: its config says "ingest".
 */
export async function writeLocalIngestConfig({ root, dir, baseUrl, withDeveloperVars = false }) {
  const ingestDir = path.join(dir, "ingest");
  await mkdir(ingestDir, { recursive: true });
  const source = path.join(root, "workers", "ingest");
  const toml = absolutePaths(await readFile(path.join(source, "wrangler.toml"), "utf8"), source);
  const developerVars = withDeveloperVars ? await readFile(path.join(root, ".dev.vars"), "utf8").catch(() => "") : "";
  const kept = developerVars
    .split(/\r?\n/)
    .filter((line) => !/^\s*WORKER\s*=/.test(line))
    .join("\n");
  const config = path.join(ingestDir, "wrangler.toml");
  await writeFile(config, toml);
  await writeFile(path.join(ingestDir, ".dev.vars"), localDevVars(baseUrl, kept));
  return config;
}

/** Both Workers' local configs: `-c api -c ingest` for `wrangler dev` (the first one named owns the port). */
export async function writeLocalWorkerConfigs(options) {
  return { api: await writeLocalApiConfig(options), ingest: await writeLocalIngestConfig(options) };
}

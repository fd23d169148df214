// The perf bench's corpus, built once and kept (bench/perf.mjs): two local `--persist-to` directories under
// .bench/perf-state/<key>/ (gitignored) — `alone` (the 1k notebook alone in the database) and `full` (the same
// 1k notebook, the 5k and 20k notebooks and the filler notebooks beside them) — and meta.json (the account,
// its notebook ids and a read-only API key; a local throwaway account, not a secret).
// <key> hashes what decides the rows: the bundled corpus script (bench/corpus.ts with the chunker, the
// stemmer and the hashing embedder it imports), the tree's migrations, package-lock.json (the node_modules
// Markdown is part of the text), the NTSB page texts and the plan. Change any and the next run rebuilds;
// otherwise a run reuses the directories as they are (searches write nothing that changes a ranking).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { startStack } from "../e2e/stack.mjs";
import { BIN, createNotebook, ENV, ROOT } from "./common.mjs";

export const PASSWORD = "perf-bench-password-1";

/** The D1 file miniflare keeps under a --persist-to directory (the largest, if several). */
export function d1File(persistTo) {
  const dir = path.join(persistTo, "v3", "d1", "miniflare-D1DatabaseObject");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".sqlite"))
    .map((f) => path.join(dir, f));
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

export function bundle(entry, out) {
  execFileSync(
    path.join(BIN, "esbuild"),
    [entry, "--bundle", "--platform=node", "--format=esm", "--log-level=warning", `--outfile=${out}`],
    { cwd: ROOT, env: ENV, stdio: "inherit" },
  );
}

/** Runs a bundled bench script in this Node; answers the JSON of its last output line. */
export const nodeJson = (script, args) =>
  JSON.parse(
    execFileSync(process.execPath, [script, ...args], { cwd: ROOT, env: ENV, encoding: "utf8", maxBuffer: 1 << 26 })
      .trim()
      .split("\n")
      .at(-1),
  );

function stateKey(plan) {
  const hash = createHash("sha256");
  hash.update(readFileSync(path.join(ROOT, ".bench/corpus.mjs")));
  const migrations = path.join(ROOT, "migrations");
  for (const f of readdirSync(migrations).sort()) hash.update(f).update(readFileSync(path.join(migrations, f)));
  hash.update(readFileSync(path.join(ROOT, "package-lock.json")));
  hash.update(readFileSync(path.join(ROOT, "bench/retrieval/ntsb-pages.json")));
  hash.update(JSON.stringify(plan));
  return hash.digest("hex").slice(0, 16);
}

/** Signs the bench account in; answers the session's bearer header. */
export async function signIn(api, origin, email) {
  const res = await fetch(`${api}/v1/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  return { authorization: `Bearer ${res.headers.get("set-auth-token")}` };
}

async function accounts(persistTo, port, fillers) {
  const stack = await startStack({ apiOnly: true, port, persistTo });
  try {
    const api = stack.apiUrl;
    const email = `perf-${Date.now()}@example.test`;
    const signUp = await fetch(`${api}/v1/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: stack.baseUrl },
      body: JSON.stringify({ name: "Perf", email, password: PASSWORD }),
    });
    if (!signUp.ok) throw new Error(`sign-up: ${signUp.status} ${await signUp.text()}`);
    const session = { authorization: `Bearer ${signUp.headers.get("set-auth-token")}` };
    const nb = {
      k1: await createNotebook(api, session, "1k"),
      k5: await createNotebook(api, session, "5k"),
      k20: await createNotebook(api, session, "20k"),
    };
    const others = [];
    for (let i = 0; i < fillers; i++) others.push(await createNotebook(api, session, `other ${i}`));
    const key = await fetch(`${api}/v1/api-keys`, {
      method: "POST",
      headers: { ...session, "content-type": "application/json" },
      body: JSON.stringify({ name: "perf", scopes: ["read"] }),
    });
    if (!key.ok) throw new Error(`api key: ${key.status} ${await key.text()}`);
    return { email, nb, fillers: others, apiKey: (await key.json()).key };
  } finally {
    await stack.stop();
  }
}

/** A kept state's `alone` and `full` directories and its meta (`metaFile` in `dir`); null until it is built. */
export function keptState(dir, metaFile, key, built = false) {
  if (!existsSync(path.join(dir, metaFile))) return null;
  const meta = JSON.parse(readFileSync(path.join(dir, metaFile), "utf8"));
  return { alone: path.join(dir, "alone"), full: path.join(dir, "full"), meta, built, key };
}

/**
 * The kept state for `plan` ({ fillers, fillerChunks }), built now if missing. Answers
 * { alone, full, meta, built } with `built` false when it was reused.
 */
export async function perfState(plan, { port, step }) {
  bundle("bench/corpus.ts", ".bench/corpus.mjs");
  const key = stateKey(plan);
  const dir = path.join(ROOT, ".bench", "perf-state", key);
  const kept = keptState(dir, "meta.json", key);
  if (kept) return kept;

  const building = `${dir}.building`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const full = path.join(building, "full");
  const started = Date.now();
  step(`corpus state ${key}: accounts and empty notebooks`);
  const meta = await accounts(full, port, plan.fillers);
  const db = d1File(full);
  const { DatabaseSync } = await import("node:sqlite");
  const probe = new DatabaseSync(db, { readOnly: true });
  meta.ownerId = probe.prepare("SELECT owner_id FROM notebook WHERE id = ?").get(meta.nb.k1).owner_id;
  probe.close();

  step("corpus: the 1k notebook alone");
  const first = nodeJson(".bench/corpus.mjs", [db, meta.ownerId, `${meta.nb.k1}:1000`]);
  cpSync(full, path.join(building, "alone"), { recursive: true });
  step(`corpus: 5k and 20k notebooks, ${plan.fillers} × ${plan.fillerChunks} chunks of other notebooks`);
  const rest = nodeJson(".bench/corpus.mjs", [
    db,
    meta.ownerId,
    `${meta.nb.k5}:5000`,
    `${meta.nb.k20}:20000`,
    ...meta.fillers.map((id) => `${id}:${plan.fillerChunks}:novectors`),
  ]);
  meta.uniqueChunks = first.uniqueChunks;
  meta.totalChunks = 1000 + rest.notebooks.reduce((s, n) => s + n.chunks, 0);
  meta.documents = first.notebooks[0].documents + rest.notebooks.reduce((s, n) => s + n.documents, 0);
  meta.d1Megabytes = Math.round(statSync(db).size / 2 ** 20);
  meta.buildSeconds = Math.round((Date.now() - started) / 1000);
  meta.builtAt = new Date().toISOString();
  writeFileSync(path.join(building, "meta.json"), JSON.stringify(meta, null, 2));
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  step(`corpus state ${key} built in ${meta.buildSeconds} s`);
  return keptState(dir, "meta.json", key, true);
}

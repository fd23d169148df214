#!/usr/bin/env node
// `npm run bench:uploads`: one student drops a semester's material at once. The api Worker under `wrangler dev`
// (the e2e stack: local D1/R2/Queues, its real rate limiter with wrangler.toml's UPLOAD_LIMITER), one signed-up
// student, UPLOAD_FILES (100) small distinct files sent through the web app's own upload queue
// (web/src/lib/client/upload-queue.ts: 3 at a time, Retry-After honoured on 429) into two notebooks (the free
// plan holds 50 documents per notebook). Prints accepted / retried / lost and the time taken; exits 1 when
// any file is lost or the listing does not show every accepted document exactly once.
import { startStack } from "../e2e/stack.mjs";
import { createUploadQueue } from "../web/src/lib/client/upload-queue.ts";
import { createNotebook } from "./common.mjs";

const FILES = Number(process.env.UPLOAD_FILES ?? 100);
const PER_NOTEBOOK = 50;

async function json(res) {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function signUp(api, base) {
  const res = await fetch(`${api}/v1/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({
      name: "Semester",
      email: `semester-${Date.now()}@example.test`,
      password: "load-test-password-1",
    }),
  });
  if (!res.ok) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
  return res.headers.get("set-auth-token");
}

async function listIds(api, auth, notebookId) {
  const ids = [];
  let cursor;
  do {
    const url = new URL(`${api}/v1/notebooks/${notebookId}/documents`);
    url.searchParams.set("limit", "100");
    if (cursor) url.searchParams.set("cursor", cursor);
    const page = await (await fetch(url, { headers: auth })).json();
    ids.push(...page.items.map((d) => d.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

const stack = await startStack({ apiOnly: true });
let exitCode = 1;
try {
  const token = await signUp(stack.apiUrl, stack.baseUrl);
  const auth = { authorization: `Bearer ${token}` };
  const notebooks = [];
  for (let n = 0; n * PER_NOTEBOOK < FILES; n++)
    notebooks.push(await createNotebook(stack.apiUrl, auth, `Course ${n + 1}`));
  const target = new Map();
  const files = Array.from({ length: FILES }, (_, i) => {
    const file = new File(
      [`Lecture ${i + 1}: notes on cellular respiration, run ${Date.now()}-${i}.\n`],
      `lecture-${i + 1}.txt`,
      {
        type: "text/plain",
      },
    );
    target.set(file, notebooks[Math.floor(i / PER_NOTEBOOK)]);
    return file;
  });

  let status429 = 0;
  const started = Date.now();
  const settled = await new Promise((resolve) => {
    const done = [];
    const queue = createUploadQueue({
      concurrency: 3,
      send: async (file, { signal }) => {
        const form = new FormData();
        form.set("file", file, file.name);
        const res = await fetch(`${stack.apiUrl}/v1/notebooks/${target.get(file)}/documents`, {
          method: "POST",
          headers: auth,
          body: form,
          signal,
        });
        if (res.status === 429) status429 += 1;
        return { status: res.status, body: await json(res), retryAfter: res.headers.get("retry-after") };
      },
      onchange: () => {},
      onsettled: (entry) => {
        done.push(entry);
        if (done.length === FILES) resolve(done);
      },
    });
    queue.add(files);
  });
  const seconds = (Date.now() - started) / 1000;

  const accepted = settled.filter((e) => e.state === "done");
  const lost = settled.filter((e) => e.state !== "done");
  const retriedFiles = settled.filter((e) => e.retries > 0).length;
  const acceptedIds = new Set(accepted.map((e) => e.body.id));
  const listed = (await Promise.all(notebooks.map((id) => listIds(stack.apiUrl, auth, id)))).flat();
  const listedOnce = listed.length === new Set(listed).size && listed.every((id) => acceptedIds.has(id));

  console.log(`upload burst: ${FILES} files, one student, 3 at a time, Retry-After honoured`);
  console.log(`  accepted: ${accepted.length}  (distinct documents: ${acceptedIds.size}, listed: ${listed.length})`);
  console.log(`  retried:  ${retriedFiles} files, ${status429} answers 429 waited out`);
  console.log(
    `  lost:     ${lost.length}${lost.length ? `  (${lost.map((e) => `${e.file.name}: ${e.status}`).join(", ")})` : ""}`,
  );
  console.log(`  time:     ${seconds.toFixed(1)} s`);
  exitCode = lost.length === 0 && acceptedIds.size === FILES && listed.length === FILES && listedOnce ? 0 : 1;
} catch (error) {
  console.error(`✗ upload burst aborted: ${error?.stack ?? error}`);
} finally {
  await stack.stop();
}
process.exit(exitCode);

// The operator's content move, as `npm run content:move` runs it (scripts/content-move.mjs): start moving one
// notebook's content from the primary D1 to its own database through the admin API, follow the job until
// the Workflow ends it, and say what happened with the verification per table. No Node-only imports, so
// the workerd tests drive it against the real Worker (content-move.integration.test.ts).

/**
 * @param {{ api: string, token: string, notebookId: string, reason: string,
 *   fetch?: typeof fetch, sleep?: (ms: number) => Promise<unknown>, pollMs?: number, timeoutPolls?: number,
 *   print?: (line: string) => void }} options
 * @returns {Promise<{ ok: boolean, job: Record<string, unknown> | null, problem?: Record<string, unknown> }>}
 */
export async function moveNotebookContent(options) {
  const {
    api,
    token,
    notebookId,
    reason,
    fetch: send = fetch,
    sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
    pollMs = 2000,
    timeoutPolls = 1800,
    print = console.log,
  } = options;
  const url = `${api.replace(/\/$/, "")}/v1/admin/notebooks/${encodeURIComponent(notebookId)}/content-move`;
  const headers = { authorization: `Bearer ${token}` };
  const started = await send(url, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ reason }),
  });
  const body = await started.json();
  if (started.status !== 202) {
    print(`refused (${started.status}): ${body.detail ?? body.title ?? JSON.stringify(body)}`);
    return { ok: false, job: null, problem: body };
  }
  print(`started ${body.id}: moving ${notebookId} to its own database`);
  let job = body;
  // Until the job is settled: failed, or switched with its D1 rows deleted.
  for (let poll = 0; (job.status === "running" || job.phase === "cleanup") && poll < timeoutPolls; poll++) {
    await sleep(pollMs);
    job = await (await send(url, { headers })).json();
  }
  for (const line of reportLines(job.report)) print(line);
  if (job.status === "switched" && job.phase === "done") {
    print(`switched: ${notebookId} reads its own database; ${job.d1RowsDeleted} rows deleted from D1`);
    if (job.failure) print(`but ${job.failure}`);
  } else if (job.status === "failed") print(`kept in D1: ${job.failure}`);
  else print(`still ${job.status} (${job.phase}) after ${timeoutPolls} polls: follow it with GET ${url}`);
  return { ok: job.status === "switched", job };
}

/** The verification as lines: per table rows and sha256 on both sides, then the keyword check. */
export function reportLines(report) {
  if (!report) return [];
  const lines = report.tables.map(
    (t) =>
      `${t.match ? "=" : "≠"} ${t.table.padEnd(22)} D1 ${String(t.d1.rows).padStart(6)} ${t.d1.sha256.slice(0, 16)}  object ${String(t.object.rows).padStart(6)} ${t.object.sha256.slice(0, 16)}`,
  );
  if (report.keyword) {
    const k = report.keyword;
    lines.push(`${k.same ? "=" : "≠"} keyword "${k.query}": D1 ${k.d1} chunks, object ${k.object}`);
  }
  if (report.recopied.length) lines.push(`copied again: ${report.recopied.join(", ")}`);
  return lines;
}

/**
 * The bulk mode: starts moves for every notebook still in D1, a batch of `limit` (≤ 100) per call to
 * POST /v1/admin/content-moves and at most one call a second (≤ 100 Workflow creations per second), from the
 * cursor `after` until none is left. It does not wait for the moves: follow one with GET …/content-move.
 *
 * @param {{ api: string, token: string, reason: string, after?: string, limit?: number,
 *   fetch?: typeof fetch, sleep?: (ms: number) => Promise<unknown>, now?: () => number,
 *   print?: (line: string) => void }} options
 * @returns {Promise<{ ok: boolean, started: number, skipped: { notebookId: string, reason: string }[], next: string | null }>}
 */
export async function moveAllNotebooks(options) {
  const {
    api,
    token,
    reason,
    limit = 100,
    fetch: send = fetch,
    sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
    now = Date.now,
    print = console.log,
  } = options;
  const url = `${api.replace(/\/$/, "")}/v1/admin/content-moves`;
  let after = options.after;
  let started = 0;
  const skipped = [];
  for (;;) {
    const begun = now();
    const res = await send(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ reason, limit, ...(after ? { after } : {}) }),
    });
    const body = await res.json();
    if (res.status !== 200) {
      print(
        `refused (${res.status}): ${body.detail ?? body.title ?? JSON.stringify(body)}; resume with --after ${after ?? ""}`,
      );
      return { ok: false, started, skipped, next: after ?? null };
    }
    started += body.started.length;
    skipped.push(...body.skipped);
    print(`batch: ${body.started.length} started, ${body.skipped.length} skipped; next ${body.next ?? "none"}`);
    for (const s of body.skipped) print(`  skipped ${s.notebookId}: ${s.reason}`);
    if (!body.next) break;
    after = body.next;
    await sleep(Math.max(0, 1000 - (now() - begun)));
  }
  print(`${started} moves started, ${skipped.length} notebooks skipped (still in D1: run again later)`);
  return { ok: true, started, skipped, next: null };
}

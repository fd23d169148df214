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

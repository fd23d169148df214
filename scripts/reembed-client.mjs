// The operator's re-embed, as `npm run reembed` runs it (scripts/reembed.mjs): start the move of one notebook
// through the admin API, follow the job until the Workflow ends it, and say what happened. No Node-only
// imports, so the workerd tests drive it against the real Worker (scripts/reembed-client.unit.test.mjs).

/**
 * @param {{ api: string, token: string, notebookId: string, model: string, reason: string,
 *   fetch?: typeof fetch, sleep?: (ms: number) => Promise<unknown>, pollMs?: number, timeoutPolls?: number,
 *   print?: (line: string) => void }} options
 * @returns {Promise<{ ok: boolean, job: Record<string, unknown> | null, problem?: Record<string, unknown> }>}
 */
export async function reembedNotebook(options) {
  const {
    api,
    token,
    notebookId,
    model,
    reason,
    fetch: send = fetch,
    sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
    pollMs = 2000,
    timeoutPolls = 900,
    print = console.log,
  } = options;
  const url = `${api.replace(/\/$/, "")}/v1/admin/notebooks/${encodeURIComponent(notebookId)}/re-embed`;
  const headers = { authorization: `Bearer ${token}` };
  const started = await send(url, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ model, reason }),
  });
  const body = await started.json();
  if (started.status !== 202) {
    print(`refused (${started.status}): ${body.detail ?? body.title ?? JSON.stringify(body)}`);
    return { ok: false, job: null, problem: body };
  }
  print(`started ${body.id}: ${body.fromModel} → ${body.toModel}, ${body.chunkCount} chunks`);
  let job = body;
  for (let poll = 0; job.status === "running" && poll < timeoutPolls; poll++) {
    await sleep(pollMs);
    job = await (await send(url, { headers })).json();
  }
  const recall = job.recall
    ? `; recall: hit@${job.recall.k} ${job.recall.hitOld} → ${job.recall.hitNew}, overlap@${job.recall.k} ${job.recall.overlap}`
    : "";
  if (job.status === "switched") print(`switched to ${job.toModel} (${job.embedded} chunks)${recall}`);
  else if (job.status === "failed") print(`kept ${job.fromModel}: ${job.failure}${recall}`);
  else print(`still ${job.status} after ${timeoutPolls} polls: follow it with GET ${url}`);
  return { ok: job.status === "switched", job };
}

// One content layout's rows for bench/perf.mjs: the kept `alone` and `full` states of that layout served by
// `wrangler dev` in turn, every search row with its floor measured on the file the Worker serves in the same
// run (bench/perf-floors.ts: the FTS5 statement and the vector read + cosine in node:sqlite), then autocannon.
// `floorDb(persistTo, notebookId)` names that file: the D1 file (layout 'd1') or the notebook's own object's
// SQLite file (layout 'object'). Only HTTP and the files: nothing here knows the api's internals.
import { startStack } from "../e2e/stack.mjs";
import { percentile as pct } from "./common.mjs";
import { load, searchRequest, stackGroup, timed } from "./perf-http.mjs";
import { nodeJson, signIn } from "./perf-state.mjs";

const FLOORS = ".bench/perf-floors.mjs";
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "–");

function row(layout, key, what, values, floor, floorLabel, extra = "") {
  const p50 = pct(values, 0.5);
  const floorP50 = floor ? pct(floor, 0.5) : Number.NaN;
  return {
    layout,
    key,
    what,
    n: values.length,
    p50,
    p95: pct(values, 0.95),
    floor: floorP50,
    floorLabel,
    ratio: p50 / floorP50,
    extra,
  };
}

/**
 * Measures `layout` on `states` ({ alone, full }: --persist-to directories). `cannonGet`: also load the trivial
 * GET (it reads no content, so one layout's run is enough). Answers { rows, cannon }.
 */
export async function measureLayout({
  layout,
  states,
  floorDb,
  meta,
  port,
  hello,
  questions,
  runs,
  cannonSeconds,
  cannonGet,
  step,
}) {
  const nb = meta.nb;
  const rows = [];
  const floors = (dir, id, n) => nodeJson(FLOORS, [floorDb(dir, id), id, String(n)]);
  let stack;
  try {
    step(`${layout}: the 1k notebook alone`);
    stack = await startStack({ apiOnly: true, port, persistTo: states.alone });
    let session = await signIn(stack.apiUrl, stack.baseUrl, meta.email);
    const keywordAlone = await timed(runs, searchRequest(stack.apiUrl, session, nb.k1, "keyword", questions));
    const floorAlone = floors(states.alone, nb.k1, runs);
    await stack.stop();

    step(`${layout}: every notebook`);
    stack = await startStack({ apiOnly: true, port, persistTo: states.full });
    const api = stack.apiUrl;
    session = await signIn(api, stack.baseUrl, meta.email);
    const apiKey = { authorization: `Bearer ${meta.apiKey}` };
    const helloGet = await timed(runs, () => [hello.url, {}]);
    const sessionGet = await timed(runs, () => [`${api}/v1/notebooks/${nb.k1}`, { headers: session }]);
    const keyGet = await timed(runs, () => [`${api}/v1/notebooks/${nb.k1}`, { headers: apiKey }]);
    const helloP50 = pct(helloGet.values, 0.5);
    const added = (v) => `added over hello p50 ${fmt(pct(v.values, 0.5) - helloP50)} ms`;
    rows.push(
      row(
        layout,
        "get-session",
        "trivial GET /v1/notebooks/{id}, session bearer",
        sessionGet.values,
        helloGet.values,
        "hello Worker",
        `status ${sessionGet.statuses}; ${added(sessionGet)}`,
      ),
      row(
        layout,
        "get-key",
        "trivial GET /v1/notebooks/{id}, API key",
        keyGet.values,
        helloGet.values,
        "hello Worker",
        `status ${keyGet.statuses}; ${added(keyGet)}`,
      ),
    );
    const keywordFull = await timed(runs, searchRequest(api, session, nb.k1, "keyword", questions));
    const floorFull = floors(states.full, nb.k1, runs);
    const others = `${meta.totalChunks - 1000} chunks of other notebooks`;
    rows.push(
      row(
        layout,
        "keyword-1k-alone",
        "keyword search, 1k notebook, no other notebook's content",
        keywordAlone.values,
        floorAlone.keyword,
        "node:sqlite FTS",
        `status ${keywordAlone.statuses}`,
      ),
      row(
        layout,
        "keyword-1k-full",
        `keyword search, same 1k notebook, ${others} present`,
        keywordFull.values,
        floorFull.keyword,
        "node:sqlite FTS",
        `status ${keywordFull.statuses}; ÷ alone ${fmt(pct(keywordFull.values, 0.5) / pct(keywordAlone.values, 0.5), 2)}; floor ÷ alone ${fmt(pct(floorFull.keyword, 0.5) / pct(floorAlone.keyword, 0.5), 2)}`,
      ),
    );
    for (const [label, id] of [
      ["1k", nb.k1],
      ["5k", nb.k5],
      ["20k", nb.k20],
    ]) {
      const n = label === "20k" ? Math.min(runs, 20) : runs;
      const hybrid = await timed(n, searchRequest(api, session, id, "hybrid", questions));
      const floor = floors(states.full, id, Math.min(n, 20));
      rows.push(
        row(
          layout,
          `hybrid-${label}`,
          `hybrid search, ${label} notebook`,
          hybrid.values,
          floor.vectors,
          "node:sqlite vector read + cosine",
          `status ${hybrid.statuses}`,
        ),
      );
    }
    const keyword20k = await timed(runs, searchRequest(api, session, nb.k20, "keyword", questions));
    const floor20k = floors(states.full, nb.k20, 20);
    rows.push(
      row(
        layout,
        "keyword-20k",
        "keyword search, 20k notebook",
        keyword20k.values,
        floor20k.keyword,
        "node:sqlite FTS",
        `status ${keyword20k.statuses}`,
      ),
    );

    const searchInit = (mode) => ({
      method: "POST",
      headers: { ...session, "content-type": "application/json" },
      body: (q) => JSON.stringify({ query: q, mode }),
    });
    const common = {
      questions,
      seconds: cannonSeconds,
      probe: { url: `${api}/v1/notebooks/${nb.k1}`, headers: session, idleP50: pct(sessionGet.values, 0.5) },
      pgid: stackGroup(states.full),
      step: (s) => step(`${layout}: ${s}`),
    };
    const search20k = `${api}/v1/notebooks/${nb.k20}/search`;
    const cannon = [
      ...(cannonGet
        ? await load({
            ...common,
            title: "trivial GET, session",
            url: common.probe.url,
            init: { method: "GET", headers: session },
          })
        : []),
      ...(await load({
        ...common,
        title: "keyword search, 20k notebook",
        url: search20k,
        init: searchInit("keyword"),
      })),
      ...(await load({ ...common, title: "hybrid search, 20k notebook", url: search20k, init: searchInit("hybrid") })),
    ].map((c) => ({ layout, ...c }));
    return { rows, cannon };
  } finally {
    await stack?.stop();
  }
}

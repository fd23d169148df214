/**
 * `npm run bench:scale` (issue 21, point 2): one unchanged notebook's keyword search — the project's query builder
 * (retrieval/fts-query.ts) and keywordRanking's statement — as the rest of the content grows, in three layouts:
 *   shared  : one D1 holding every notebook (today's layout);
 *   sharded : SCALE_SHARDS (4) D1 databases, each notebook in the one a stable hash of its id picks;
 *   own     : a SQLite-backed Durable Object per notebook.
 * Every notebook is SCALE_NOTEBOOK_CHUNKS (4,000 ≈ 1,000 pages of the corpus) chunks of real text (bench/corpus-text.ts)
 * chunked and stemmed by the production code. The database totals are SCALE_STEPS (10k, 100k, 250k chunks); at each
 * step the same notebook answers SCALE_RUNS of the NTSB evaluation questions, one at a time, after 5 warm-ups, the
 * three layouts taking turns query by query.
 * Prints p50/p95 (ms, measured in the Worker around the awaited database call) per layout and step, and each layout's
 * floor: `SELECT 1` on the same database right after each search (the hop without the search).
 * `--json FILE` also writes the figures. Nothing is committed; the state directory is removed at the end.
 */
import { rmSync, writeFileSync } from "node:fs";
import questions from "../retrieval/ntsb-questions.json";
import { Corpus, initState, loadOwn, percentile, seedD1, startPrototype } from "./prototype";
import { shardOf } from "./shard";

const STEPS = (process.env.SCALE_STEPS ?? "10000,100000,250000").split(",").map(Number);
const NOTEBOOK_CHUNKS = Number(process.env.SCALE_NOTEBOOK_CHUNKS ?? 4000);
const RUNS = Number(process.env.SCALE_RUNS ?? 60);
const SHARDS = Number(process.env.SCALE_SHARDS ?? 4);
const TARGET = "nb_scale_target";
const started = Date.now();
const step = (label: string) => console.error(`→ ${label} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
const queries = (questions as { question: string }[]).map((q) => q.question);

const corpus = new Corpus();
step(`corpus: ${corpus.pages} pages, ${corpus.chunks.length} distinct chunks`);
const { persistTo, files } = await initState();
const file = (name: string) => {
  const f = files.get(name);
  if (!f) throw new Error(`no local D1 named ${name}`);
  return f;
};

type Row = { total: number; layout: string; holding: number; p50: number; p95: number; floor50: number; hits: number };
const rows: Row[] = [];
let total = 0;
let fillers = 0;
const shardTotals = new Array<number>(SHARDS).fill(0);
try {
  for (const target of STEPS) {
    // Grow every layout to `target` chunks: the measured notebook first, then other notebooks of the same size.
    const batch: { id: string; rows: ReturnType<Corpus["take"]> }[] = [];
    while (total < target) {
      const id = total === 0 ? TARGET : `nb_scale_${String(fillers++).padStart(5, "0")}`;
      const nb = { id, rows: corpus.take(id, Math.min(NOTEBOOK_CHUNKS, Math.max(target - total, 1))) };
      batch.push(nb);
      total += nb.rows.length;
    }
    step(`seeding ${batch.length} notebooks (${total} chunks in all)`);
    seedD1(file("shared"), batch);
    for (let s = 0; s < SHARDS; s++) {
      const mine = batch.filter((nb) => shardOf(nb.id, SHARDS) === s);
      if (mine.length) shardTotals[s] = seedD1(file(`shard-${s}`), mine);
    }
    const proto = await startPrototype(persistTo);
    try {
      const own = batch.find((nb) => nb.id === TARGET);
      if (own) await loadOwn(proto, TARGET, own.rows);
      const targetShard = shardOf(TARGET, SHARDS);
      const holding = { shared: total, sharded: shardTotals[targetShard] ?? 0, own: NOTEBOOK_CHUNKS };
      // Layouts take turns query by query, so a slow moment of the shared machine falls on all three alike.
      const layouts = ["shared", "sharded", "own"] as const;
      const times = { shared: [] as number[], sharded: [] as number[], own: [] as number[] };
      const floors = { shared: [] as number[], sharded: [] as number[], own: [] as number[] };
      const hits = { shared: 0, sharded: 0, own: 0 };
      for (let i = 0; i < RUNS + 5; i++) {
        const query = queries[i % queries.length] as string;
        for (const layout of layouts) {
          const r = (await proto.post("/search", { layout, notebookId: TARGET, query, shards: SHARDS })) as {
            ms: number;
            hits: number;
          };
          const floor = (await proto.post("/search", {
            layout,
            notebookId: TARGET,
            query,
            shards: SHARDS,
            floor: true,
          })) as {
            ms: number;
          };
          if (i < 5) continue;
          times[layout].push(r.ms);
          floors[layout].push(floor.ms);
          hits[layout] += r.hits;
        }
      }
      for (const layout of layouts) {
        const t = times[layout];
        rows.push({
          total,
          layout,
          holding: holding[layout],
          p50: percentile(t, 0.5),
          p95: percentile(t, 0.95),
          floor50: percentile(floors[layout], 0.5),
          hits: hits[layout] / RUNS,
        });
        step(
          `${total} chunks, ${layout}: p50 ${percentile(t, 0.5).toFixed(1)} ms, p95 ${percentile(t, 0.95).toFixed(1)} ms`,
        );
      }
    } finally {
      await proto.stop();
    }
  }
} finally {
  rmSync(persistTo, { recursive: true, force: true });
}

console.log(
  `\nOne notebook (${NOTEBOOK_CHUNKS} chunks) keyword search, ${RUNS} NTSB questions, ms in the Worker; shards: ${SHARDS}`,
);
console.log(
  "| chunks in all | layout | chunks in the notebook's database | p50 ms | p95 ms | floor p50 ms (SELECT 1) | hits/query |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  console.log(
    `| ${r.total} | ${r.layout} | ${r.holding} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.floor50.toFixed(1)} | ${r.hits.toFixed(1)} |`,
  );
}
const json = process.argv.indexOf("--json");
if (json > 0 && process.argv[json + 1]) writeFileSync(process.argv[json + 1] as string, JSON.stringify(rows, null, 2));

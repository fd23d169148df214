/**
 * `npm run bench:scale:simulate` (issue 21, point 5): SIM_NOTEBOOKS (10,000) notebooks spread over D1 content shards
 * by the stable hash of their id, at 2 and at 4 shards (SIM_SHARDS), and the first SIM_OWN_NOTEBOOKS (2,000; 0 skips
 * it) of them in their own object — the product's NotebookContent class, reached through its ContentDatabase handle
 * (bench/scale/sim-routes.ts) — then a mixed workload for SIM_SECONDS (20 s) per layout from SIM_CLIENTS (12)
 * concurrent clients: asks (keywordRanking + loadChunks + passagesOf), searches (keywordRanking + loadChunks) and
 * uploads (a document's chunks, keyword rows and pages in one batch), in the proportions of a student's month
 * (100 questions, as many searches, ~10 documents: 47.5 / 47.5 / 5 %). Every layout holds the product's content
 * schema (CONTENT_MIGRATIONS) and runs the product's statements. Notebook sizes are real: each holds 1–4 whole source
 * documents of the bench corpus (bench/corpus-text.ts), chunked and stemmed by the production code.
 * Each layout first runs SIM_SOLO_SECONDS (8 s) with one client: every operation alone, its time the database's
 * service time. Prints per shard (objects: per group of SIM_GROUPS, by the same hash) and overall: operations,
 * throughput, p50/p95 (ms in the Worker, under load) and the capacity 1 s / mean service time (a database runs
 * one query at a time); the overall capacity is their sum.
 * The machine is shared and every local D1 and object runs in one workerd process, so the measured throughput cannot
 * grow with shards or objects here; the per-database capacity (operations per busy second) is what adds up in
 * production. SCALE_PORT fixes wrangler dev's port (else a free one); TMPDIR holds the state directories.
 */
import { rmSync } from "node:fs";
import questions from "../retrieval/ntsb-questions.json";
import { Corpus, initState, type Prototype, percentile, seedContentD1, startPrototype } from "./prototype";
import { shardOf } from "./shard";
import type { ContentChunk, ContentPage, SimNotebook } from "./sim-content";

const NOTEBOOKS = Number(process.env.SIM_NOTEBOOKS ?? 10_000);
const SECONDS = Number(process.env.SIM_SECONDS ?? 20);
const CLIENTS = Number(process.env.SIM_CLIENTS ?? 12);
const SOLO_SECONDS = Number(process.env.SIM_SOLO_SECONDS ?? 8);
const SHARD_COUNTS = (process.env.SIM_SHARDS ?? "2,4").split(",").filter(Boolean).map(Number);
/** Notebooks given their own Durable Object in the third layout (each object is one local SQLite file). */
const OWN_NOTEBOOKS = Number(process.env.SIM_OWN_NOTEBOOKS ?? 2000);
/** Object groups the own layout's figures are also split into (by shardOf of the notebook id). */
const GROUPS = (process.env.SIM_GROUPS ?? "2,4").split(",").filter(Boolean).map(Number);
const started = Date.now();
const step = (label: string) => console.error(`→ ${label} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
const queries = (questions as { question: string }[]).map((q) => q.question);

/** A deterministic stream of pseudo-random numbers (mulberry32), so every run draws the same workload. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const corpus = new Corpus();
/** Chunks per source document, in corpus order: notebook sizes are whole documents. */
const docSizes: number[] = [];
for (const c of corpus.chunks) docSizes[c.doc] = (docSizes[c.doc] ?? 0) + 1;
const notebooks: SimNotebook[] = [];
let doc = 0;
for (let i = 0; i < NOTEBOOKS; i++) {
  const id = `nb_sim_${String(i).padStart(5, "0")}`;
  let count = 0;
  for (let k = 0; k <= i % 4; k++) count += docSizes[doc++ % docSizes.length] ?? 0;
  notebooks.push(corpus.takeContent(id, count));
}
const totalChunks = notebooks.reduce((s, n) => s + n.chunks.length, 0);
step(`${NOTEBOOKS} notebooks, ${totalChunks} chunks (${(totalChunks / NOTEBOOKS).toFixed(0)} per notebook)`);
/** Upload payloads: a document's first 20 chunks and their pages, written into a notebook again as a new document. */
const uploadDocs = notebooks.slice(0, 50).map((n) => {
  const chunks = n.chunks.slice(0, 20);
  const from = chunks[0]?.documentId;
  const pages = n.pages.filter(
    (p) => p.documentId === from && chunks.some((c) => c.documentId === from && c.pageEnd >= p.page),
  );
  return { chunks: chunks.filter((c) => c.documentId === from), pages };
});
const asUpload = (doc: string, up: { chunks: ContentChunk[]; pages: ContentPage[] }) => ({
  chunks: up.chunks.map((c) => ({ ...c, id: `${doc}:${c.index}`, documentId: doc })),
  pages: up.pages.map((p) => ({ ...p, documentId: doc })),
});

type Sample = { kind: string; shard: number; nb: string; ms: number; hits?: number; passages?: number };
type Notebook = (typeof notebooks)[number];
type Layout = { name: string; layout: "sharded" | "own"; shards: number; pool: Notebook[] };

/** One client alone for SOLO_SECONDS (service times), then CLIENTS together for SECONDS; answers both samples. */
async function workload(proto: Prototype, plan: Layout) {
  let samples: Sample[] = [];
  let uploads = 0;
  let deadline = 0;
  const { layout, shards, pool } = plan;
  const shardFor = (id: string) => (layout === "own" ? 0 : shardOf(id, shards));
  const client = async (seed: number) => {
    const next = random(seed);
    while (Date.now() < deadline) {
      const nb = pool[Math.floor(next() * pool.length)] as Notebook;
      const roll = next();
      if (roll < 0.05) {
        const doc = `${nb.id}_up${uploads++}`;
        const up = asUpload(doc, uploadDocs[uploads % uploadDocs.length] ?? { chunks: [], pages: [] });
        const r = (await proto.post("/sim/upload", { layout, shards, notebookId: nb.id, ...up })) as { ms: number };
        samples.push({ kind: "upload", shard: shardFor(nb.id), nb: nb.id, ms: r.ms });
      } else {
        const ask = roll < 0.525 ? 8 : 0;
        const query = queries[Math.floor(next() * queries.length)] as string;
        const r = (await proto.post("/sim/search", { layout, shards, notebookId: nb.id, query, ask })) as {
          ms: number;
          hits: number;
          passages: number;
        };
        const kind = ask ? "ask" : "search";
        samples.push({ kind, shard: shardFor(nb.id), nb: nb.id, ms: r.ms, hits: r.hits, passages: r.passages });
      }
    }
  };
  // One client first: each operation alone, so its time is the database's service time (no queueing).
  deadline = Date.now() + SOLO_SECONDS * 1000;
  await client(7);
  const solo = samples;
  samples = [];
  deadline = Date.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(1000 + c)));
  return { solo, samples };
}

function printTable(plan: Layout, solo: Sample[], samples: Sample[]) {
  const count = plan.layout === "own" ? 1 : plan.shards;
  const chunks = (list: Notebook[]) => list.reduce((t, n) => t + n.chunks.length, 0);
  const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
  const reads = samples.filter((x) => x.kind !== "upload");
  const asks = samples.filter((x) => x.kind === "ask");
  report.push(
    `\n${plan.name}: ${plan.pool.length} notebooks, ${CLIENTS} clients, ${SECONDS} s; keyword hits per search/ask ` +
      `${mean(reads.map((x) => x.hits ?? 0)).toFixed(1)} (none: ${reads.filter((x) => !x.hits).length}), ` +
      `passages per ask ${mean(asks.map((x) => x.passages ?? 0)).toFixed(1)}`,
  );
  report.push(
    "| shard | notebooks | chunks | operations | ops/s | p50 ms | p95 ms | ask p95 | search p95 | upload p95 | alone: mean ms | capacity ops/s |",
  );
  report.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  let ceiling = 0;
  const row = (label: string, shard: number | null, mine: Sample[], members: Notebook[], soloOf?: Sample[]) => {
    const ms = mine.map((s) => s.ms);
    const p95Of = (kind: string) =>
      percentile(
        mine.filter((s) => s.kind === kind).map((s) => s.ms),
        0.95,
      );
    const alone = (soloOf ?? solo.filter((x) => shard === null || x.shard === shard)).map((x) => x.ms);
    const mean = alone.reduce((a, b) => a + b, 0) / Math.max(1, alone.length);
    // One query at a time per database: its capacity is one second over the mean service time. An own object's
    // is per notebook (each has its own), capped by an object's soft 1,000 requests/s; the layout's is their sum.
    const perDb = Math.min(1000, 1000 / Math.max(mean, 0.5));
    const capacity = plan.layout === "own" ? perDb * members.length : shard === null ? ceiling : perDb;
    if (shard !== null) ceiling += capacity;
    report.push(
      `| ${label} | ${members.length} | ${chunks(members)} | ${mine.length} | ${(mine.length / SECONDS).toFixed(1)} | ` +
        `${percentile(ms, 0.5).toFixed(0)} | ${percentile(ms, 0.95).toFixed(0)} | ${p95Of("ask").toFixed(0)} | ` +
        `${p95Of("search").toFixed(0)} | ${p95Of("upload").toFixed(0)} | ${mean.toFixed(1)} | ${capacity.toFixed(0)} |`,
    );
  };
  if (plan.layout === "sharded") {
    for (let s = 0; s < count; s++) {
      row(
        String(s),
        s,
        samples.filter((x) => x.shard === s),
        plan.pool.filter((n) => shardOf(n.id, count) === s),
      );
    }
  }
  row(plan.layout === "own" ? "all (one object each)" : "all", null, samples, plan.pool);
  if (plan.layout === "own") {
    for (const groups of GROUPS) {
      for (let g = 0; g < groups; g++) {
        const members = plan.pool.filter((n) => shardOf(n.id, groups) === g);
        const ids = new Set(members.map((n) => n.id));
        const mine = samples.filter((x) => ids.has(x.nb));
        const alone = solo.filter((x) => ids.has(x.nb));
        row(`group ${g + 1} of ${groups}`, null, mine, members, alone);
      }
    }
  }
}

const report: string[] = [];
const plans: Layout[] = [
  ...SHARD_COUNTS.map((shards) => ({
    name: `${shards} D1 shards`,
    layout: "sharded" as const,
    shards,
    pool: notebooks,
  })),
  ...(OWN_NOTEBOOKS > 0
    ? [{ name: "own Durable Objects", layout: "own" as const, shards: 0, pool: notebooks.slice(0, OWN_NOTEBOOKS) }]
    : []),
];
for (const plan of plans) {
  const { persistTo, files } = await initState({ content: true });
  try {
    if (plan.layout === "sharded") {
      for (let s = 0; s < plan.shards; s++) {
        const file = files.get(`shard-${s}`);
        if (!file) throw new Error(`no local D1 named shard-${s}`);
        seedContentD1(
          file,
          plan.pool.filter((n) => shardOf(n.id, plan.shards) === s),
        );
      }
    }
    const proto = await startPrototype(persistTo);
    try {
      if (plan.layout === "own") {
        // Request-sized loads, three in flight: each notebook's content in one ContentDatabase batch.
        const loads: unknown[][] = [];
        for (let i = 0; i < plan.pool.length; i += 20) loads.push(plan.pool.slice(i, i + 20));
        const loader = async () => {
          for (let next = loads.shift(); next; next = loads.shift()) await proto.post("/sim/load", { notebooks: next });
        };
        await Promise.all([loader(), loader(), loader()]);
      }
      step(`${plan.name} seeded`);
      const { solo, samples } = await workload(proto, plan);
      printTable(plan, solo, samples);
      step(`${plan.name}: ${samples.length} operations`);
    } finally {
      await proto.stop();
    }
  } finally {
    rmSync(persistTo, { recursive: true, force: true });
  }
}
console.log(report.join("\n"));

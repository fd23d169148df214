/**
 * `npm run bench:scale:simulate` (issue 21, point 5, first version): SIM_NOTEBOOKS (10,000) notebooks spread over
 * D1 content shards by the stable hash of their id, at 2 and at 4 shards, then a mixed workload for SIM_SECONDS
 * (20 s) per layout from SIM_CLIENTS (12) concurrent clients: asks (keyword search + the passages' text), searches
 * and uploads (one document's chunks in one batch), in the proportions of a student's month (100 questions, as many
 * searches, ~10 documents: 47.5 / 47.5 / 5 %). Notebook sizes are real: each holds 1–4 whole source documents of the
 * bench corpus (bench/corpus-text.ts), chunked and stemmed by the production code.
 * Each layout first runs SIM_SOLO_SECONDS (8 s) with one client: every operation alone, its time the database's
 * service time. Prints per shard and overall: operations, throughput, p50/p95 (ms in the Worker, under load) and the
 * capacity 1 s / mean service time (a D1 database runs one query at a time); the overall capacity is their sum.
 * The machine is shared and every local D1 runs in one workerd process, so the measured throughput cannot grow
 * with shards here; the per-shard capacity (operations per busy second) is what adds up in production.
 */
import { rmSync } from "node:fs";
import questions from "../retrieval/ntsb-questions.json";
import { Corpus, initState, percentile, seedD1, startPrototype } from "./prototype";
import type { ChunkRow } from "./schema";
import { shardOf } from "./shard";

const NOTEBOOKS = Number(process.env.SIM_NOTEBOOKS ?? 10_000);
const SECONDS = Number(process.env.SIM_SECONDS ?? 20);
const CLIENTS = Number(process.env.SIM_CLIENTS ?? 12);
const SOLO_SECONDS = Number(process.env.SIM_SOLO_SECONDS ?? 8);
const SHARD_COUNTS = (process.env.SIM_SHARDS ?? "2,4").split(",").map(Number);
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
const notebooks: { id: string; rows: ChunkRow[] }[] = [];
let doc = 0;
for (let i = 0; i < NOTEBOOKS; i++) {
  const id = `nb_sim_${String(i).padStart(5, "0")}`;
  let count = 0;
  for (let k = 0; k <= i % 4; k++) count += docSizes[doc++ % docSizes.length] ?? 0;
  notebooks.push({ id, rows: corpus.take(id, count) });
}
const totalChunks = notebooks.reduce((s, n) => s + n.rows.length, 0);
step(`${NOTEBOOKS} notebooks, ${totalChunks} chunks (${(totalChunks / NOTEBOOKS).toFixed(0)} per notebook)`);
/** Upload payloads: documents of the corpus written into a notebook again as a new document. */
const uploadDocs = notebooks.slice(0, 50).map((n) => n.rows.slice(0, 20));

type Sample = { kind: string; shard: number; ms: number };
const report: string[] = [];
for (const shards of SHARD_COUNTS) {
  const { persistTo, files } = await initState();
  try {
    const perShard = Array.from({ length: shards }, () => ({ notebooks: 0, chunks: 0 }));
    for (let s = 0; s < shards; s++) {
      const mine = notebooks.filter((n) => shardOf(n.id, shards) === s);
      perShard[s] = { notebooks: mine.length, chunks: mine.reduce((t, n) => t + n.rows.length, 0) };
      const file = files.get(`shard-${s}`);
      if (!file) throw new Error(`no local D1 named shard-${s}`);
      seedD1(file, mine);
    }
    step(`${shards} shards seeded`);
    const proto = await startPrototype(persistTo);
    let samples: Sample[] = [];
    let uploads = 0;
    let solo: Sample[] = [];
    try {
      let deadline = 0;
      const client = async (seed: number) => {
        const next = random(seed);
        while (Date.now() < deadline) {
          const nb = notebooks[Math.floor(next() * notebooks.length)] as (typeof notebooks)[number];
          const roll = next();
          const shard = shardOf(nb.id, shards);
          if (roll < 0.05) {
            const rows = (uploadDocs[uploads % uploadDocs.length] ?? []).map((r, j) => ({
              ...r,
              index: j,
              id: `${nb.id}_up${uploads}:${j}`,
              doc: `${nb.id}_up${uploads}`,
            }));
            uploads++;
            const r = (await proto.post("/upload", { layout: "sharded", shards, notebookId: nb.id, rows })) as {
              ms: number;
            };
            samples.push({ kind: "upload", shard, ms: r.ms });
          } else {
            const ask = roll < 0.525 ? 8 : 0;
            const query = queries[Math.floor(next() * queries.length)] as string;
            const r = (await proto.post("/search", { layout: "sharded", shards, notebookId: nb.id, query, ask })) as {
              ms: number;
            };
            samples.push({ kind: ask ? "ask" : "search", shard, ms: r.ms });
          }
        }
      };
      // One client first: each operation alone, so its time is the database's service time (no queueing).
      deadline = Date.now() + SOLO_SECONDS * 1000;
      await client(7);
      solo = samples;
      samples = [];
      deadline = Date.now() + SECONDS * 1000;
      await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(1000 + c)));
    } finally {
      await proto.stop();
      rmSync(persistTo, { recursive: true, force: true });
    }
    report.push(`\n${shards} shards, ${NOTEBOOKS} notebooks, ${CLIENTS} clients, ${SECONDS} s`);
    report.push(
      "| shard | notebooks | chunks | operations | ops/s | p50 ms | p95 ms | ask p95 | search p95 | upload p95 | alone: mean ms | capacity ops/s |",
    );
    report.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    let ceiling = 0;
    const row = (label: string, mine: Sample[], info: { notebooks: number; chunks: number }) => {
      const ms = mine.map((s) => s.ms);
      const p95Of = (kind: string) =>
        percentile(
          mine.filter((s) => s.kind === kind).map((s) => s.ms),
          0.95,
        );
      const alone = solo.filter((x) => label === "all" || x.shard === Number(label)).map((x) => x.ms);
      const mean = alone.reduce((a, b) => a + b, 0) / Math.max(1, alone.length);
      // One query at a time per database: its capacity is one second over the mean service time.
      const capacity = label === "all" ? ceiling : 1000 / Math.max(mean, 0.5);
      if (label !== "all") ceiling += capacity;
      report.push(
        `| ${label} | ${info.notebooks} | ${info.chunks} | ${mine.length} | ${(mine.length / SECONDS).toFixed(1)} | ` +
          `${percentile(ms, 0.5).toFixed(0)} | ${percentile(ms, 0.95).toFixed(0)} | ${p95Of("ask").toFixed(0)} | ` +
          `${p95Of("search").toFixed(0)} | ${p95Of("upload").toFixed(0)} | ${mean.toFixed(1)} | ${capacity.toFixed(0)} |`,
      );
    };
    perShard.forEach((info, s) => {
      row(
        String(s),
        samples.filter((x) => x.shard === s),
        info,
      );
    });
    row("all", samples, { notebooks: NOTEBOOKS, chunks: totalChunks });
    step(`${shards} shards: ${samples.length} operations`);
  } catch (error) {
    rmSync(persistTo, { recursive: true, force: true });
    throw error;
  }
}
console.log(report.join("\n"));

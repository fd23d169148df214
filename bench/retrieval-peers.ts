/**
 * `npm run bench:retrieval`: the 70 labelled NTSB questions (bench/retrieval) against one index entry per page
 * (bench/retrieval/ntsb-pages.json, the text our extraction stores), for:
 *  - ours, keyword: exactly our `indexText` (index side) + `toFtsMatch` (query side) over SQLite FTS5 ranked by
 *    bm25 — in Node's own SQLite (`node:sqlite`), NOT D1 (D1 is SQLite too, with the same FTS5 and bm25);
 *  - ours, hybrid: that ranking fused (`fuseRankings`, RRF k = 60) with exact cosine kNN over the local hashing
 *    embedder's vectors — what `npm run dev` does without keys (production would use a real embedding model);
 *  - Orama (@orama/orama) defaults, and with English stemming + stop words (its documented tokenizer options);
 *  - MiniSearch defaults, and with fuzzy 0.2 + prefix search (its documented search options).
 * Quality: hit@1, hit@5, MRR, nDCG@10 from bench/retrieval/metrics.ts. Latency: every question timed (after a
 * warm-up pass) over QUERY_PASSES passes; median and p95 per query.
 */
import { DatabaseSync } from "node:sqlite";
import { create, insertMultiple, search } from "@orama/orama";
import MiniSearch from "minisearch";
import { HashingEmbedder } from "../workers/api/src/embeddings/hashing-embedder";
import { toFtsMatch } from "../workers/api/src/retrieval/fts-query";
import { fuseRankings } from "../workers/api/src/retrieval/fuse";
import { indexText } from "../workers/api/src/retrieval/normalize";
import { type EvalRun, summarize } from "./retrieval/metrics";
import pages from "./retrieval/ntsb-pages.json";
import questions from "./retrieval/ntsb-questions.json";
import { percentile } from "./stats";

const QUERY_PASSES = Number(process.env.BENCH_QUERY_PASSES ?? 5);
const LIMIT = 10;

type Question = (typeof questions)[number] & { alsoRelevant?: { document: string; page: number }[] };
type Ranker = { name: string; note: string; build: () => Promise<(q: string) => string[] | Promise<string[]>> };

const entries = Object.entries(pages as Record<string, string[]>).flatMap(([document, texts]) =>
  texts.map((text, i) => ({ id: `${document}#${i + 1}`, text })),
);

function ftsRanker(): (q: string) => string[] {
  const db = new DatabaseSync(":memory:");
  // The tokenizer of migrations' chunk_terms (0005): our indexText already folded and stemmed the text.
  db.exec("CREATE VIRTUAL TABLE page_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
  const insert = db.prepare("INSERT INTO page_fts (rowid, body) VALUES (?, ?)");
  entries.forEach((e, i) => {
    insert.run(i + 1, indexText(e.text));
  });
  const query = db.prepare(`SELECT rowid FROM page_fts WHERE page_fts MATCH ? ORDER BY bm25(page_fts) LIMIT ${LIMIT}`);
  return (q) => {
    const match = toFtsMatch(q);
    if (match === null) return [];
    return (query.all(match) as { rowid: number }[]).map((r) => entries[r.rowid - 1]?.id as string);
  };
}

async function vectorRanker(): Promise<(q: string) => Promise<string[]>> {
  const embedder = new HashingEmbedder();
  const vectors: number[][] = [];
  for (let i = 0; i < entries.length; i += embedder.maxBatch)
    vectors.push(...(await embedder.embed(entries.slice(i, i + embedder.maxBatch).map((e) => e.text))));
  return async (q) => {
    const [v = []] = await embedder.embed([q]);
    return vectors
      .map((w, i) => ({ i, score: w.reduce((sum, x, d) => sum + x * (v[d] ?? 0), 0) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, LIMIT)
      .map((s) => entries[s.i]?.id as string);
  };
}

const ENGLISH_STOP = new Set(
  "a an and are as at be by for from has have how in is it its of on or that the this to was were what when where which who why with did does do after before during".split(
    " ",
  ),
);

export const RANKERS: Ranker[] = [
  {
    name: "ours: keyword (FTS5 bm25)",
    note: "indexText + toFtsMatch + bm25, node:sqlite FTS5 (not D1)",
    build: async () => ftsRanker(),
  },
  {
    name: "ours: hybrid (keyword + hashing kNN, RRF)",
    note: "fuseRankings of bm25 and exact cosine over the local hashing embedder",
    build: async () => {
      const keyword = ftsRanker();
      const vector = await vectorRanker();
      return async (q) => fuseRankings([keyword(q), await vector(q)], { limit: LIMIT }).map((f) => f.id);
    },
  },
  {
    name: "Orama defaults",
    note: "create({ schema: { body: 'string' } }), search({ term })",
    build: async () => {
      const db = create({ schema: { id: "string", body: "string" } as const });
      await insertMultiple(
        db,
        entries.map((e) => ({ id: e.id, body: e.text })),
      );
      return async (q) => (await search(db, { term: q, limit: LIMIT })).hits.map((h) => h.id);
    },
  },
  {
    name: "Orama stemming + stop words",
    note: "tokenizer { language: 'english', stemming: true, stopWords }",
    build: async () => {
      const db = create({
        schema: { id: "string", body: "string" } as const,
        components: { tokenizer: { language: "english", stemming: true, stopWords: [...ENGLISH_STOP] } },
      });
      await insertMultiple(
        db,
        entries.map((e) => ({ id: e.id, body: e.text })),
      );
      return async (q) => (await search(db, { term: q, limit: LIMIT })).hits.map((h) => h.id);
    },
  },
  {
    name: "MiniSearch defaults",
    note: "new MiniSearch({ fields: ['body'] }), search(q)",
    build: async () => {
      const mini = new MiniSearch<{ id: string; body: string }>({ fields: ["body"] });
      mini.addAll(entries.map((e) => ({ id: e.id, body: e.text })));
      return (q) =>
        mini
          .search(q)
          .slice(0, LIMIT)
          .map((r) => String(r.id));
    },
  },
  {
    name: "MiniSearch fuzzy + prefix",
    note: "searchOptions { fuzzy: 0.2, prefix: true }, English stop words dropped",
    build: async () => {
      const mini = new MiniSearch<{ id: string; body: string }>({
        fields: ["body"],
        processTerm: (t) => (ENGLISH_STOP.has(t.toLowerCase()) ? null : t.toLowerCase()),
        searchOptions: { fuzzy: 0.2, prefix: true },
      });
      mini.addAll(entries.map((e) => ({ id: e.id, body: e.text })));
      return (q) =>
        mini
          .search(q)
          .slice(0, LIMIT)
          .map((r) => String(r.id));
    },
  },
];

export type RetrievalResult = {
  name: string;
  note: string;
  hit1: number;
  hit5: number;
  mrr: number;
  ndcg10: number;
  indexMs: number;
  latenciesMs: number[];
  byLang: Record<string, { hit5: number; mrr: number }>;
};

async function evaluate(ranker: Ranker): Promise<RetrievalResult> {
  const t0 = performance.now();
  const rank = await ranker.build();
  const indexMs = performance.now() - t0;
  const runs: (EvalRun & { lang: string })[] = [];
  for (const q of questions as Question[]) {
    const relevant = [`${q.document}#${q.page}`, ...(q.alsoRelevant ?? []).map((r) => `${r.document}#${r.page}`)];
    runs.push({ ranked: await rank(q.question), relevant, lang: q.lang });
  }
  const latenciesMs: number[] = [];
  for (let pass = 0; pass < QUERY_PASSES; pass++) {
    for (const q of questions) {
      const s = performance.now();
      await rank(q.question);
      latenciesMs.push(performance.now() - s);
    }
  }
  const all = summarize(runs);
  const byLang = Object.fromEntries(
    ["en", "pt", "es"].map((lang) => {
      const s = summarize(runs.filter((r) => r.lang === lang));
      return [lang, { hit5: s.hitAt[5] ?? 0, mrr: s.mrr }];
    }),
  );
  return {
    name: ranker.name,
    note: ranker.note,
    hit1: all.hitAt[1] ?? 0,
    hit5: all.hitAt[5] ?? 0,
    mrr: all.mrr,
    ndcg10: all.ndcg10,
    indexMs,
    latenciesMs,
    byLang,
  };
}

const results: RetrievalResult[] = [];
for (const ranker of RANKERS) results.push(await evaluate(ranker));
if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify(results)}\n`);
else {
  console.log(
    `Retrieval on the labelled NTSB set: ${questions.length} questions, ${entries.length} pages, Node ${process.version}`,
  );
  console.table(
    results.map((r) => ({
      retriever: r.name,
      "hit@1": r.hit1.toFixed(2),
      "hit@5": r.hit5.toFixed(2),
      MRR: r.mrr.toFixed(3),
      "nDCG@10": r.ndcg10.toFixed(3),
      "hit@5 en/pt/es": ["en", "pt", "es"].map((l) => r.byLang[l]?.hit5.toFixed(2)).join("/"),
      "query ms median": percentile(r.latenciesMs, 0.5).toFixed(3),
      "query ms p95": percentile(r.latenciesMs, 0.95).toFixed(3),
      "index ms": r.indexMs.toFixed(0),
    })),
  );
  for (const r of results) console.log(`- ${r.name}: ${r.note}`);
}

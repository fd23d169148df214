// Keyword-only retrieval over the labelled NTSB set (bench/retrieval), one FTS5 row per page: a regression
// guard for normalisation and stemming, and the baseline the hybrid search must beat.
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EvalRun, type EvalSummary, summarize } from "../../../../bench/retrieval/metrics";
import pages from "../../../../bench/retrieval/ntsb-pages.json";
import questions from "../../../../bench/retrieval/ntsb-questions.json";
import { ftsString, toFtsMatch } from "./fts-query";
import { indexText } from "./normalize";

type Question = (typeof questions)[number] & { alsoRelevant?: { document: string; page: number }[] };

const keys = Object.entries(pages as Record<string, string[]>).flatMap(([document, texts]) =>
  texts.map((_, i) => `${document}#${i + 1}`),
);
const textOf = (key: string) => {
  const [document = "", page = "0"] = key.split("#");
  return (pages as Record<string, string[]>)[document]?.[Number(page) - 1] ?? "";
};

/** What a naive setup would do: raw text, raw words quoted and OR-ed. */
function rawMatch(question: string): string | null {
  const words = question.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.map(ftsString).join(" OR ") : null;
}

async function rank(table: string, match: string | null): Promise<string[]> {
  if (match === null) return [];
  const { results } = await env.DB.prepare(
    `SELECT rowid FROM ${table} WHERE ${table} MATCH ?1 ORDER BY bm25(${table}) LIMIT 10`,
  )
    .bind(match)
    .all<{ rowid: number }>();
  return results.map((row) => keys[row.rowid - 1] as string);
}

async function evaluate(table: string, toMatch: (q: string) => string | null, lang?: string): Promise<EvalSummary> {
  const runs: EvalRun[] = [];
  for (const q of questions as Question[]) {
    if (lang && q.lang !== lang) continue;
    const relevant = [`${q.document}#${q.page}`, ...(q.alsoRelevant ?? []).map((r) => `${r.document}#${r.page}`)];
    runs.push({ ranked: await rank(table, toMatch(q.question)), relevant });
  }
  return summarize(runs);
}

beforeAll(async () => {
  const tokenize = "tokenize = 'unicode61 remove_diacritics 2'";
  await env.DB.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ntsb_fts USING fts5(body, ${tokenize})`);
  await env.DB.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ntsb_raw_fts USING fts5(body, ${tokenize})`);
  const insert = (table: string, body: (key: string) => string) =>
    keys.map((key, i) => env.DB.prepare(`INSERT INTO ${table} (rowid, body) VALUES (?1, ?2)`).bind(i + 1, body(key)));
  await env.DB.batch([...insert("ntsb_fts", (key) => indexText(textOf(key))), ...insert("ntsb_raw_fts", textOf)]);
});

afterAll(async () => {
  await env.DB.exec("DROP TABLE IF EXISTS ntsb_fts");
  await env.DB.exec("DROP TABLE IF EXISTS ntsb_raw_fts");
});

describe("keyword baseline on the NTSB question set", () => {
  it("finds the labelled page and beats raw-text FTS", async () => {
    const ours = await evaluate("ntsb_fts", (q) => toFtsMatch(q));
    const raw = await evaluate("ntsb_raw_fts", rawMatch);
    const byLang = Object.fromEntries(
      await Promise.all(
        ["en", "pt", "es"].map(async (lang) => [lang, await evaluate("ntsb_fts", (q) => toFtsMatch(q), lang)]),
      ),
    );
    console.log(JSON.stringify({ ours, raw, byLang }, null, 1));
    expect(ours.count).toBe(questions.length);
    expect(ours.hitAt[5]).toBeGreaterThanOrEqual(0.8);
    expect(ours.mrr).toBeGreaterThanOrEqual(raw.mrr);
    expect(ours.ndcg10).toBeGreaterThanOrEqual(raw.ndcg10);
  });
});

// `npm run eval:retrieval`: the 70 labelled NTSB questions against a notebook built from the 10 PDFs through
// the real upload → queue → Workflow path, in keyword, semantic (local hashing embedder) and hybrid mode.
import { describe, expect, it } from "vitest";
import { bearer, signUp } from "../../workers/api/test/helpers";
import { notebookWithNtsb, search } from "../../workers/api/test/notebook-helpers";
import { type EvalRun, type EvalSummary, summarize } from "./metrics";
import questions from "./ntsb-questions.json";

type Question = (typeof questions)[number] & { alsoRelevant?: { document: string; page: number }[] };

const fixed = (n: number) => n.toFixed(3);

describe("retrieval evaluation (NTSB, 70 questions)", () => {
  it("prints hit@1, hit@5, MRR and nDCG@10 per mode", async () => {
    const auth = bearer(await signUp("Evaluator"));
    const { notebookId } = await notebookWithNtsb(auth);
    const table: Record<string, EvalSummary> = {};
    for (const mode of ["keyword", "semantic", "hybrid"]) {
      const runs: EvalRun[] = [];
      for (const q of questions as Question[]) {
        const res = await search(auth, notebookId, { query: q.question, mode, limit: 10 });
        expect(res.body.mode).toBe(mode);
        // A merged result spanning pages names each of them, in page order.
        const ranked = res.body.results.flatMap((r) =>
          Array.from({ length: r.pageEnd - r.pageStart + 1 }, (_, i) => `${r.documentTitle}.pdf#${r.pageStart + i}`),
        );
        const relevant = [`${q.document}#${q.page}`, ...(q.alsoRelevant ?? []).map((x) => `${x.document}#${x.page}`)];
        runs.push({ ranked, relevant });
      }
      table[mode] = summarize(runs);
    }
    const lines = [
      "| mode | hit@1 | hit@5 | MRR | nDCG@10 |",
      "|---|---|---|---|---|",
      ...Object.entries(table).map(
        ([mode, s]) =>
          `| ${mode} | ${fixed(s.hitAt[1] ?? 0)} | ${fixed(s.hitAt[5] ?? 0)} | ${fixed(s.mrr)} | ${fixed(s.ndcg10)} |`,
      ),
    ];
    console.log(`\n${lines.join("\n")}\n`);
    expect(table.hybrid?.hitAt[5]).toBeGreaterThanOrEqual(0.9);
    expect(table.hybrid?.hitAt[5]).toBeGreaterThanOrEqual(table.keyword?.hitAt[5] ?? 0);
  });
});

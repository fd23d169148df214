// `npm run eval:answers:global` (GRAPH_THEMES_ENABLED, GRAPH_PATHS_ENABLED = true|false): the labelled global questions of
// bench/answers/global-questions.json asked of the ten NTSB reports, with the concept map built. Prints, per
// kind, the answers' reach (distinct reports cited, of ten), quotes on their cited page, and for relation
// questions the share whose citations name both related things; docs/retrieval-eval.md has both runs.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { waitForConcepts } from "../../workers/api/src/concepts/concept-test-helpers";
import { bearer, call, signUp } from "../../workers/api/test/helpers";
import { notebookWithNtsb } from "../../workers/api/test/notebook-helpers";
import set from "./global-questions.json";

type Citation = { documentId: string; page: number; quote: string };
type Answer = { mode: string; answer: string; citations: Citation[] };

const squash = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

describe("global questions over the concept map", () => {
  it(`answers ${set.themes.length + set.relation.length} global questions`, { timeout: 900_000 }, async () => {
    const auth = bearer(await signUp("Global evaluator"));
    const { notebookId, docs } = await notebookWithNtsb(auth);
    for (const doc of Object.values(docs)) await waitForConcepts(auth, doc.id, 300_000);
    const pages = new Map<string, string>();
    const onPage = async (c: Citation) => {
      const key = `${c.documentId}#${c.page}`;
      if (!pages.has(key)) {
        const res = await call(`/v1/documents/${c.documentId}/pages/${c.page}`, { headers: auth });
        pages.set(key, squash(((await res.json()) as { text: string }).text));
      }
      return (pages.get(key) ?? "").includes(squash(c.quote.replace(/…$/, "")));
    };
    const ask = async (question: string): Promise<Answer> => {
      const res = await call(`/v1/notebooks/${notebookId}/ask`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ question }),
      });
      expect(res.status, question).toBe(200);
      return (await res.json()) as Answer;
    };
    const rows: string[] = [];
    const score = { themesReach: [] as number[], quotes: 0, onPage: 0, connected: 0 };
    for (const q of set.themes) {
      const a = await ask(q.question);
      const reach = new Set(a.citations.map((c) => c.documentId)).size;
      score.themesReach.push(reach);
      for (const c of a.citations) {
        score.quotes++;
        if (await onPage(c)) score.onPage++;
      }
      rows.push(`${q.id} ${a.mode} reach ${reach}/10: ${a.answer.slice(0, 160).replace(/\n/g, " / ")}`);
    }
    for (const q of set.relation) {
      const a = await ask(q.question);
      const quotes = a.citations.map((c) => squash(c.quote));
      const names = (stems: string[]) => quotes.some((t) => stems.some((s) => t.includes(s)));
      const connected = q.terms.every(names);
      if (connected) score.connected++;
      for (const c of a.citations) {
        score.quotes++;
        if (await onPage(c)) score.onPage++;
      }
      rows.push(
        `${q.id} ${a.mode} ${connected ? "connected" : "not connected"}: ${a.answer.slice(0, 160).replace(/\n/g, " / ")}`,
      );
    }
    const figures = {
      graphThemes: env.GRAPH_THEMES_ENABLED,
      graphPaths: env.GRAPH_PATHS_ENABLED,
      themesMeanReach: Number((score.themesReach.reduce((x, y) => x + y, 0) / set.themes.length).toFixed(2)),
      relationConnected: `${score.connected}/${set.relation.length}`,
      quotesOnPage: `${score.onPage}/${score.quotes}`,
    };
    console.log(`GLOBAL_QUESTIONS ${JSON.stringify(figures)}\n${rows.join("\n")}`);
  });
});

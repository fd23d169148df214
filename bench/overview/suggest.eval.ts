// `npm run eval:suggest`: the questions a notebook's first look suggests without a model, over real documents
// of different kinds and languages (an NTSB report, a Spanish health-statistics report full of tables, Brazilian
// budget annexes, a Portuguese encyclopaedia text, the first two together, as a new user had them, and three
// short or table-heavy documents of the trials: a transcript's first page, a French municipal record, a Federal
// Register rule, a table-only list of pollutants (ICDAR 2013's eu-001); bench/overview/README.md says where each set's documents come from). Each
// set is its own notebook, built through the real upload → queue → Workflow path; its overview is requested
// (no model), and every suggested question is asked (extractive answer). Prints per set the suggestions with
// what citation 1 quotes, and three figures (docs/retrieval-eval.md, "Suggested questions without a model"):
// - prose: citation 1's quote is a sentence of running text (`isProseSentence`), not a row, label or title;
// - on topic: that sentence also holds every content word of the question (`answersInProse`, the rule the
//   verification requires of a candidate: a check of the implementation, not an independent judge);
// - ok: the question is labelled "ok" in labels.json, judged by hand (the independent figure); unlabelled
//   questions are printed for a human to judge and make the run fail.
import { env } from "cloudflare:workers";
import { afterAll, describe, expect, it } from "vitest";
import type { AnswerDto } from "../../schemas/answers";
import type { OverviewDto } from "../../schemas/overview";
import { answersInProse, isProseSentence } from "../../workers/api/src/overview/prose";
import {
  bearer,
  call,
  createNotebook,
  type DocumentBody,
  fixture,
  fixtureNames,
  signUp,
  uploadFile,
  waitForTerminal,
} from "../../workers/api/test/helpers";
import { resetModels, useNoModel } from "../../workers/api/test/study-helpers";
import labels from "./labels.json";

type Source =
  | { name: string; bytes: () => Uint8Array | undefined; type: string }
  | { name: string; text: () => string | undefined };

const evalPdf =
  (name: string, from: () => Record<string, string> | undefined = () => env.EVAL_DOCUMENTS) =>
  () => {
    const b64 = from()?.[name];
    return b64 ? Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)) : undefined;
  };
const NTSB = { name: "20080102X00005.pdf", bytes: () => fixture("ntsb/20080102X00005.pdf"), type: "application/pdf" };
const GT = {
  name: "gt-enfermedades-agua-alimentos-2018.pdf",
  bytes: evalPdf("gt-enfermedades-agua-alimentos-2018.pdf"),
  type: "application/pdf",
};
const BR = {
  name: "br-orcamento-federal-2019-anexos.pdf",
  bytes: evalPdf("br-orcamento-federal-2019-anexos.pdf"),
  type: "application/pdf",
};
/** A short or table-only document of the new-user trials (bench/overview/README.md: copy it into bench/overview/docs). */
const trialPdf = (name: string) => ({
  name,
  bytes: evalPdf(name, () => env.OVERVIEW_EVAL_DOCUMENTS),
  type: "application/pdf",
});
const GRAVIDEZ = { name: "Gravidez", text: () => env.CONCEPT_EVAL_DOCUMENTS?.["pt-wikipedia-gravidez.txt"] };

const NTSB_ALL = fixtureNames("ntsb").map((f) => ({
  name: f.replace("ntsb/", ""),
  bytes: () => fixture(f),
  type: "application/pdf",
}));

const SETS: Record<string, Source[]> = {
  "ntsb-en": [NTSB],
  "ntsb-10-en": NTSB_ALL,
  "gt-es-tables": [GT],
  "br-pt-tables": [BR],
  "pt-gravidez": [GRAVIDEZ],
  "trial-ntsb+gt": [NTSB, GT],
  "scotus-en": [trialPdf("scotus-transcript-p1.pdf")],
  "pv-fr": [trialPdf("2023-06-20-PV.pdf")],
  "fedreg-en": [trialPdf("federal-register-2020-17221.pdf")],
  "eu-001-en": [trialPdf("eu-001.pdf")],
};

const judged = labels as Record<string, Record<string, "ok" | "junk">>;

async function notebookOf(auth: Record<string, string>, set: string, sources: Source[]) {
  const notebookId = await createNotebook(auth, set);
  for (const source of sources) {
    let res: Response;
    if ("text" in source) {
      const text = source.text();
      if (!text) return undefined;
      res = await call(`/v1/notebooks/${notebookId}/documents`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ title: source.name, text }),
      });
    } else {
      const bytes = source.bytes();
      if (!bytes) return undefined;
      res = await uploadFile(auth, notebookId, bytes, source.name, source.type);
    }
    expect([200, 202], source.name).toContain(res.status);
    const done = await waitForTerminal(auth, ((await res.json()) as DocumentBody).id, 180_000);
    expect(done.status, source.name).toBe("ready");
  }
  return notebookId;
}

const lines: string[] = [];
const unlabelled: string[] = [];
afterAll(() => {
  resetModels();
  console.log(lines.join("\n"));
  if (unlabelled.length) console.log(`UNLABELLED (add to bench/overview/labels.json):\n${unlabelled.join("\n")}`);
  expect(unlabelled, "label every suggestion by hand").toEqual([]);
});

describe("suggested questions without a model", () => {
  const auth = signUp("Suggestions evaluator").then(bearer);
  for (const [set, sources] of Object.entries(SETS)) {
    it(set, { timeout: 600_000 }, async () => {
      const notebookId = await notebookOf(await auth, set, sources);
      if (!notebookId) {
        lines.push(`${set}: skipped (documents missing: see bench/overview/README.md)`);
        return;
      }
      useNoModel();
      const res = await call(`/v1/notebooks/${notebookId}/overview`, { headers: await auth });
      expect(res.status).toBe(200);
      const overview = (await res.json()) as OverviewDto;
      let prose = 0;
      let onTopic = 0;
      let ok = 0;
      const rows: string[] = [];
      for (const { question } of overview.questions) {
        const ask = await call(`/v1/notebooks/${notebookId}/ask`, {
          method: "POST",
          headers: { ...(await auth), "content-type": "application/json" },
          body: JSON.stringify({ question }),
        });
        const answer = (await ask.json()) as AnswerDto;
        const quote = answer.mode === "not-covered" ? "" : (answer.citations[0]?.quote ?? "");
        const isProse = isProseSentence(quote);
        const label = judged[set]?.[question];
        if (!label) unlabelled.push(`${set}: ${JSON.stringify(question)}`);
        const topical = answersInProse(question, quote || undefined);
        if (isProse) prose++;
        if (topical) onTopic++;
        if (label === "ok") ok++;
        rows.push(
          `  ${label ?? "??"} ${isProse ? "prose" : "-----"} ${topical ? "topic" : "-----"} ${question}  →  [${answer.mode}] ${quote.slice(0, 110)}`,
        );
      }
      const n = overview.questions.length;
      lines.push(
        `SUGGEST ${set}: ${n} questions, prose ${prose}/${n}, on topic ${onTopic}/${n}, ok ${ok}/${n}`,
        `  headings: ${JSON.stringify(overview.sources.map((s) => s.headings))}`,
        `  keyPhrases: ${JSON.stringify(overview.sources.map((s) => s.keyPhrases))}`,
        ...rows,
      );
    });
  }
});

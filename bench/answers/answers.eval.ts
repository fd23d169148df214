// `npm run eval:answers`: the answers a student gets, measured on two labelled sets — the 70 NTSB questions
// (bench/retrieval) and the 106 questions over eight documents with tables (bench/answers) — each with the 24
// off-topic questions. Every document goes through the real upload → queue → Workflow path; every question is
// searched (hybrid, limit 5) and asked (JSON, no model configured → the extractive answer) in a fresh thread.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { abbreviationsOf } from "../../workers/api/src/answers/acronyms";
import { waitForConcepts } from "../../workers/api/src/concepts/concept-test-helpers";
import {
  bearer,
  call,
  createNotebook,
  type DocumentBody,
  signUp,
  uploadFile,
  waitForTerminal,
} from "../../workers/api/test/helpers";
import { notebookWithNtsb, search } from "../../workers/api/test/notebook-helpers";
import ntsbQuestions from "../retrieval/ntsb-questions.json";
import {
  type CitedSpan,
  citationSpan,
  citedPage,
  containsFact,
  formatRunTable,
  type QuestionRun,
  quoteOnPage,
  resultPages,
  unfinishedQuote,
} from "./answer-metrics";
import offTopic from "./off-topic.json";
import answerQuestions from "./questions.json";

const LANGS = ["en", "pt", "es"];

/** One on-topic question as both sets can state it: pages are `${document}#${page}` keys. */
type Labelled = {
  id: string;
  lang: string;
  question: string;
  keyFact: string;
  relevant: string[];
  /** "Which state had the lowest …?": answered from a table's extreme row (reported apart too). */
  superlative?: boolean;
};

type AskBody = {
  mode: string;
  answer: string;
  citations: Array<CitedSpan & { documentId: string; quote: string }>;
};

const answerSet: Labelled[] = answerQuestions.map((q) => ({
  id: q.id,
  lang: q.lang,
  question: q.question,
  keyFact: q.keyFact,
  relevant: [q.page, ...((q as { alsoPages?: number[] }).alsoPages ?? [])].map((p) => `${q.document}#${p}`),
  superlative: (q as { superlative?: boolean }).superlative === true,
}));

// The NTSB `answer` is a verbatim span of its page (checked by npm run bench:questions:answers): the key fact.
const ntsbSet: Labelled[] = ntsbQuestions.map((q) => ({
  id: q.id,
  lang: q.lang,
  question: q.question,
  keyFact: q.answer,
  relevant: [
    `${q.document}#${q.page}`,
    ...((q as { alsoRelevant?: { document: string; page: number }[] }).alsoRelevant ?? []).map(
      (r) => `${r.document}#${r.page}`,
    ),
  ],
}));

async function notebookWithAnswerDocs(auth: Record<string, string>) {
  const docs = env.EVAL_DOCUMENTS;
  if (!docs || Object.keys(docs).length === 0) return undefined;
  const notebookId = await createNotebook(auth, "Answers evaluation");
  const accepted: DocumentBody[] = [];
  for (const [name, base64] of Object.entries(docs)) {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const res = await uploadFile(auth, notebookId, bytes, name, "application/pdf");
    expect([200, 202], `upload ${name}`).toContain(res.status);
    accepted.push((await res.json()) as DocumentBody);
  }
  for (const doc of accepted) {
    const done = await waitForTerminal(auth, doc.id, 180_000);
    expect(done.status, `${doc.title}: ${done.error?.message ?? ""}`).toBe("ready");
  }
  return notebookId;
}

async function ask(auth: Record<string, string>, notebookId: string, question: string): Promise<AskBody> {
  const res = await call(`/v1/notebooks/${notebookId}/ask`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ question }),
  });
  expect(res.status, question).toBe(200);
  return (await res.json()) as AskBody;
}

/** Page texts as the API serves them (what the viewer highlights in), fetched once each. */
function pageReader(auth: Record<string, string>) {
  const cache = new Map<string, Promise<string>>();
  return (documentId: string, page: number) => {
    const key = `${documentId}#${page}`;
    let text = cache.get(key);
    if (!text) {
      text = call(`/v1/documents/${documentId}/pages/${page}`, { headers: auth }).then(async (res) => {
        expect(res.status, `page ${key}`).toBe(200);
        return ((await res.json()) as { text: string }).text;
      });
      cache.set(key, text);
    }
    return text;
  };
}

/** Quotes not found on their cited page, for the report: `${question id} p${page}: "${quote start}"`. */
const QUOTE_EXAMPLES = 3;

type QuoteMisses = { examples: string[]; elsewhereInSpan: number; emptyField: string[]; openBracket: string[] };

async function citationChecks(readPage: ReturnType<typeof pageReader>, id: string, body: AskBody, misses: QuoteMisses) {
  let found = 0;
  for (const [i, c] of body.citations.entries()) {
    const unfinished = unfinishedQuote(c.quote);
    if (unfinished) (unfinished === "empty field" ? misses.emptyField : misses.openBracket).push(`${id}[${i + 1}]`);
    if (quoteOnPage(c.quote, await readPage(c.documentId, citedPage(c)))) {
      found += 1;
      continue;
    }
    misses.examples.push(`${id} p${citedPage(c)} (chunk pages ${c.pageStart}–${c.pageEnd}): "${c.quote.slice(0, 90)}"`);
    // Tells the two causes apart: the quote sits on a later page of the chunk, or on no page at all.
    for (let p = c.pageStart; p <= c.pageEnd; p++) {
      if (p !== citedPage(c) && quoteOnPage(c.quote, await readPage(c.documentId, p))) {
        misses.elsewhereInSpan += 1;
        break;
      }
    }
  }
  return { quotesFound: found, quotesChecked: body.citations.length, spans: body.citations.map(citationSpan) };
}

async function evaluateSet(auth: Record<string, string>, notebookId: string, questions: Labelled[]) {
  const readPage = pageReader(auth);
  const runs: QuestionRun[] = [];
  const missed = {
    page: [] as string[],
    fact: [] as string[],
    notFirst: [] as string[],
    factExamples: [] as string[],
    notCovered: [] as string[],
    superlative: { asked: [] as string[], fact: [] as string[], first: [] as string[] },
    abbreviation: { asked: [] as string[], fact: [] as string[], first: [] as string[] },
    quotes: { examples: [], elsewhereInSpan: 0, emptyField: [], openBracket: [] } as QuoteMisses,
  };
  for (const q of questions) {
    const found = await search(auth, notebookId, { query: q.question, mode: "hybrid", limit: 5 });
    expect(found.status, q.id).toBe(200);
    const pages = found.body.results.flatMap((r) => resultPages(`${r.documentTitle}.pdf`, r));
    const hitAt5 = pages.some((p) => q.relevant.includes(p));
    const body = await ask(auth, notebookId, q.question);
    const factInAnswer = containsFact(body.answer, q.keyFact);
    const factCitedFirst = containsFact(body.citations[0]?.quote ?? "", q.keyFact);
    const notCovered = body.mode === "not-covered";
    if (!hitAt5) missed.page.push(q.id);
    if (!factInAnswer) {
      missed.fact.push(q.id);
      missed.factExamples.push(
        `${q.id} [${q.keyFact}] ${q.question} → ${body.mode}: ${body.answer.replace(/\s+/g, " ").slice(0, 200)}`,
      );
    }
    if (factInAnswer && !factCitedFirst) missed.notFirst.push(q.id);
    // Reported apart too: superlative questions, and those asked with an abbreviation ("CHD", "IIC": acronyms.ts).
    for (const subset of [
      q.superlative && missed.superlative,
      abbreviationsOf(q.question).length && missed.abbreviation,
    ]) {
      if (!subset) continue;
      subset.asked.push(q.id);
      if (factInAnswer) subset.fact.push(q.id);
      if (factCitedFirst) subset.first.push(q.id);
    }
    if (traced().has(q.id)) console.log(trace(q, found.body.results, body));
    if (notCovered) missed.notCovered.push(q.id);
    runs.push({
      lang: q.lang,
      offTopic: false,
      hitAt5,
      factInAnswer,
      factCitedFirst,
      notCovered,
      ...(await citationChecks(readPage, q.id, body, missed.quotes)),
    });
  }
  const answeredOffTopic: string[] = [];
  for (const q of offTopic) {
    const body = await ask(auth, notebookId, q.question);
    const notCovered = body.mode === "not-covered";
    if (!notCovered) answeredOffTopic.push(q.id);
    runs.push({
      lang: q.lang,
      offTopic: true,
      notCovered,
      ...(await citationChecks(readPage, q.id, body, missed.quotes)),
    });
  }
  return { runs, missed, answeredOffTopic };
}

/** `EVAL_TRACE`'s question ids (read when asked: the bindings are not there yet when the module loads). */
const traced = () => new Set((env.EVAL_TRACE ?? "").split(",").filter(Boolean));

type Result = { documentTitle: string; pageStart: number; pageEnd: number; text: string };

/** `EVAL_TRACE`: a question's search results (title, pages, start of text) and the answer with its citations' pages. */
function trace(q: Labelled, results: Result[], body: AskBody): string {
  const line = (r: Result, i: number) =>
    `  ${i + 1}. ${r.documentTitle} pp. ${r.pageStart}–${r.pageEnd}: ${r.text.replace(/\s+/g, " ").slice(0, 160)}`;
  const cited = body.citations.map((c) => `[${citedPage(c)}] ${c.quote.replace(/\s+/g, " ").slice(0, 100)}`);
  return [
    `TRACE ${q.id} [${q.keyFact}] ${q.question} (relevant ${q.relevant.join(" ")})`,
    ...results.map(line),
    `  → ${body.mode}: ${body.answer.replace(/\s+/g, " ").slice(0, 400)}`,
    ...cited.map((c) => `    ${c}`),
  ].join("\n");
}

/** Missed key facts printed with the answer given, to read why. */
const FACT_EXAMPLES = 40;

/** A subset's questions with the key fact in the answer and in citation 1, and those without it. */
function subsetLine(name: string, s: { asked: string[]; fact: string[]; first: string[] }): string[] {
  if (s.asked.length === 0) return [];
  const without = s.asked.filter((id) => !s.fact.includes(id));
  return [
    `${name} (${s.asked.length}): key fact in the answer ${s.fact.length}, cited first ${s.first.length}; missing: ${without.join(" ") || "none"}`,
  ];
}

function report(title: string, result: Awaited<ReturnType<typeof evaluateSet>>) {
  const { runs, missed, answeredOffTopic } = result;
  return [
    `### ${title}`,
    "",
    formatRunTable(runs, LANGS),
    "",
    `page not in top 5 (${missed.page.length}): ${missed.page.join(" ") || "none"}`,
    `key fact missing from the answer (${missed.fact.length}): ${missed.fact.join(" ") || "none"}`,
    ...missed.factExamples.slice(0, FACT_EXAMPLES).map((m) => `  ${m}`),
    `key fact in the answer but not cited first (${missed.notFirst.length}): ${missed.notFirst.join(" ") || "none"}`,
    ...subsetLine("superlative questions", missed.superlative),
    ...subsetLine("questions with an abbreviation", missed.abbreviation),
    `on-topic answered not-covered (${missed.notCovered.length}): ${missed.notCovered.join(" ") || "none"}`,
    `off-topic answered anyway (${answeredOffTopic.length}): ${answeredOffTopic.join(" ") || "none"}`,
    `quotes not on their cited page: ${missed.quotes.examples.length}, of which ${missed.quotes.elsewhereInSpan} are on another page of the chunk and the rest on none of its pages; e.g.:`,
    ...missed.quotes.examples.slice(0, QUOTE_EXAMPLES).map((m) => `  ${m}`),
    `quotes ending in ":" (an empty field) (${missed.quotes.emptyField.length}): ${missed.quotes.emptyField.join(" ") || "none"}`,
    `quotes left inside an open bracket (${missed.quotes.openBracket.length}): ${missed.quotes.openBracket.join(" ") || "none"}`,
  ].join("\n");
}

describe("answers evaluation (NTSB and tables sets)", () => {
  it("prints hit@5, key fact in answer, quotes on cited pages, citation span and not-covered P/R", async () => {
    const started = Date.now();
    const user = await signUp("Evaluator");
    // The free plan's 100 questions a day would stop the run half-way: the evaluator is on the pro plan.
    await env.DB.prepare("INSERT INTO user_plan (user_id, plan) VALUES (?, 'pro')").bind(user.userId).run();
    const auth = bearer(user);
    const ntsbBuilt = await notebookWithNtsb(auth);
    const ntsbNotebook = ntsbBuilt.notebookId;
    // The concept map follows readiness: answers over it (CONCEPT_EXPANSION_ENABLED) need it built first.
    for (const doc of Object.values(ntsbBuilt.docs)) await waitForConcepts(auth, doc.id, 300_000);
    const answersNotebook = await notebookWithAnswerDocs(auth);
    const ingested = Date.now();
    const ntsb = await evaluateSet(auth, ntsbNotebook, ntsbSet);
    const tables = answersNotebook ? await evaluateSet(auth, answersNotebook, answerSet) : undefined;
    const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
    console.log(
      [
        "",
        report(`NTSB accident reports (${ntsbSet.length} questions + ${offTopic.length} off-topic)`, ntsb),
        "",
        tables
          ? report(`Documents with tables (${answerSet.length} questions + ${offTopic.length} off-topic)`, tables)
          : "### Documents with tables: SKIPPED — bench/answers/docs holds no PDFs (see its README.source.md)",
        "",
        `ingestion ${seconds(ingested - started)}, questions ${seconds(Date.now() - ingested)}`,
        "",
      ].join("\n"),
    );
    expect(ntsb.runs).toHaveLength(ntsbSet.length + offTopic.length);
    if (tables) expect(tables.runs).toHaveLength(answerSet.length + offTopic.length);
  });
});

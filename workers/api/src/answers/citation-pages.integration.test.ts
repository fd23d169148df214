/**
 * Every citation the API produces opens the right page: its quote is text of its `page` (whitespace
 * normalised), the page lies in the chunk's span, and a span is at most two pages — over every fixture
 * document that ingests, for extractive answers and for generated ones (mock model at the provider seam).
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import questions from "../../../../bench/retrieval/ntsb-questions.json";
import type { AnswerDto } from "../../../../schemas/answers";
import {
  bearer,
  call,
  createNotebook,
  type DocumentBody,
  fixture,
  signUp,
  uploadFile,
  waitForTerminal,
} from "../../test/helpers";
import { mockModel } from "../../test/mock-model";
import { overrideChatModelsForTests } from "../models/chat-model";
import { queryTerms } from "../retrieval/normalize";

const squash = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

const TYPES: Record<string, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

let auth: Record<string, string>;
let notebookId: string;
let ready: DocumentBody[] = [];
const pageCache = new Map<string, string>();

async function pageText(documentId: string, page: number): Promise<string> {
  const key = `${documentId}#${page}`;
  const cached = pageCache.get(key);
  if (cached !== undefined) return cached;
  const res = await call(`/v1/documents/${documentId}/pages/${page}`, { headers: auth });
  expect(res.status, `${key}: ${await res.clone().text()}`).toBe(200);
  const text = ((await res.json()) as { text: string }).text;
  pageCache.set(key, text);
  return text;
}

/** The ask burst limit is per caller (30 a minute): the sweep asks through a fresh API key every 25. */
let asked = 0;
let askAuth: Record<string, string> = {};
async function askHeaders(): Promise<Record<string, string>> {
  if (asked++ % 25 === 0) {
    const res = await call("/v1/api-keys", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ name: `sweep ${asked}`, scopes: ["read", "ask"] }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    askAuth = { authorization: `Bearer ${((await res.json()) as { key: string }).key}` };
  }
  return askAuth;
}

async function ask(question: string): Promise<AnswerDto> {
  const res = await call(`/v1/notebooks/${notebookId}/ask`, {
    method: "POST",
    headers: { ...(await askHeaders()), "content-type": "application/json" },
    body: JSON.stringify({ question }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as AnswerDto;
}

/** Checks every citation of `answer`; returns how many it checked. */
async function expectQuotesOnTheirPages(question: string, answer: AnswerDto): Promise<number> {
  for (const c of answer.citations) {
    const where = `${question} → [${c.n}] ${c.documentTitle} p.${c.page}`;
    expect(c.pageEnd - c.pageStart, where).toBeLessThanOrEqual(1);
    expect(c.page, where).toBeGreaterThanOrEqual(c.pageStart);
    expect(c.page, where).toBeLessThanOrEqual(c.pageEnd);
    expect(c.quote.trim().length, where).toBeGreaterThan(0);
    expect(squash(await pageText(c.documentId, c.page)), where).toContain(squash(c.quote));
    expect(answer.answer, where).toContain(`${c.n}`);
  }
  return answer.citations.length;
}

/** Questions made from each page's own words: a content-rich line's first terms. */
async function questionsFromPages(doc: DocumentBody): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; page <= Math.min(doc.pageCount, 4); page++) {
    const line = (await pageText(doc.id, page))
      .split("\n")
      .find((l) => queryTerms(l).length >= 6 && !l.trim().startsWith("|"));
    if (line) out.push(`${queryTerms(line).slice(0, 5).join(" ")}?`);
  }
  return out;
}

beforeAll(async () => {
  const user = await signUp("Citation checker");
  auth = bearer(user);
  // Enough questions a day for the sweep below (free allows 100).
  await env.DB.prepare("INSERT INTO user_plan (user_id, plan) VALUES (?, 'pro')").bind(user.userId).run();
  notebookId = await createNotebook(auth, "Every fixture");
  const names = Object.keys(env.TEST_FIXTURES).filter((n) => /\.(pdf|docx)$/.test(n));
  const accepted: DocumentBody[] = [];
  for (const name of names) {
    const ext = name.split(".").at(-1) ?? "pdf";
    const res = await uploadFile(
      auth,
      notebookId,
      fixture(name),
      name.replace("/", "-"),
      TYPES[ext] ?? "application/pdf",
    );
    if (res.status === 202 || res.status === 200) accepted.push((await res.json()) as DocumentBody);
  }
  const done = await Promise.all(accepted.map((doc) => waitForTerminal(auth, doc.id, 120_000)));
  ready = done.filter((doc) => doc.status === "ready");
}, 300_000);

afterEach(() => overrideChatModelsForTests(undefined));

describe("citations open the page their quote is on", () => {
  it("extractive answers, over every fixture document that ingests (labelled and page-made questions)", async () => {
    expect(ready.length).toBeGreaterThanOrEqual(12);
    const all = [...(questions as Array<{ question: string }>).map((q) => q.question)];
    for (const doc of ready) all.push(...(await questionsFromPages(doc)));
    let checked = 0;
    const answered = { labelled: 0, pageMade: 0 };
    for (const [i, question] of all.entries()) {
      const answer = await ask(question);
      if (answer.mode === "extractive") answered[i < questions.length ? "labelled" : "pageMade"]++;
      checked += await expectQuotesOnTheirPages(question, answer);
    }
    console.log(`citation sweep: ${all.length} questions, ${checked} citations checked, answered`, answered);
    // The labelled questions are all on topic: nearly all get an answer (the rest say "not covered").
    expect(answered.labelled).toBeGreaterThan(questions.length * 0.85);
    expect(answered.pageMade).toBeGreaterThan((all.length - questions.length) * 0.6);
    expect(checked).toBeGreaterThan(all.length);
  }, 600_000);

  it("generated answers: each [n] is one page of a passage, quoted from that page", async () => {
    overrideChatModelsForTests([
      {
        model: mockModel(["The pilot lost control [1]. ", "The engine lost power [2, 3]. ", "Wind [4]."]),
        provider: "test",
        modelId: "mock",
      },
    ]);
    let checked = 0;
    for (const q of (questions as Array<{ question: string }>).slice(0, 20)) {
      // Reworded, so the extractive answers cached above are not what comes back.
      const question = `Explain, citing the report: ${q.question}`;
      const answer = await ask(question);
      expect(answer.mode).toBe("generated");
      checked += await expectQuotesOnTheirPages(question, answer);
    }
    expect(checked).toBeGreaterThan(20);
  }, 300_000);
});

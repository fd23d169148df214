// GET /v1/notebooks/{id}/overview: a first look built from headings and key phrases without a model, or
// generated and cited with one; every suggested question retrieves passages through the real search.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import type { AnswerDto } from "../../../../schemas/answers";
import type { OverviewDto } from "../../../../schemas/overview";
import { call, type DocumentBody, waitForTerminal } from "../../test/helpers";
import { postJson, resetModels, studentWithNotes, useNoModel, useScriptedModel } from "../../test/study-helpers";
import { createLogger } from "../platform/logger";
import { keepRetrievable } from "./suggest";

afterEach(() => resetModels());

const CELLS = `# Introduction

This chapter is about cells.

# Cellular respiration

Mitochondria are the powerhouse of the cell. Cellular respiration in the mitochondria uses oxygen and glucose to make ATP. Cellular respiration releases the energy the cell needs.

# Photosynthesis

Photosynthesis happens in the chloroplasts of plant cells. Chloroplasts convert light energy into chemical energy stored in glucose.

# The nucleus

The nucleus holds the cell's DNA. Ribosomes build proteins by translating messenger RNA copied from the DNA in the nucleus.`;

const GENETICS = `# Genes

Genes are segments of DNA that code for proteins. Each gene sits at a fixed place on a chromosome.

# Mutations

A mutation is a change in the DNA sequence of a gene. Mutations can be caused by radiation or copying errors.`;

async function overview(auth: Record<string, string>, notebookId: string) {
  const res = await call(`/v1/notebooks/${notebookId}/overview`, { headers: auth });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as OverviewDto;
}

/** Every suggested question, asked for real without a model, gets a cited extractive answer. */
async function expectAnswerable(auth: Record<string, string>, notebookId: string, questions: OverviewDto["questions"]) {
  useNoModel();
  for (const { question, citations } of questions) {
    expect(citations.length, question).toBeGreaterThan(0);
    const search = await postJson(`/v1/notebooks/${notebookId}/search`, auth, { query: question });
    expect(((await search.json()) as { results: unknown[] }).results.length, question).toBeGreaterThan(0);
    const answer = (await (await postJson(`/v1/notebooks/${notebookId}/ask`, auth, { question })).json()) as AnswerDto;
    expect(answer.mode, `${question}: ${answer.answer}`).toBe("extractive");
  }
}

describe("notebook overview", () => {
  it("without a model: headings, key phrases and answerable questions, and says why", async () => {
    const { auth, notebookId, documents } = await studentWithNotes([{ title: "Cells", text: CELLS }]);
    useNoModel();
    const first = await overview(auth, notebookId);
    expect(first).toMatchObject({
      mode: "extractive",
      cached: false,
      summary: [],
      model: null,
      reason: "no-language-model",
    });
    expect(first.notice).toContain("No language model is configured");
    expect(first.sources).toEqual([
      expect.objectContaining({
        documentId: documents[0]?.id,
        documentTitle: "Cells",
        headings: ["Introduction", "Cellular respiration", "Photosynthesis", "The nucleus"],
      }),
    ]);
    expect(first.sources[0]?.keyPhrases.map((p) => p.toLowerCase())).toContain("cellular respiration");
    expect(first.questions.length).toBeGreaterThanOrEqual(3);
    expect(first.questions.length).toBeLessThanOrEqual(5);
    const asked = first.questions.map((q) => q.question);
    expect(asked).toContain("What is Cellular respiration?");
    // "Introduction" names a part of the document, not a topic.
    expect(asked.join(" ")).not.toContain("Introduction");
    await expectAnswerable(auth, notebookId, first.questions);
  });

  it("is cached per content version: served again, rebuilt when a source is added", async () => {
    const { auth, notebookId } = await studentWithNotes([{ title: "Cells", text: CELLS }]);
    useNoModel();
    const first = await overview(auth, notebookId);
    const again = await overview(auth, notebookId);
    expect(again).toMatchObject({ cached: true, contentVersion: first.contentVersion, questions: first.questions });

    const added = await postJson(`/v1/notebooks/${notebookId}/documents`, auth, { title: "Genetics", text: GENETICS });
    expect((await waitForTerminal(auth, ((await added.json()) as DocumentBody).id)).status).toBe("ready");
    const fresh = await overview(auth, notebookId);
    expect(fresh.cached).toBe(false);
    expect(fresh.contentVersion).toBeGreaterThan(first.contentVersion);
    expect(fresh.sources.map((s) => s.documentTitle)).toEqual(["Cells", "Genetics"]);
    // Questions come from both documents in turn.
    const titles = new Set(fresh.questions.flatMap((q) => q.citations.map((c) => c.documentTitle)));
    expect(titles).toEqual(new Set(["Cells", "Genetics"]));
    await expectAnswerable(auth, notebookId, fresh.questions);
  });

  it("drops a candidate question the notebook's search cannot answer, or answers with no prose about it", async () => {
    const { notebookId } = await studentWithNotes([{ title: "Cells", text: CELLS }]);
    const notebook = await env.DB.prepare("SELECT embedding_model AS m, owner_id AS o FROM notebook WHERE id = ?")
      .bind(notebookId)
      .first<{ m: string; o: string }>();
    const scope = { notebookId, embeddingModel: notebook?.m ?? null, userId: notebook?.o, log: createLogger() };
    const kept = await keepRetrievable(
      env,
      scope,
      // "This chapter is about cells." answers the third: a line too short to be prose (a label's length).
      [
        "What is quantum chromodynamics?",
        "What is Photosynthesis?",
        "What is this chapter?",
        "What is the capital of Mongolia?",
      ],
      "answerable",
    );
    expect(kept.map((k) => k.question)).toEqual(["What is Photosynthesis?"]);
    const retrievable = await keepRetrievable(env, scope, ["What is the capital of Mongolia?"], "retrievable");
    expect(retrievable).toEqual([]);
  });

  it("says so for a notebook without ready sources", async () => {
    const { auth, notebookId } = await studentWithNotes([]);
    useNoModel();
    expect(await overview(auth, notebookId)).toMatchObject({
      sources: [],
      questions: [],
      reason: "no-ready-documents",
    });
  });

  it("with a model: a cited summary and questions; uncited or unretrievable ones dropped, topped up", async () => {
    const { auth, notebookId } = await studentWithNotes([{ title: "Cells", text: CELLS }]);
    const { prompts } = useScriptedModel([
      JSON.stringify({
        summary: [
          { sentence: "The material explains how cells make energy.", sources: [1] },
          { sentence: "It also invents things.", sources: [9] },
        ],
        questions: [
          { question: "How do mitochondria make ATP?", sources: [1] },
          { question: "What is the capital of Mongolia?", sources: [1] },
          { question: "What do chloroplasts convert?", sources: [7] },
        ],
      }),
    ]);
    const generated = await overview(auth, notebookId);
    expect(generated).toMatchObject({ mode: "generated", reason: null, notice: null, model: { provider: "test" } });
    expect(generated.summary).toEqual([
      {
        text: "The material explains how cells make energy.",
        citations: [expect.objectContaining({ documentTitle: "Cells" })],
      },
    ]);
    const asked = generated.questions.map((q) => q.question);
    expect(asked[0]).toBe("How do mitochondria make ATP?");
    expect(asked).not.toContain("What is the capital of Mongolia?");
    expect(asked).not.toContain("What do chloroplasts convert?");
    // One model question survived: topped up from the headings to at least three.
    expect(asked.length).toBeGreaterThanOrEqual(3);
    expect(prompts).toHaveLength(1);
    expect((await overview(auth, notebookId)).cached).toBe(true);
    expect(prompts).toHaveLength(1);
  });

  it("falls back to the headings when the model fails, and says why", async () => {
    const { auth, notebookId } = await studentWithNotes([{ title: "Cells", text: CELLS }]);
    useScriptedModel([new Error("provider exploded")]);
    const fallback = await overview(auth, notebookId);
    expect(fallback).toMatchObject({ mode: "extractive", reason: "model-unavailable", model: null });
    expect(fallback.questions.length).toBeGreaterThanOrEqual(3);
    // Not retried on every open: served from the cache until the retry delay passes.
    expect((await overview(auth, notebookId)).cached).toBe(true);
  });
});

// Issue 19, "its citations open the page image with the region highlighted when the provider gives boxes": an
// answer's citation names the scanned page and the quote; the page carries the recognised words with their
// boxes when the reader gave them (the browser's tesseract.js does), and `quoteBoxes` (schemas/ocr-quote.ts,
// the viewer's own function) finds the quote's region. A vision model gives no boxes: nothing is made up.

import { MockLanguageModelV4 } from "ai/test";
import { afterEach, describe, expect, it } from "vitest";
import type { AnswerDto } from "../../../../schemas/answers";
import type { PageOcrDto } from "../../../../schemas/ocr";
import { quoteBoxes } from "../../../../schemas/ocr-quote";
import { contentOfDocument } from "../../test/content-of";
import { call, waitForTerminal } from "../../test/helpers";
import { deliver, stageDocument } from "../../test/ingest-helpers";
import { makePdf, type PdfPage, samplePages } from "../../test/make-pdf";
import { scanImage } from "../../test/make-scan";
import { postJson, resetModels, useNoModel } from "../../test/study-helpers";
import { overrideOcrReaderForTests } from "./ocr-reader";

afterEach(() => {
  overrideOcrReaderForTests(undefined);
  resetModels();
});

const LINES = [
  "Mitochondria keep their own small ribosomes and a circular genome.",
  "The cristae folds increase the inner membrane surface for ATP synthase.",
  "Oxidative phosphorylation needs oxygen as the final electron acceptor.",
];
const QUESTION = "What do the cristae folds increase?";

/** Word boxes as tesseract gives them: one line of the page per sentence, words left to right. */
function wordsOnLines(lines: string[]) {
  return lines.flatMap((line, row) =>
    line.split(" ").map((t, i) => ({ t, b: [0.1 + i * 0.07, 0.1 + row * 0.05, 0.16 + i * 0.07, 0.14 + row * 0.05] })),
  );
}

async function scannedHandout() {
  const [text] = samplePages(1);
  const staged = await stageDocument(makePdf([text as PdfPage, { image: await scanImage("jpeg") }]), "cells.pdf");
  await deliver("ingest", [{ documentId: staged.documentId }]);
  const doc = await waitForTerminal(staged.auth, staged.documentId, 60_000);
  expect(doc.status).toBe("ready");
  return staged;
}

async function citationOfPage(auth: Record<string, string>, notebookId: string, documentId: string) {
  useNoModel();
  const res = await postJson(`/v1/notebooks/${notebookId}/ask`, auth, { question: QUESTION });
  expect(res.status, await res.clone().text()).toBe(200);
  const answer = (await res.json()) as AnswerDto;
  const cited = answer.citations.find((c) => c.documentId === documentId && c.page === 2);
  expect(cited, JSON.stringify(answer.citations)).toBeDefined();
  expect(cited?.quote).toMatch(/cristae folds increase/i);
  return cited as AnswerDto["citations"][number];
}

async function pageOcr(auth: Record<string, string>, documentId: string): Promise<PageOcrDto> {
  const res = await call(`/v1/documents/${documentId}/pages/2`, { headers: auth });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ocr: PageOcrDto }).ocr;
}

describe("citations of a scanned page", () => {
  it("browser OCR with word boxes: the cited passage's region is the boxes of its words, on its line", async () => {
    const s = await scannedHandout();
    const words = wordsOnLines(LINES);
    const posted = await postJson(`/v1/documents/${s.documentId}/pages/2/ocr`, s.auth, {
      text: LINES.join("\n"),
      words,
      language: "eng",
    });
    expect(posted.status).toBe(200);

    const citation = await citationOfPage(s.auth, s.notebookId, s.documentId);
    const ocr = await pageOcr(s.auth, s.documentId);
    expect(ocr.status).toBe("browser");
    const boxes = quoteBoxes(ocr.words ?? [], citation.quote);
    // One box per word of the quote, each the posted box of that word: the quote is line 2's sentence.
    const quoted = citation.quote.split(/\s+/).filter(Boolean);
    expect(boxes).toHaveLength(quoted.length);
    const line2 = words.slice(LINES[0]?.split(" ").length, -(LINES[2]?.split(" ").length ?? 0));
    const start = line2.findIndex((w) => w.t.toLowerCase() === quoted[0]?.toLowerCase());
    expect(start).toBeGreaterThanOrEqual(0);
    expect(boxes).toEqual(line2.slice(start, start + quoted.length).map((w) => w.b));
    for (const [, y0 = 0, , y1 = 0] of boxes) {
      expect(y0).toBeCloseTo(0.15);
      expect(y1).toBeCloseTo(0.19);
    }
    // A quote the page does not hold has no region (never a guess).
    expect(quoteBoxes(ocr.words ?? [], "photosynthesis in the stroma")).toEqual([]);
  });

  it("a vision model gives no boxes: the citation opens the page, with no region made up", async () => {
    overrideOcrReaderForTests({
      model: new MockLanguageModelV4({
        doGenerate: async () => ({
          content: [{ type: "text", text: LINES.join("\n") }],
          finishReason: { unified: "stop", raw: "stop" },
          usage: {
            inputTokens: { total: 1500, noCache: 1500, cacheRead: 0, cacheWrite: 0 },
            outputTokens: { total: 60, text: 60, reasoning: 0 },
          },
          warnings: [],
        }),
      }),
      provider: "test",
      modelId: "mock-vision",
    });
    const s = await scannedHandout();
    const citation = await citationOfPage(s.auth, s.notebookId, s.documentId);
    const ocr = await pageOcr(s.auth, s.documentId);
    expect(ocr).toMatchObject({ status: "provider", words: null, imageType: "image/jpeg" });
    expect(quoteBoxes(ocr.words ?? [], citation.quote)).toEqual([]);
    const stored = await (await contentOfDocument(s.documentId))
      .prepare("SELECT ocr_words FROM document_page WHERE document_id = ? AND page_number = 2")
      .bind(s.documentId)
      .first<{ ocr_words: string | null }>();
    expect(stored?.ocr_words).toBeNull();
  });
});

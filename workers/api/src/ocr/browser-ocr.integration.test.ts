// Issue 19, the browser path: without an OCR provider a scanned page is listed with its reason and its image
// is served; the text a browser recognised is posted back (validated, size-bounded, tenant-checked), stored
// as `ocr: browser` with its word boxes, and found by search on its own page. The PDF is made here.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { contentOfDocument } from "../../test/content-of";
import { bearer, call, jsonBody, signUp, waitForTerminal } from "../../test/helpers";
import { deliver, keywordHits, stageDocument } from "../../test/ingest-helpers";
import { makePdf, type PdfPage, samplePages } from "../../test/make-pdf";
import { scanImage } from "../../test/make-scan";

const RECOGNISED =
  "A fotossíntese converte a energia luminosa em energia química. La clorofila absorbe la luz azul y roja.";

async function scannedDocument() {
  const [text] = samplePages(1);
  const jpeg = await scanImage("jpeg");
  const staged = await stageDocument(makePdf([text as PdfPage, { image: jpeg }]), "handout.pdf");
  await deliver("ingest", [{ documentId: staged.documentId }]);
  const doc = await waitForTerminal(staged.auth, staged.documentId, 60_000);
  return { ...staged, doc, jpeg: jpeg.data };
}

const post = (documentId: string, page: number, auth: Record<string, string>, body: unknown) => {
  const req = jsonBody(body);
  return call(`/v1/documents/${documentId}/pages/${page}/ocr`, {
    method: "POST",
    body: req.body,
    headers: { ...req.headers, ...auth },
  });
};

describe("browser OCR", () => {
  it("lists the scan with its reason, serves its image, stores and indexes the posted text on its page", async () => {
    const s = await scannedDocument();
    expect(s.doc.status).toBe("ready");

    const listed = await call(`/v1/documents/${s.documentId}/scanned-pages`, { headers: s.auth });
    expect(listed.status).toBe(200);
    const { items } = (await listed.json()) as { items: Array<{ page: number; ocr: Record<string, unknown> }> };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ page: 2, ocr: { status: "needs-ocr", imageType: "image/jpeg" } });
    const reason = items[0]?.ocr.reason as { code: string; message: string };
    expect(reason.code).toBe("no-provider");
    expect(reason.message).toMatch(/Recognise the text in this browser/);

    const image = await call(`/v1/documents/${s.documentId}/pages/2/image`, { headers: s.auth });
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect(new Uint8Array(await image.arrayBuffer()).subarray(0, 4)).toEqual(s.jpeg.subarray(0, 4));
    expect((await call(`/v1/documents/${s.documentId}/pages/1/image`, { headers: s.auth })).status).toBe(404);

    const words = [
      { t: "A", b: [0.1, 0.1, 0.12, 0.13] },
      { t: "fotossíntese", b: [0.13, 0.1, 0.3, 0.13] },
    ];
    const res = await post(s.documentId, 2, s.auth, { text: RECOGNISED, words, language: "por" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { text: string; ocr: { status: string; words: unknown[]; reason: unknown } };
    expect(body).toMatchObject({ text: RECOGNISED, ocr: { status: "browser", reason: null, words } });

    // Chunked and indexed like any page, on page 2; searchable through the API.
    expect(await keywordHits(s.documentId, "fotossintese")).toBeGreaterThan(0);
    const req = jsonBody({ query: "clorofila luz azul", mode: "keyword" });
    const found = await call(`/v1/notebooks/${s.notebookId}/search`, {
      method: "POST",
      body: req.body,
      headers: { ...req.headers, ...s.auth },
    });
    const results = ((await found.json()) as { results: Array<{ pageStart: number; documentId: string }> }).results;
    expect(results.find((r) => r.documentId === s.documentId)?.pageStart).toBe(2);
    const vectors = await (await contentOfDocument(s.documentId))
      .prepare("SELECT count(*) AS n FROM chunk_vector WHERE document_id = ?")
      .bind(s.documentId)
      .first<{ n: number }>();
    const doc = await env.DB.prepare("SELECT chunk_count FROM document WHERE id = ?")
      .bind(s.documentId)
      .first<{ chunk_count: number }>();
    expect(vectors?.n).toBe(doc?.chunk_count);

    // Once read, the page is not read again; a text page never was a scan.
    expect((await post(s.documentId, 2, s.auth, { text: "other text" })).status).toBe(409);
    expect((await post(s.documentId, 1, s.auth, { text: "other text" })).status).toBe(409);
  });

  it("refuses bad bodies with a 422 naming the field, and another tenant's document with a 404", async () => {
    const s = await scannedDocument();
    const tooLong = await post(s.documentId, 2, s.auth, { text: "a".repeat(50_001) });
    expect(tooLong.status).toBe(422);
    expect(JSON.stringify(await tooLong.json())).toContain("text");
    const badBox = await post(s.documentId, 2, s.auth, {
      text: "ok text",
      words: [{ t: "ok", b: [0.5, 0.5, 0.2, 1.4] }],
    });
    expect(badBox.status).toBe(422);
    expect((await post(s.documentId, 2, s.auth, { text: "\u200b\u200b" })).status).toBe(422);
    const intruder = bearer(await signUp("Intruder"));
    expect((await post(s.documentId, 2, intruder, { text: RECOGNISED })).status).toBe(404);
    expect((await call(`/v1/documents/${s.documentId}/pages/2/image`, { headers: intruder })).status).toBe(404);
    expect((await call(`/v1/documents/${s.documentId}/scanned-pages`, { headers: intruder })).status).toBe(404);
    // Nothing was stored by the refused posts.
    const page = await (await contentOfDocument(s.documentId))
      .prepare("SELECT ocr FROM document_page WHERE document_id = ? AND page_number = 2")
      .bind(s.documentId)
      .first<{ ocr: string }>();
    expect(page?.ocr).toBe("needs-ocr");
  });
});

// Issue 19: scanned pages detected per page, their image kept (JPEG as it is, the rest as PNG), read by the
// vision model at the OCR seam (a mock model here) or left `needs-ocr` with a reason while the document is
// `ready` for its text pages. The fixtures are made here: scan images built as pixels and wrapped into PDFs.

import { env } from "cloudflare:workers";
import type { LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { afterEach, describe, expect, it } from "vitest";
import { contentOfDocument } from "../../test/content-of";
import { waitForTerminal } from "../../test/helpers";
import { deliver, keywordHits, stageDocument } from "../../test/ingest-helpers";
import { makePdf, type PdfImage, type PdfPage, samplePages } from "../../test/make-pdf";
import { type ScanEncoding, scanImage } from "../../test/make-scan";
import { overrideOcrReaderForTests } from "./ocr-reader";

afterEach(() => overrideOcrReaderForTests(undefined));

type PageRow = {
  page_number: number;
  text: string;
  ocr: string | null;
  ocr_reason: string | null;
  image_type: string | null;
};

async function pagesOf(documentId: string): Promise<PageRow[]> {
  const { results } = await (await contentOfDocument(documentId))
    .prepare(
      "SELECT page_number, text, ocr, ocr_reason, image_type FROM document_page WHERE document_id = ? ORDER BY page_number",
    )
    .bind(documentId)
    .all<PageRow>();
  return results;
}

async function ingest(pages: PdfPage[]) {
  const staged = await stageDocument(makePdf(pages), "scan.pdf");
  await deliver("ingest", [{ documentId: staged.documentId }]);
  const doc = await waitForTerminal(staged.auth, staged.documentId, 60_000);
  return { ...staged, doc };
}

const image = (staged: { notebookId: string; documentId: string }, page: number) =>
  env.FILES.get(`documents/${staged.notebookId}/${staged.documentId}/pages/${page}`);

/** Width, height, bit depth and colour type from a PNG's IHDR. */
function pngHeader(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20), depth: bytes[24], colourType: bytes[25] };
}

/** A vision model at the seam: answers each page with `reply(prompt)` and records what it was sent. */
function mockVision(reply: (call: number) => string) {
  const calls: LanguageModelV4CallOptions[] = [];
  const model = new MockLanguageModelV4({
    doGenerate: async (options: LanguageModelV4CallOptions) => {
      calls.push(options);
      return {
        content: [{ type: "text", text: reply(calls.length) }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: {
          inputTokens: { total: 1500, noCache: 1500, cacheRead: 0, cacheWrite: 0 },
          outputTokens: { total: 400, text: 400, reasoning: 0 },
        },
        warnings: [],
      };
    },
  });
  return { calls, reader: { model, provider: "test" as const, modelId: "mock-vision" } };
}

describe("scanned pages", () => {
  it("a mixed document keeps its text pages; each scan is marked needs-ocr with its image (no OCR provider)", async () => {
    const [text1, text2] = samplePages(2);
    const scans = await Promise.all(
      (["jpeg", "flate", "lzw", "flate-1bit"] as ScanEncoding[]).map((e) => scanImage(e)),
    );
    const staged = await ingest([
      text1 as PdfPage,
      { image: scans[0] as PdfImage },
      { image: scans[1] as never, lines: ["Scanned by ScanApp"] },
      text2 as PdfPage,
      { image: scans[2] as PdfImage },
      { image: scans[3] as PdfImage },
      // A photo with a long caption is a text page with a figure, not a scan.
      {
        image: { ...(scans[1] as PdfImage), box: { x: 72, y: 300, width: 468, height: 400 } },
        lines: (text1 as { lines: string[] }).lines,
      },
    ]);
    expect(staged.doc.status).toBe("ready");
    const pages = await pagesOf(staged.documentId);
    expect(pages.map((p) => p.ocr)).toEqual([null, "needs-ocr", "needs-ocr", null, "needs-ocr", "needs-ocr", null]);
    for (const p of pages.filter((p) => p.ocr)) expect(p.ocr_reason).toBe("no-provider");
    expect(pages.map((p) => p.image_type)).toEqual([
      null,
      "image/jpeg",
      "image/png",
      null,
      "image/png",
      "image/png",
      null,
    ]);
    // The scanner's stamp is kept (real words), never garbage.
    expect(pages[2]?.text).toBe("Scanned by ScanApp");
    // Text pages are searchable; chunks only come from them.
    expect(await keywordHits(staged.documentId, "page1marker")).toBeGreaterThan(0);
    expect(await keywordHits(staged.documentId, "page2marker")).toBeGreaterThan(0);

    // JPEG passed through byte for byte (up to the stream's end-of-line); the others became PNG of the scan's size.
    const jpeg = new Uint8Array(await ((await image(staged, 2)) as R2ObjectBody).arrayBuffer());
    expect(jpeg.subarray(0, jpeg.length - 1)).toEqual(
      (scans[0] as { data: Uint8Array }).data.subarray(0, jpeg.length - 1),
    );
    for (const [page, depth] of [
      [3, 8],
      [5, 8],
      [6, 1],
    ] as const) {
      const png = new Uint8Array(await ((await image(staged, page)) as R2ObjectBody).arrayBuffer());
      expect(pngHeader(png)).toEqual({ width: 1275, height: 1650, depth, colourType: 0 });
    }
  });

  it("a document of scans only is ready with no chunk yet; an empty drawing is still rejected", async () => {
    const staged = await ingest([{ image: await scanImage("jpeg") }, { image: await scanImage("flate", 100, 2) }]);
    expect(staged.doc).toMatchObject({ status: "ready", chunkCount: 0, pageCount: 2 });
    expect((await pagesOf(staged.documentId)).every((p) => p.ocr === "needs-ocr")).toBe(true);
    const drawing = await ingest([{ drawingOnly: true }]);
    expect(drawing.doc).toMatchObject({ status: "rejected", error: { code: "no_text_layer" } });
  });

  it("a garbage text layer over no image is needs-ocr with its own reason, its garbage not indexed", async () => {
    const garbage = Array.from({ length: 12 }, (_, i) => `#@%& ${"x7q".repeat(i + 2)} &&$ 0x${i}f ~~~ |||`);
    const [text] = samplePages(1);
    const staged = await ingest([text as PdfPage, { lines: garbage }]);
    expect(staged.doc.status).toBe("ready");
    const pages = await pagesOf(staged.documentId);
    expect(pages[1]).toMatchObject({ ocr: "needs-ocr", ocr_reason: "no-image", text: "", image_type: null });
  });

  it("a chart drawn as paths, its labels numbers, is a text page: not needs-ocr, its labels kept", async () => {
    const ticks = ["0", "100", "200", "300", "400", "500", "2015", "2016", "2017", "2018", "2019", "2020"];
    const labels = [...ticks, ...ticks.map((t) => `${t},5`), "n=1,250", "12.5", "37.0", "-4.2"];
    const [text] = samplePages(1);
    const staged = await ingest([text as PdfPage, { chart: labels }]);
    expect(staged.doc.status).toBe("ready");
    const pages = await pagesOf(staged.documentId);
    expect(pages[1]).toMatchObject({ ocr: null, ocr_reason: null, image_type: null });
    expect(pages[1]?.text).toContain("2019");
  });

  it("with a vision model: scans are read, marked ocr: provider, indexed with their page, usage recorded", async () => {
    const { calls, reader } = mockVision(
      (n) => `Recognised scan number ${n}: fotossíntese converte luz em energia química.`,
    );
    overrideOcrReaderForTests(reader);
    const [text1] = samplePages(1);
    const staged = await ingest([
      text1 as PdfPage,
      { image: await scanImage("jpeg") },
      { image: await scanImage("flate-1bit") },
    ]);
    expect(staged.doc.status).toBe("ready");
    const pages = await pagesOf(staged.documentId);
    expect(pages.map((p) => p.ocr)).toEqual([null, "provider", "provider"]);
    expect(pages[1]?.text).toMatch(/^Recognised scan number \d: fotossíntese/);
    // The model was sent the page image itself: JPEG as it is, the 1-bit page as PNG.
    const files = calls.map((c) =>
      c.prompt
        .flatMap((m) => (Array.isArray(m.content) ? (m.content as Array<{ type: string; mediaType?: string }>) : []))
        .find((p) => p.type === "file"),
    );
    expect(files.map((f) => f?.mediaType).sort()).toEqual(["image/jpeg", "image/png"]);
    // OCR text is chunked and searchable like any page, and keeps its page number.
    expect(await keywordHits(staged.documentId, "fotossintese")).toBeGreaterThan(0);
    const chunk = await (await contentOfDocument(staged.documentId))
      .prepare(
        "SELECT page_start FROM chunk WHERE document_id = ? AND text LIKE '%Recognised scan%' ORDER BY page_start",
      )
      .bind(staged.documentId)
      .all<{ page_start: number }>();
    expect(chunk.results.map((r) => r.page_start)).toContain(2);
    const usage = await env.DB.prepare(
      "SELECT count(*) AS n, sum(input_tokens) AS tokens FROM usage_event WHERE user_id = ? AND kind = 'ocr'",
    )
      .bind(staged.userId)
      .first<{ n: number; tokens: number }>();
    expect(usage).toEqual({ n: 2, tokens: 3000 });
    const quota = await env.DB.prepare("SELECT used FROM quota_counter WHERE user_id = ? AND metric = 'ocr_pages'")
      .bind(staged.userId)
      .first<{ used: number }>();
    expect(quota?.used).toBe(2);
  });

  it("a model that fails leaves the page needs-ocr (provider-failed) and the document ready", async () => {
    const failing = new MockLanguageModelV4({
      doGenerate: async () => {
        throw Object.assign(new Error("upstream 400: image not supported"), { statusCode: 400 });
      },
    });
    overrideOcrReaderForTests({ model: failing, provider: "test", modelId: "broken-vision" });
    const [text1] = samplePages(1);
    const staged = await ingest([text1 as PdfPage, { image: await scanImage("lzw") }]);
    expect(staged.doc.status).toBe("ready");
    expect((await pagesOf(staged.documentId))[1]).toMatchObject({ ocr: "needs-ocr", ocr_reason: "provider-failed" });
  });
});

// Scanned pages read in the student's browser (issue 19): a PDF made here — a text page and a Portuguese page
// drawn at 150 dpi with scanner noise, saved as JPEG — is ready for its text page, the sources list says one
// scanned page waits, the viewer shows its image and reason, "Recognise the text in this browser" runs
// tesseract.js from our own origin (no CSP violation), and the recognised text is searchable on page 2 and
// close to what was drawn. `E2E_ONLY=ocr npm run test:e2e` runs this flow alone.
import { assert, assertEqual } from "./harness.mjs";
import { charAccuracy, renderTextScan, SAMPLES, scannedPdf } from "./scan-fixtures.mjs";
import { expectNoCspViolations } from "./security.mjs";

async function waitReady(request, api, documentId) {
  for (let i = 0; i < 240; i++) {
    const doc = await (await request.get(`${api}/v1/documents/${documentId}`, { timeout: 60_000 })).json();
    if (["ready", "failed", "rejected"].includes(doc.status)) return doc;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`document ${documentId} did not finish`);
}

export async function ocrFlows({ h, page, base, shoot, signUp }) {
  const api = `${base}/api`;
  let notebookUrl = "";
  let documentId = "";

  await h.test("a mixed PDF (text page + 150 dpi scan) is ready, its scanned page waits for OCR", async () => {
    await signUp();
    const scan = await renderTextScan(page, SAMPLES.por);
    const pdf = scannedPdf([{ lines: ["Apostila de biologia", "Capitulo 3: energia nas plantas."] }, { scan }]);
    const headers = { origin: base };
    const notebook = await page.request.post(`${api}/v1/notebooks`, { headers, data: { title: "Apostila escaneada" } });
    assertEqual(notebook.status(), 201, "notebook created");
    const notebookId = (await notebook.json()).id;
    const upload = await page.request.post(`${api}/v1/notebooks/${notebookId}/documents`, {
      headers,
      multipart: { file: { name: "apostila.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdf) } },
    });
    assertEqual(upload.status(), 202, "upload accepted");
    documentId = (await upload.json()).id;
    const doc = await waitReady(page.request, api, documentId);
    assertEqual(doc.status, "ready", "ready for its text page");
    const scanned = await (await page.request.get(`${api}/v1/documents/${documentId}/scanned-pages`)).json();
    assertEqual(JSON.stringify(scanned.items.map((p) => [p.page, p.ocr.status])), '[[2,"needs-ocr"]]', "page 2 waits");
    notebookUrl = `${base}/notebooks/${notebookId}`;
  });

  await h.test(
    "the viewer shows the scan; the browser recognises it (tesseract.js, own origin) and it is searchable",
    async () => {
      await page.goto(notebookUrl);
      const sources = page.getByRole("region", { name: "Sources" });
      const note = sources.locator("[data-scans-waiting]");
      await note.getByText("1 scanned page has no text yet").waitFor({ timeout: 30_000 });
      await note.getByRole("button", { name: "Open page 2" }).click();
      const viewer = page.getByRole("dialog", { name: /page 2$/ });
      await viewer.waitFor();
      const figure = viewer.locator('[data-scanned-page="2"]');
      await figure.getByRole("img", { name: "Scan of page 2" }).waitFor();
      assert(
        await figure.evaluate((f) => f.querySelector("img").naturalWidth === 1275),
        "the page image is the 150 dpi scan, served by the API",
      );
      assert(await figure.locator('[data-ocr-reason="no-provider"]').isVisible(), "the reason is shown");
      await figure.getByLabel("Language of the page").selectOption("por");
      await figure.getByRole("button", { name: "Recognise the text in this browser" }).click();
      await figure.getByText("Text recognised and added to your sources").waitFor({ timeout: 180_000 });
      await figure.locator('[data-read-by="browser"]').waitFor();
      await shoot(page, "ocr-recognised", { fullPage: false });
      await expectNoCspViolations(page, "browser OCR");

      const stored = await (
        await page.request.get(`${api}/v1/documents/${documentId}/pages/2`, { timeout: 60_000 })
      ).json();
      assertEqual(stored.ocr.status, "browser", "stored as ocr: browser");
      assert(stored.ocr.words.length > 40, `word boxes stored (${stored.ocr.words.length})`);
      const accuracy = charAccuracy(SAMPLES.por.join("\n"), stored.text);
      console.log(`      character accuracy of the Portuguese scan: ${(accuracy * 100).toFixed(1)} %`);
      assert(accuracy > 0.9, `recognised text is close to the drawn text (${(accuracy * 100).toFixed(1)} %)`);
      const notebookId = notebookUrl.split("/").pop();
      const search = await page.request.post(`${api}/v1/notebooks/${notebookId}/search`, {
        headers: { origin: base },
        data: { query: "cloroplastos clorofila", mode: "keyword" },
        timeout: 60_000,
      });
      const hit = (await search.json()).results?.[0];
      assertEqual(hit?.pageStart, 2, "search finds the recognised page on page 2");
      await page.keyboard.press("Escape");
      await sources.locator("[data-scans-waiting]").waitFor({ state: "detached", timeout: 30_000 });
    },
  );
}

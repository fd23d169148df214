// Scanned pages read in the student's browser (issue 19): a PDF made here — a text page and a Portuguese page
// drawn at 150 dpi with scanner noise, saved as JPEG — is ready for its text page, the sources list says one
// scanned page waits, the viewer shows its image and reason, "Recognise the text in this browser" runs
// tesseract.js from our own origin (no CSP violation), and the recognised text is searchable on page 2 and
// close to what was drawn; then a question answered from that page cites it, and the citation opens the page
// image with the quoted words boxed over where they were drawn. `E2E_ONLY=ocr npm run test:e2e` runs this alone.
import path from "node:path";
import { SHOTS } from "./checks.mjs";
import { assert, assertEqual } from "./harness.mjs";
import { charAccuracy, renderTextScan, SAMPLES, SCAN_LAYOUT, scannedPdf } from "./scan-fixtures.mjs";
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

  await h.test(
    "a citation of the recognised page opens its image with the quoted words boxed where they are",
    async () => {
      await page.goto(notebookUrl);
      const chat = page.getByRole("region", { name: "Ask" });
      await chat.getByLabel("Your question").fill("O que a clorofila absorve?");
      await chat.getByRole("button", { name: "Ask", exact: true }).click();
      await chat.getByRole("status").getByText("Answer ready.").waitFor({ timeout: 90_000 });
      const answer = chat.locator('article[data-role="assistant"]').last();
      const chip = answer.locator('button[data-cite][aria-label$=", page 2"]').first();
      await chip.waitFor({ timeout: 30_000 });
      await chip.click();
      const viewer = page.getByRole("dialog", { name: /page 2$/ });
      await viewer.waitFor();
      const quote = ((await viewer.locator("blockquote").textContent()) ?? "").trim();
      const figure = viewer.locator('[data-scanned-page="2"]');
      await figure.locator('[data-read-by="browser"]').waitFor();
      await figure.locator("[data-quote-box]").first().waitFor({ timeout: 30_000 });
      await figure.evaluate((f) => f.querySelector("img").decode());
      // The boxes as drawn, in fractions of the image as drawn (the viewer positions them over the <img>).
      const boxes = await figure.evaluate((f) => {
        const img = f.querySelector("img").getBoundingClientRect();
        return [...f.querySelectorAll("[data-quote-box]")].map((el) => {
          const r = el.getBoundingClientRect();
          const x = (v) => (v - img.left) / img.width;
          const y = (v) => (v - img.top) / img.height;
          return [x(r.left), y(r.top), x(r.right), y(r.bottom)];
        });
      });
      console.log(`      cited: "${quote}" → ${boxes.length} boxes`);
      assert(/clorofila absorve/i.test(quote), `the citation quotes the scanned page ("${quote}")`);
      assertEqual(
        boxes.length,
        quote.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length,
        "a box per quoted word",
      );
      // Where the sample's lines were drawn (scan-fixtures.mjs): each box sits on one of them, inside the text column.
      const { width, height, left, firstBaseline, lineHeight, fontSize } = SCAN_LAYOUT;
      const bandOf = (i) => [
        (firstBaseline + i * lineHeight - fontSize) / height,
        (firstBaseline + i * lineHeight + fontSize / 3) / height,
      ];
      const lineOf = ([, y0, , y1]) => {
        const centre = (y0 + y1) / 2;
        return SAMPLES.por.findIndex((_, i) => centre >= bandOf(i)[0] && centre <= bandOf(i)[1]);
      };
      for (const box of boxes) {
        assert(box[0] >= (left - 8) / width && box[2] <= 1 && box[0] < box[2], `box inside the text column (${box})`);
        assert(lineOf(box) >= 0, `box on a drawn line of text (${box.map((v) => v.toFixed(3))})`);
      }
      // "clorofila" opens the third drawn line: the highlight covers that word, at the line's left edge.
      const line = SAMPLES.por.findIndex((l) => l.startsWith("clorofila absorve"));
      const first = boxes.find((b) => lineOf(b) === line && b[0] < (left + fontSize) / width);
      assert(first, `the first word of line ${line + 1} ("clorofila") is boxed`);
      // What the student sees: the viewer scrolled to the highlighted passage.
      await figure.locator("[data-quote-box]").first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, "ocr-citation-highlight.png") });
      await page.keyboard.press("Escape");
    },
  );
}

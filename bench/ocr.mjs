#!/usr/bin/env node
// `npm run bench:ocr`: character accuracy of the local OCR path (tesseract.js in Chromium, the code the web
// app runs: web/src/lib/client/ocr.ts with the assets of /ocr/) against the text that was drawn, for English,
// Portuguese and Spanish pages made here (150 dpi, scanner noise, JPEG), and for one page of a real document
// (an NTSB report, drawn by pdf.js at 150 dpi with the same noise) against its own text layer. Prints the
// seconds each page took to read on this machine.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { launchBrowser } from "../e2e/browser.mjs";
import { charAccuracy, renderTextScan, SAMPLES } from "../e2e/scan-fixtures.mjs";
import { copyOcrAssets } from "../scripts/copy-ocr-assets.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const ORIGIN = "http://bench.local";
const NTSB = path.join(ROOT, "workers/api/test/fixtures/ntsb/20080102X00002.pdf");

const assets = await copyOcrAssets();
const client = (
  await build({
    entryPoints: [path.join(ROOT, "web/src/lib/client/ocr.ts")],
    bundle: true,
    alias: { $schemas: path.join(ROOT, "schemas") },
    format: "esm",
    write: false,
  })
).outputFiles[0].text;

const FILES = {
  "/client.mjs": async () => client,
  "/pdf.min.mjs": () => readFile(path.join(ROOT, "node_modules/pdfjs-dist/build/pdf.min.mjs")),
  "/pdf.worker.min.mjs": () => readFile(path.join(ROOT, "node_modules/pdfjs-dist/build/pdf.worker.min.mjs")),
  "/ntsb.pdf": () => readFile(NTSB),
};
const TYPES = {
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".gz": "application/gzip",
  ".pdf": "application/pdf",
};

const browser = await launchBrowser();
const page = await browser.context.newPage();
await page.route(`${ORIGIN}/**`, async (route) => {
  const { pathname } = new URL(route.request().url());
  const file = FILES[pathname];
  const body = file
    ? await file()
    : pathname.startsWith("/ocr/")
      ? await readFile(path.join(assets, pathname.slice(5))).catch(() => null)
      : pathname === "/"
        ? "<!doctype html><title>bench</title>"
        : null;
  if (body === null) return route.fulfill({ status: 404, body: "" });
  return route.fulfill({ status: 200, body, contentType: TYPES[path.extname(pathname)] ?? "text/html" });
});
await page.goto(`${ORIGIN}/`);

/** Recognises a JPEG (bytes) in the page with the app's own client; returns text and seconds. */
async function recognise(jpeg, language) {
  return page.evaluate(
    async ({ base64, language }) => {
      const { recogniseImage } = await import("/client.mjs");
      const blob = await (await fetch(`data:image/jpeg;base64,${base64}`)).blob();
      const started = performance.now();
      const result = await recogniseImage(blob, language, { base: "/ocr" });
      return { text: result.text, words: result.words.length, seconds: (performance.now() - started) / 1000 };
    },
    { base64: Buffer.from(jpeg).toString("base64"), language },
  );
}

/** Page 1 of the NTSB report drawn by pdf.js at 150 dpi with noise (JPEG), and its text layer by lines. */
async function realPage() {
  const result = await page.evaluate(async () => {
    const pdfjs = await import("/pdf.min.mjs");
    pdfjs.GlobalWorkerOptions.workerSrc = "/pdf.worker.min.mjs";
    const data = new Uint8Array(await (await fetch("/ntsb.pdf")).arrayBuffer());
    const pdf = await pdfjs.getDocument({ data }).promise;
    const p = await pdf.getPage(1);
    const viewport = p.getViewport({ scale: 150 / 72 });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height);
    const ctx = canvas.getContext("2d");
    await p.render({ canvasContext: ctx, viewport, canvas }).promise;
    let s = 11;
    const rand = () => {
      s = (s * 1103515245 + 12345) >>> 0;
      return s / 2 ** 32;
    };
    const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const d = image.data;
    for (let i = 0; i < d.length; i += 4) {
      const grey = 0.3 * d[i] + 0.59 * d[i + 1] + 0.11 * d[i + 2];
      let v = grey + (rand() - 0.5) * 40;
      if (rand() < 0.002) v = rand() < 0.5 ? 0 : 255;
      d[i] = d[i + 1] = d[i + 2] = Math.max(0, Math.min(255, v));
    }
    ctx.putImageData(image, 0, 0);
    // The text layer in reading order: items grouped into lines by baseline, lines top to bottom.
    const items = (await p.getTextContent()).items.filter((i) => i.str.trim());
    const lines = [];
    for (const item of items.sort((a, b) => b.transform[5] - a.transform[5] || a.transform[4] - b.transform[4])) {
      const last = lines.at(-1);
      if (last && Math.abs(last.y - item.transform[5]) < 3) last.parts.push(item);
      else lines.push({ y: item.transform[5], parts: [item] });
    }
    const text = lines
      .map((l) =>
        l.parts
          .sort((a, b) => a.transform[4] - b.transform[4])
          .map((i) => i.str)
          .join(" "),
      )
      .join("\n");
    return { dataUrl: canvas.toDataURL("image/jpeg", 0.85), text };
  });
  return { jpeg: new Uint8Array(Buffer.from(result.dataUrl.split(",")[1], "base64")), text: result.text };
}

const rows = [];
try {
  for (const language of ["eng", "por", "spa"]) {
    const scan = await renderTextScan(page, SAMPLES[language]);
    const read = await recognise(scan.jpeg, language);
    rows.push({
      page: `drawn ${language} page, 150 dpi + noise`,
      language,
      accuracy: charAccuracy(SAMPLES[language].join("\n"), read.text),
      seconds: read.seconds,
      words: read.words,
    });
  }
  const ntsb = await realPage();
  const read = await recognise(ntsb.jpeg, "eng");
  rows.push({
    page: "NTSB report page 1, 150 dpi + noise",
    language: "eng",
    accuracy: charAccuracy(ntsb.text, read.text),
    seconds: read.seconds,
    words: read.words,
  });
} finally {
  await browser.close();
}

console.log("\nOCR in the browser (tesseract.js 7, 4.0.0_best_int language data), character accuracy:");
console.log("| page | language | char accuracy | words | seconds |");
console.log("|---|---|---|---|---|");
for (const r of rows) {
  console.log(
    `| ${r.page} | ${r.language} | ${(r.accuracy * 100).toFixed(1)} % | ${r.words} | ${r.seconds.toFixed(1)} |`,
  );
}

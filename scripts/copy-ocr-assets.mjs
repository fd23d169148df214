#!/usr/bin/env node
// Puts tesseract.js and its language data into web/static/ocr/ before the web build, so the browser loads
// them from our own origin (the CSP allows scripts, workers and fetches only from 'self'; no CDN). The files
// come from npm packages pinned in package.json, so they are not committed (web/static/ocr/ is ignored):
//   tesseract.js (tesseract.esm.min.js, worker.min.js), tesseract.js-core (the LSTM WebAssembly builds), and
//   @tesseract.js-data/{eng,por,spa} (4.0.0_best_int: the accurate integer models, 2.9 / 1.4 / 2.1 MB gzipped).
import { copyFile, mkdir, readdir } from "node:fs/promises";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "web/static/ocr");
const modules = path.join(ROOT, "node_modules");

export const OCR_LANGUAGES = ["eng", "por", "spa"];

async function copy(from, to) {
  await mkdir(path.dirname(to), { recursive: true });
  await copyFile(from, to);
}

export async function copyOcrAssets(out = OUT) {
  await copy(path.join(modules, "tesseract.js/dist/tesseract.esm.min.js"), path.join(out, "tesseract.esm.min.js"));
  await copy(path.join(modules, "tesseract.js/dist/worker.min.js"), path.join(out, "worker.min.js"));
  // Only the LSTM builds with the WebAssembly inside (the engine mode the app uses); the worker picks the SIMD
  // one the browser supports.
  for (const name of await readdir(path.join(modules, "tesseract.js-core"))) {
    if (/^tesseract-core(-simd|-relaxedsimd)?-lstm\.wasm\.js$/.test(name)) {
      await copy(path.join(modules, "tesseract.js-core", name), path.join(out, "core", name));
    }
  }
  for (const lang of OCR_LANGUAGES) {
    const file = `${lang}.traineddata.gz`;
    await copy(path.join(modules, `@tesseract.js-data/${lang}/4.0.0_best_int`, file), path.join(out, "lang", file));
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await copyOcrAssets();
}

/**
 * `npm run bench:extract`: PDF text extraction on the ten NTSB reports, ours (unpdf, through the Workflow's
 * own `openPdf` + `extractPdfPages` + `normalizePageText`) against pdfjs-dist used directly (its text items
 * joined the documented way) and pdf2json (an independent fork of an older PDF.js). Each extractor runs in its
 * own Node process, so peak RSS is its own.
 *
 * Fidelity: per page, token-level F1 (multisets of lower-cased letter/digit tokens, NFKC) against the text of
 * Debian's `pdftotext` (poppler, a different engine), averaged over every page. When pdftotext is missing the
 * reference falls back to pdfjs-dist's text (then pdfjs-dist scores 1 by construction; the table says which).
 * Speed: pages/s over the whole set, one warm-up pass, then RUNS timed passes (median and p95 per pass).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { extractPdfPages, openPdf } from "../workers/api/src/ingest/extract-pdf";
import { normalizePageText } from "../workers/api/src/ingest/page-text";
import { percentile } from "./stats";

const DIR = path.join(import.meta.dirname, "../workers/api/test/fixtures/ntsb");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".pdf"));
const RUNS = Number(process.env.BENCH_EXTRACT_RUNS ?? 5);

export type ExtractResult = {
  extractor: string;
  pages: number;
  runsMs: number[];
  peakRssMb: number;
  peakHeapMb: number;
  f1: number;
  bigramF1: number;
  reference: string;
};

type Extract = (bytes: Uint8Array) => Promise<string[]>;

const unpdfExtract: Extract = async (bytes) => {
  const pdf = await openPdf(bytes);
  try {
    return (await extractPdfPages(pdf, 1, pdf.numPages)).map(normalizePageText);
  } finally {
    await pdf.destroy();
  }
};

const pdfjsExtract: Extract = async (bytes) => {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({ data: bytes, verbosity: 0, useSystemFonts: false });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const content = await (await pdf.getPage(p)).getTextContent();
      pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
    }
    return pages;
  } finally {
    await task.destroy();
  }
};

const pdf2jsonExtract: Extract = async (bytes) => {
  const { default: PDFParser } = await import("pdf2json");
  const parser = new PDFParser(null, true);
  const text = await new Promise<string>((resolve, reject) => {
    parser.on("pdfParser_dataError", (e: { parserError: Error } | Error) =>
      reject("parserError" in e ? e.parserError : e),
    );
    parser.on("pdfParser_dataReady", () => resolve(parser.getRawTextContent()));
    parser.parseBuffer(Buffer.from(bytes), 0);
  });
  return text.split(/-{16}Page \(\d+\) Break-{16}/).slice(0, -1);
};

const EXTRACTORS: Record<string, Extract> = {
  "unpdf (ours)": unpdfExtract,
  "pdfjs-dist": pdfjsExtract,
  pdf2json: pdf2jsonExtract,
};

/** Counts of n-grams of lower-cased letter/digit tokens (n = 2 also checks reading order). */
function tokens(text: string, n: number): Map<string, number> {
  const counts = new Map<string, number>();
  const words =
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  for (let i = 0; i + n <= words.length; i++) {
    const t = words.slice(i, i + n).join(" ");
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

/** Token (n = 1) or token-bigram (n = 2) F1 of `text` against `reference` (1 when both are empty). */
export function tokenF1(text: string, reference: string, n = 1): number {
  const a = tokens(text, n);
  const b = tokens(reference, n);
  let common = 0;
  let na = 0;
  let nb = 0;
  for (const n of a.values()) na += n;
  for (const n of b.values()) nb += n;
  if (na === 0 && nb === 0) return 1;
  for (const [t, n] of a) common += Math.min(n, b.get(t) ?? 0);
  if (common === 0) return 0;
  const precision = common / na;
  const recall = common / nb;
  return (2 * precision * recall) / (precision + recall);
}

function referencePages(): { pages: Record<string, string[]>; reference: string } {
  try {
    const pages: Record<string, string[]> = {};
    for (const f of FILES) {
      const out = execFileSync("pdftotext", ["-enc", "UTF-8", path.join(DIR, f), "-"], { encoding: "utf8" });
      pages[f] = out.split("\f").slice(0, -1);
    }
    return { pages, reference: "pdftotext (poppler)" };
  } catch {
    return { pages: {}, reference: "pdfjs-dist (pdftotext not installed)" };
  }
}

async function runExtractor(name: string): Promise<ExtractResult> {
  const extract = EXTRACTORS[name];
  if (!extract) throw new Error(`unknown extractor ${name}`);
  const files = FILES.map((f) => ({ f, bytes: new Uint8Array(readFileSync(path.join(DIR, f))) }));
  let peakHeap = 0;
  const sample = () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const pass = async () => {
    const out: Record<string, string[]> = {};
    for (const { f, bytes } of files) {
      out[f] = await extract(bytes.slice());
      sample();
    }
    return out;
  };
  const text = await pass(); // warm-up (module load, JIT) and the text we score
  const runsMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await pass();
    runsMs.push(performance.now() - t0);
  }
  let { pages: ref, reference } = referencePages();
  if (!Object.keys(ref).length)
    ref =
      name === "pdfjs-dist"
        ? text
        : await (async () => {
            const out: Record<string, string[]> = {};
            for (const { f, bytes } of files) out[f] = await pdfjsExtract(bytes.slice());
            return out;
          })();
  const scores: number[] = [];
  const bigrams: number[] = [];
  let pages = 0;
  for (const { f } of files) {
    const refPages = ref[f] ?? [];
    const got = text[f] ?? [];
    pages += got.length;
    const n = Math.max(refPages.length, got.length);
    for (let p = 0; p < n; p++) {
      scores.push(tokenF1(got[p] ?? "", refPages[p] ?? ""));
      bigrams.push(tokenF1(got[p] ?? "", refPages[p] ?? "", 2));
    }
  }
  return {
    extractor: name,
    pages,
    runsMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 1048576,
    f1: scores.reduce((a, b) => a + b, 0) / scores.length,
    bigramF1: bigrams.reduce((a, b) => a + b, 0) / bigrams.length,
    reference,
  };
}

const only = process.argv.find((a) => a.startsWith("--extractor="))?.slice(12);
if (only) {
  process.stdout.write(`${JSON.stringify(await runExtractor(only))}\n`);
} else {
  const rows: ExtractResult[] = [];
  for (const name of Object.keys(EXTRACTORS)) {
    const out = execFileSync(process.execPath, [process.argv[1] as string, `--extractor=${name}`], {
      encoding: "utf8",
      maxBuffer: 1 << 22,
    });
    rows.push(JSON.parse(out.trim().split("\n").at(-1) as string) as ExtractResult);
  }
  if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify(rows)}\n`);
  else {
    console.log(
      `PDF extraction, ${FILES.length} NTSB reports, ${RUNS} timed passes after a warm-up, Node ${process.version}`,
    );
    console.table(
      rows.map((r) => {
        const pagesPerSecond = r.runsMs.map((ms) => r.pages / (ms / 1000));
        return {
          extractor: r.extractor,
          pages: r.pages,
          "pages/s median": Math.round(percentile(pagesPerSecond, 0.5)),
          "pages/s p5 (slow passes)": Math.round(percentile(pagesPerSecond, 0.05)),
          "peak RSS MB": r.peakRssMb.toFixed(0),
          "peak heap MB": r.peakHeapMb.toFixed(0),
          [`token F1 vs ${r.reference}`]: r.f1.toFixed(4),
          "bigram F1 (order)": r.bigramF1.toFixed(4),
        };
      }),
    );
  }
}

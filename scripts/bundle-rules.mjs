// What the api Worker's bundle must not contain now that ingestion is its own Worker (issue 20 item 4), and
// the check over an esbuild metafile. Pure (no esbuild here), so scripts/bundle-rules.unit.test.mjs runs it
// in workerd; scripts/check-api-bundle.mjs builds the metafiles.

/**
 * Extraction, OCR and page-tagging libraries: the ingest Worker's only. wink-nlp's English model (~1 MB gzip)
 * tags pages for the concept map; questions find their concepts without it (concepts/question-concepts.ts).
 */
export const INGEST_ONLY_PACKAGES = [
  "unpdf",
  "pdfjs-dist",
  "mammoth",
  "linkedom",
  "@mozilla/readability",
  "tesseract.js",
  "wink-nlp",
  "wink-eng-lite-web-model",
];

/** The ingestion rooms' entry modules: the Workflow, its extract/OCR/concept-map steps, the ingest consumer. */
export const INGEST_ONLY_MODULES = [
  "workers/api/src/ingest/workflow.ts",
  "workers/api/src/ingest/queue.ts",
  "workers/api/src/ingest/extract-steps.ts",
  "workers/api/src/ingest/extract-pdf.ts",
  "workers/api/src/ingest/extract-docx.ts",
  "workers/api/src/ingest/extract-html.ts",
  "workers/api/src/ingest/scan-pages.ts",
  "workers/api/src/ocr/ocr-steps.ts",
  "workers/api/src/concepts/concept-steps.ts",
];

const packageOf = (file) => file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? null;

/** The chain of importers from `file` up to the entry (first importer found at each step). */
export function importChain(metafile, file) {
  const importers = new Map();
  for (const [from, input] of Object.entries(metafile.inputs)) {
    for (const imported of input.imports) {
      if (!importers.has(imported.path)) importers.set(imported.path, []);
      importers.get(imported.path).push(from);
    }
  }
  const chain = [file];
  const seen = new Set(chain);
  for (let at = file; importers.has(at); ) {
    at = importers.get(at).find((f) => !seen.has(f));
    if (!at) break;
    seen.add(at);
    chain.push(at);
  }
  return chain;
}

/**
 * Every input of the bundle that is ingestion-only (a package above or a module above), each with how the
 * entry reaches it. Inputs count even when tree-shaking dropped their code: the rule is about the import
 * graph, so a stray import is caught before it grows.
 */
export function ingestOnlyInputs(metafile) {
  return Object.keys(metafile.inputs)
    .filter((file) => INGEST_ONLY_PACKAGES.includes(packageOf(file)) || INGEST_ONLY_MODULES.includes(file))
    .map((file) => ({ file, chain: importChain(metafile, file) }));
}

/** The ingestion-only packages a bundle contains (the ingest Worker's must contain the extractors). */
export const packagesIn = (metafile) =>
  [...new Set(Object.keys(metafile.inputs).map(packageOf))].filter((p) => INGEST_ONLY_PACKAGES.includes(p)).sort();

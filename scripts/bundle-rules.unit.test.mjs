// Runs in workerd with the other tests: the api bundle rule over esbuild metafiles (scripts/check-api-bundle.mjs).
import { describe, expect, it } from "vitest";
import { ingestOnlyInputs, packagesIn } from "./bundle-rules.mjs";

const input = (...imports) => ({ bytes: 1, imports: imports.map((path) => ({ path, kind: "import-statement" })) });

const graph = (inputs) => ({ inputs, outputs: {} });

describe("the api bundle holds no ingestion-only code", () => {
  it("names an extractor the entry reaches, with the chain of importers", () => {
    const metafile = graph({
      "workers/api/src/index.ts": input("workers/api/src/ocr/ocr.index.ts"),
      "workers/api/src/ocr/ocr.index.ts": input("node_modules/unpdf/dist/index.mjs"),
      "node_modules/unpdf/dist/index.mjs": input(),
    });
    expect(ingestOnlyInputs(metafile)).toEqual([
      {
        file: "node_modules/unpdf/dist/index.mjs",
        chain: ["node_modules/unpdf/dist/index.mjs", "workers/api/src/ocr/ocr.index.ts", "workers/api/src/index.ts"],
      },
    ]);
  });

  it("names the Workflow module itself, and scoped packages such as @mozilla/readability", () => {
    const metafile = graph({
      "workers/api/src/index.ts": input("workers/api/src/ingest/workflow.ts"),
      "workers/api/src/ingest/workflow.ts": input("node_modules/@mozilla/readability/index.js"),
      "node_modules/@mozilla/readability/index.js": input(),
    });
    expect(ingestOnlyInputs(metafile).map((s) => s.file)).toEqual([
      "workers/api/src/ingest/workflow.ts",
      "node_modules/@mozilla/readability/index.js",
    ]);
    expect(packagesIn(metafile)).toEqual(["@mozilla/readability"]);
  });

  it("passes shared modules and packages that merely share a prefix", () => {
    const metafile = graph({
      "workers/api/src/index.ts": input("workers/api/src/ingest/page-image-key.ts", "node_modules/unpdfx/index.js"),
      "workers/api/src/ingest/page-image-key.ts": input(),
      "node_modules/unpdfx/index.js": input(),
    });
    expect(ingestOnlyInputs(metafile)).toEqual([]);
  });
});

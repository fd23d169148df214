/**
 * `npm run eval:tables`: extracts the real documents of workers/api/test/fixtures/tables (and the NTSB
 * forms, which should yield no table) the way ingestion does, and prints, per hand-labelled table,
 * rows and columns found against expected and cell accuracy (labelled cells in the right row and column).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { extractPdfPages, openPdf } from "../../workers/api/src/ingest/extract-pdf";
import { cleanPages } from "../../workers/api/src/ingest/page-text";
import { type LabelledTable, scoreTable, tablesOf } from "../../workers/api/test/table-score";

// npm runs scripts from the repository root (the bundle itself lives in .bench/).
const root = process.cwd();
const fixtures = path.join(root, "workers/api/test/fixtures");
const labels = JSON.parse(readFileSync(path.join(root, "bench/tables/labels.json"), "utf8")) as {
  documents: Record<string, LabelledTable[]>;
};

async function pagesOf(file: string): Promise<string[]> {
  const pdf = await openPdf(new Uint8Array(readFileSync(file)));
  return cleanPages(await extractPdfPages(pdf, 1, pdf.numPages));
}

const missing = Object.keys(labels.documents).filter((name) => !existsSync(path.join(fixtures, "tables", name)));
if (missing.length) {
  console.error(
    `missing fixtures in workers/api/test/fixtures/tables: ${missing.join(", ")} (see README.source.md there)`,
  );
  process.exit(1);
}

let cells = 0;
let correct = 0;
let tablesFound = 0;
let tablesLabelled = 0;
console.log("| document | table | page | rows found/expected | columns found/expected | cells right |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const [name, tables] of Object.entries(labels.documents)) {
  const pages = await pagesOf(path.join(fixtures, "tables", name));
  for (const label of tables) {
    const score = scoreTable(label, pages[label.page - 1] ?? "");
    tablesLabelled++;
    if (score.found) tablesFound++;
    cells += label.cells.length;
    correct += score.cellsFound;
    const rows = score.found ? score.found.rows.length : 0;
    const columns = score.found ? score.found.header.length : 0;
    console.log(
      `| ${name} | ${label.table} | ${label.page} | ${rows}/${label.rows} | ${columns}/${label.columns} | ${score.cellsFound}/${label.cells.length} |`,
    );
    for (const miss of score.missed) console.log(`|   | missed: ${miss.join(" · ")} | | | | |`);
  }
  const detected = pages.reduce((n, p) => n + tablesOf(p).length, 0);
  console.log(`|   | (${detected} tables detected in ${pages.length} pages) | | | | |`);
}
let formTables = 0;
const ntsb = readdirSync(path.join(fixtures, "ntsb")).filter((n) => n.endsWith(".pdf"));
for (const name of ntsb) {
  for (const page of await pagesOf(path.join(fixtures, "ntsb", name))) formTables += tablesOf(page).length;
}
console.log(`\nlabelled tables found: ${tablesFound}/${tablesLabelled}`);
console.log(`cell accuracy: ${correct}/${cells} = ${((100 * correct) / cells).toFixed(1)}%`);
console.log(`tables detected in the ${ntsb.length} NTSB form reports (label/value grids, expected 0): ${formTables}`);

/**
 * Scores extracted page text against hand-labelled tables (bench/tables/labels.json): shared by
 * `npm run eval:tables` and the real-document tests, so both judge a table the same way.
 */
import { type MarkdownTable, parseMarkdownTable } from "../src/ingest/pdf-tables";

export type LabelledCell = [row: string, column: string, value: string];
export type LabelledTable = { table: string; page: number; rows: number; columns: number; cells: LabelledCell[] };
export type TableScore = {
  label: LabelledTable;
  found: MarkdownTable | null;
  cellsFound: number;
  missed: LabelledCell[];
};

const norm = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

/** Every Markdown table of a page's stored text. */
export function tablesOf(pageText: string): MarkdownTable[] {
  return pageText.split(/\n{2,}/).flatMap((block) => {
    const t = parseMarkdownTable(block);
    return t ? [t] : [];
  });
}

/** Whether the table has `value` in the row labelled `row` and the column headed `column`. */
export function hasCell(table: MarkdownTable, [row, column, value]: LabelledCell): boolean {
  const j = table.header.findIndex((h) => norm(h) === norm(column));
  if (j < 0) return false;
  return table.rows.some((r) => norm(r[0] ?? "") === norm(row) && norm(r[j] ?? "") === norm(value));
}

/** Matches a labelled table to the page's table that holds most of its cells. */
export function scoreTable(label: LabelledTable, pageText: string): TableScore {
  let best: TableScore = { label, found: null, cellsFound: 0, missed: label.cells };
  for (const table of tablesOf(pageText)) {
    const missed = label.cells.filter((c) => !hasCell(table, c));
    const cellsFound = label.cells.length - missed.length;
    // A table with none of the cells still counts as found when its rows carry the labelled row names.
    const rowsMatch = label.cells.filter(([row]) => table.rows.some((r) => norm(r[0] ?? "") === norm(row))).length;
    if (cellsFound > best.cellsFound || (!best.found && rowsMatch > 0))
      best = { label, found: table, cellsFound, missed };
  }
  return best;
}

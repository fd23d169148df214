/**
 * The Markdown form of a table in stored page text: `| a | b |`, a `| --- | --- |` separator, one line
 * per row, `|` inside a cell escaped as `\|`. `formatMarkdownTable` writes it (PDF extraction) and
 * `parseMarkdownTable` reads it back (chunking and answers repeat a table's header with its rows).
 */

export type MarkdownTable = { header: string[]; rows: string[][] };

const escapeCell = (cell: string) => cell.replace(/\s+/g, " ").trim().replace(/\|/g, "\\|");

function line(cells: string[]): string {
  return `| ${cells.map(escapeCell).join(" | ")} |`;
}

/** One table as Markdown lines; every row is padded to the header's width. */
export function formatMarkdownTable(table: MarkdownTable): string {
  const width = Math.max(table.header.length, ...table.rows.map((r) => r.length));
  const pad = (cells: string[]) => [...cells, ...Array(width - cells.length).fill("")];
  return [line(pad(table.header)), line(Array(width).fill("---")), ...table.rows.map((r) => line(pad(r)))].join("\n");
}

/** Splits `| a | b \| c |` into cells at unescaped pipes, unescaping `\|`. */
function cellsOf(row: string): string[] | null {
  const t = row.trim();
  if (!t.startsWith("|") || !t.endsWith("|") || t.length < 2) return null;
  const cells: string[] = [];
  let current = "";
  for (let i = 1; i < t.length - 1; i++) {
    const c = t[i];
    if (c === "\\" && t[i + 1] === "|") {
      current += "|";
      i++;
    } else if (c === "|") {
      cells.push(current.trim());
      current = "";
    } else {
      current += c;
    }
  }
  // The final pipe closes the last cell; an escaped final pipe (`\|`) would have been consumed above.
  if (t[t.length - 2] === "\\") return null;
  cells.push(current.trim());
  return cells;
}

const SEPARATOR_CELL = /^:?-{3,}:?$/;

/**
 * Reads a Markdown table block (header, separator, rows) back into cells; `null` when the block is not
 * one table (no separator line under the header, or a line that is not a table row). Rows are padded
 * or cut to the header's width, as Markdown renderers do.
 */
export function parseMarkdownTable(block: string): MarkdownTable | null {
  const lines = block
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (lines.length < 2) return null;
  const header = cellsOf(lines[0] ?? "");
  const separator = cellsOf(lines[1] ?? "");
  if (!header || !separator || separator.length !== header.length) return null;
  if (!separator.every((c) => SEPARATOR_CELL.test(c))) return null;
  const rows: string[][] = [];
  for (const l of lines.slice(2)) {
    const cells = cellsOf(l);
    if (!cells) return null;
    rows.push(header.map((_, i) => cells[i] ?? ""));
  }
  return { header, rows };
}

/** Is this line a table line (`| … |` with at least two cells)? */
export function isTableRow(line: string): boolean {
  const cells = cellsOf(line);
  return cells !== null && cells.length >= 2;
}

/** Is this line a header separator (`| --- | :---: |`)? */
export function isSeparatorRow(line: string): boolean {
  const cells = cellsOf(line);
  return cells?.every((c) => SEPARATOR_CELL.test(c)) ?? false;
}

/** The cells of one table line (empty for a line that is not one). */
export function rowCells(line: string): string[] {
  return cellsOf(line) ?? [];
}

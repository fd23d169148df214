/**
 * The Markdown tables that PDF extraction writes into page text (`| a | b |`, a `| --- |` separator after
 * the header rows), read back: the chunker repeats a table's header in chunks that start inside it, and the
 * answer shows a quoted row under its column headers.
 */

export type MarkdownTable = { header: string[] | null; rows: string[][] };

const SEPARATOR = /^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$/;

/** Is this line a table line (`| … |` with at least two cells)? */
export function isTableRow(line: string): boolean {
  const t = line.trim();
  return t.startsWith("|") && (t.match(/(?<!\\)\|/g)?.length ?? 0) >= 2;
}

export function isSeparatorRow(line: string): boolean {
  return SEPARATOR.test(line.trim());
}

/** The cells of one table line; `\|` inside a cell is a literal bar. */
export function cellsOf(line: string): string[] {
  let t = line.trim();
  if (t.startsWith("|")) t = t.slice(1);
  if (t.endsWith("|") && !t.endsWith("\\|")) t = t.slice(0, -1);
  return t.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, "|").trim());
}

/** A block of table lines → header (the line before the separator, if there is one) and body rows. */
export function parseMarkdownTable(block: string): MarkdownTable | null {
  const lines = block.split("\n").filter((line) => line.trim());
  if (!lines.length || !lines.every(isTableRow)) return null;
  const separator = lines.findIndex(isSeparatorRow);
  if (separator === 0) return null;
  if (separator > 0) {
    const headerLines = lines.slice(0, separator).map(cellsOf);
    // Several header lines (a spanning title over dates): each column reads them top to bottom.
    const width = Math.max(...headerLines.map((cells) => cells.length));
    const header = Array.from({ length: width }, (_, i) =>
      headerLines
        .map((cells) => cells[i] ?? "")
        .filter(Boolean)
        .join(" "),
    );
    return {
      header,
      rows: lines
        .slice(separator + 1)
        .filter((l) => !isSeparatorRow(l))
        .map(cellsOf),
    };
  }
  return { header: null, rows: lines.map(cellsOf) };
}

/** A small Markdown table: the header (if any) and `rows`. */
export function formatMarkdownTable(header: string[] | null, rows: string[][]): string {
  const escapeCell = (cell: string) => cell.replace(/\|/g, "\\|");
  const line = (cells: string[]) => `| ${cells.map(escapeCell).join(" | ")} |`;
  const width = Math.max(header?.length ?? 0, ...rows.map((r) => r.length));
  const pad = (cells: string[]) => [...cells, ...Array(Math.max(0, width - cells.length)).fill("")];
  const out = header ? [line(pad(header)), line(Array(width).fill("---"))] : [];
  return [...out, ...rows.map((r) => line(pad(r)))].join("\n");
}

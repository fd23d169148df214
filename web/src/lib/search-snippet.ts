/**
 * A search result's passage as the result list shows it: prose with the query's words marked, and each
 * Markdown table (the form ingestion stores a PDF table in) as its header and the rows that hold a marked
 * word, cell by cell, instead of its raw pipes and `| --- |` line; a later piece of a table, rows only, as its rows.
 */
import { ROW, SEPARATOR } from "./page-segments";

export type Piece = { text: string; hit: boolean };
export type SnippetTable = { kind: "table"; header: Piece[][] | null; rows: Piece[][][]; hidden: number };
export type SnippetPart = { kind: "text"; pieces: Piece[] } | SnippetTable;

/**
 * Rows of a table shown in a result: with its header, four lines, as many as a prose passage shows (the
 * list clamps prose to four lines).
 */
export const SNIPPET_ROWS = 3;

type Range = [start: number, end: number];

/** `text` from `start` to `end` cut into plain and marked pieces at the highlight ranges. */
export function piecesOf(text: string, start: number, end: number, highlights: readonly number[][]): Piece[] {
  const out: Piece[] = [];
  let at = start;
  const sorted = [...highlights].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  for (const [from = 0, to = 0] of sorted) {
    const s = Math.max(from, at);
    const e = Math.min(to, end);
    if (e <= s) continue;
    if (s > at) out.push({ text: text.slice(at, s), hit: false });
    out.push({ text: text.slice(s, e), hit: true });
    at = e;
  }
  if (at < end) out.push({ text: text.slice(at, end), hit: false });
  return out;
}

/** The cells of the row line starting at `offset`: ranges inside its unescaped pipes, spaces trimmed. */
function cellRanges(line: string, offset: number): Range[] {
  const pipes: number[] = [];
  for (let i = 0; i < line.length; i++) if (line[i] === "|" && line[i - 1] !== "\\") pipes.push(i);
  const cells: Range[] = [];
  for (let k = 0; k + 1 < pipes.length; k++) {
    let s = (pipes[k] ?? 0) + 1;
    let e = pipes[k + 1] ?? s;
    while (s < e && /\s/u.test(line[s] ?? "")) s++;
    while (e > s && /\s/u.test(line[e - 1] ?? "")) e--;
    cells.push([offset + s, offset + e]);
  }
  return cells;
}

const hits = (range: Range, highlights: readonly number[][]) =>
  highlights.some(([s = 0, e = 0]) => s < range[1] && e > range[0]);

/**
 * The passage's parts in order (its paragraphs and tables): every part holding a marked word (a table's
 * caption, the short paragraph above it, with it), or the first part when none does. A table keeps its header and at most `maxRows` rows, those with
 * a marked word first in their order, else its first rows; `hidden` counts the rest.
 */
export function searchSnippet(text: string, highlights: readonly number[][], maxRows = SNIPPET_ROWS): SnippetPart[] {
  type Found = { range: Range; part: SnippetPart; hit: boolean };
  const found: Found[] = [];
  const lines = text.split("\n");
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  let proseStart = 0;
  // Prose, paragraph by paragraph (a blank line apart), its spaces at either end left out.
  const pushText = (start: number, end: number) => {
    for (const m of text.slice(start, end).matchAll(/\S(?:[^\n]|\n(?!\s*\n))*/gu)) {
      const s = start + m.index;
      const e = s + m[0].trimEnd().length;
      found.push({ range: [s, e], part: { kind: "text", pieces: piecesOf(text, s, e, highlights) }, hit: false });
    }
  };
  let i = 0;
  while (i < lines.length) {
    // A table with its header row and `| --- |` line, or a later piece of one (rows only: its header is the
    // chunk's context), at least two rows.
    const headed = ROW.test(lines[i] ?? "") && SEPARATOR.test(lines[i + 1] ?? "");
    if (!headed && !(ROW.test(lines[i] ?? "") && ROW.test(lines[i + 1] ?? ""))) {
      i++;
      continue;
    }
    const tableStart = starts[i] ?? 0;
    pushText(proseStart, tableStart);
    const header = headed ? cellRanges(lines[i] ?? "", tableStart) : [];
    i += headed ? 2 : 0;
    const rows: Range[][] = [];
    while (i < lines.length && ROW.test(lines[i] ?? "")) {
      const cells = cellRanges(lines[i] ?? "", starts[i] ?? 0);
      if (cells.some(([s, e]) => e > s)) rows.push(cells);
      i++;
    }
    const tableEnd = i < lines.length ? (starts[i] ?? text.length) : text.length;
    const marked = rows.filter((r) => r.some((c) => hits(c, highlights)));
    const shown = (marked.length ? marked : rows).slice(0, maxRows);
    const cellsOf = (cells: Range[]) => cells.map(([s, e]) => piecesOf(text, s, e, highlights));
    const part: SnippetTable = {
      kind: "table",
      header: header.some(([s, e]) => e > s) ? cellsOf(header) : null,
      rows: shown.map(cellsOf),
      hidden: rows.length - shown.length,
    };
    found.push({
      range: [tableStart, tableEnd],
      part,
      hit: header.some((c) => hits(c, highlights)) || marked.length > 0,
    });
    proseStart = tableEnd;
  }
  pushText(proseStart, text.length);
  for (const f of found) if (f.part.kind === "text") f.hit = hits(f.range, highlights);
  if (!found.some((f) => f.hit)) return found.slice(0, 1).map((f) => f.part);
  return found.flatMap((f, k) => {
    const next = found[k + 1];
    // A short line right above a shown table is its caption ("Heavy metals").
    const caption = next?.hit && next.part.kind === "table" && f.part.kind === "text" && f.range[1] - f.range[0] <= 80;
    return f.hit || caption ? [f.part] : [];
  });
}

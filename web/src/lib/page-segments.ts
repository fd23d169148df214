/**
 * A source page's stored text as the viewer shows it: prose as it is, and each Markdown table (the form
 * ingestion stores a PDF table in: a header row, a `| --- |` line, rows) as a table of cells, with the cited
 * passage (`mark`, offsets into the text) marked — a span of prose, or the rows it covers.
 */

export type TextSegment = { kind: "text"; before: string; quote: string; after: string };
export type TableSegment = { kind: "table"; header: string[] | null; rows: { cells: string[]; marked: boolean }[] };
export type PageSegment = TextSegment | TableSegment;

/** A table's row line, and the `| --- |` line under its header (also read by search-snippet.ts). */
export const ROW = /^\s*\|.*\|\s*$/;
export const SEPARATOR = /^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$/;

const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((c) => c.trim());

/** Text between `start` and `end` of the page, with the part of `mark` inside it marked. */
function textSegment(text: string, start: number, end: number, mark: { start: number; end: number } | null) {
  const from = mark ? Math.min(Math.max(mark.start, start), end) : end;
  const to = mark ? Math.min(Math.max(mark.end, start), end) : end;
  return {
    kind: "text" as const,
    before: text.slice(start, from),
    quote: text.slice(from, to),
    after: text.slice(to, end),
  };
}

/** Whether a segment holds (part of) the marked passage. */
export const isMarked = (s: PageSegment) => (s.kind === "text" ? s.quote !== "" : s.rows.some((r) => r.marked));

/** The page's segments in order; a text without tables is one text segment, as before. */
export function pageSegments(text: string, mark: { start: number; end: number } | null): PageSegment[] {
  const segments: PageSegment[] = [];
  const lines = text.split("\n");
  let offset = 0;
  let proseStart = 0;
  let i = 0;
  while (i < lines.length) {
    // A table: two or more row lines, the second its `| --- |` separator (a lone "| … |" line stays text).
    if (ROW.test(lines[i] ?? "") && SEPARATOR.test(lines[i + 1] ?? "")) {
      if (offset > proseStart) segments.push(textSegment(text, proseStart, offset, mark));
      const header = cellsOf(lines[i] ?? "");
      offset += (lines[i] ?? "").length + 1 + (lines[i + 1] ?? "").length + 1;
      i += 2;
      const rows: TableSegment["rows"] = [];
      while (i < lines.length && ROW.test(lines[i] ?? "")) {
        const line = lines[i] ?? "";
        const marked = mark !== null && mark.start < offset + line.length && mark.end > offset;
        rows.push({ cells: cellsOf(line), marked });
        offset += line.length + 1;
        i++;
      }
      segments.push({ kind: "table", header: header.some(Boolean) ? header : null, rows });
      proseStart = Math.min(offset, text.length);
      continue;
    }
    offset += (lines[i] ?? "").length + 1;
    i++;
  }
  if (proseStart < text.length || segments.length === 0)
    segments.push(textSegment(text, proseStart, text.length, mark));
  return segments;
}

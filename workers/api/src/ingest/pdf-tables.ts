/**
 * Tables rebuilt from a PDF page's positioned text items (pdf.js through unpdf), for storage as
 * Markdown. A table is a run of lines that share column structure and hold figures: columns are the
 * x-ranges that the data rows' cells cover (so left-aligned labels and right-aligned amounts both
 * line up, whatever their widths), header lines above the first data row are merged per column (a
 * header spanning several columns is prefixed to each), and a row label that wraps is joined.
 * Conservative by design: prose in two columns, "Label: value" forms, lists and tables of contents
 * are left to the paragraph text, since a false table reads worse than a missed one.
 */

import type { MarkdownTable } from "./markdown-table";
import { type Fragment, type PositionedItem, type VisualLine, visualLines } from "./pdf-lines";
import { type Column, columnIndex, columnsOf, crosses, isDataLine, isFigure, words } from "./pdf-table-grid";
import { headerCells, headerLines } from "./pdf-table-headings";

export { formatMarkdownTable, type MarkdownTable, parseMarkdownTable } from "./markdown-table";
export type { PositionedItem } from "./pdf-lines";

export type DetectedTable = MarkdownTable & { items: number[] };

/** Data rows a table needs: two aligned lines of figures are too often a coincidence (a date and a page). */
const MIN_DATA_ROWS = 3;
/** Consecutive data rows further apart than this many line heights belong to different tables. */
const MAX_ROW_GAP = 3.2;
/** A column is numeric when this share of its cells are figures. */
const NUMERIC_SHARE = 0.6;
/** Text cells longer than this (mean words) are prose, not labels. */
const MAX_LABEL_WORDS = 8;
/** Mean words per cell above which a text column is prose (row labels in the fixtures average 2–4). */
const MAX_COLUMN_WORDS = 6;
/** Share of a table's grid that must hold text; charts' scattered labels fill far less. */
const MIN_FILLED_SHARE = 0.4;
/** More columns than this is a scatter of figures (a chart's axis labels), not a table one can read. */
const MAX_COLUMNS = 40;
/** A share of "Label: value" cells at or above this makes the region a form. */
const FORM_SHARE = 0.3;
const LABEL_VALUE = /^[^:]{1,40}:(?:\s+\S.*)?$/;
const BULLET = /^[•▪◦‣●■\-*–]\s/;

/** Runs of data lines close enough together to be one table, with the lines between them. */
function candidateRuns(lines: VisualLine[]): { from: number; to: number }[] {
  const runs: { from: number; to: number }[] = [];
  let from = -1;
  let last = -1;
  lines.forEach((line, i) => {
    if (!isDataLine(line)) return;
    const previous = lines[last];
    if (from >= 0 && previous && previous.y - line.y <= MAX_ROW_GAP * Math.max(line.height, previous.height)) {
      last = i;
      return;
    }
    if (from >= 0) runs.push({ from, to: last });
    from = i;
    last = i;
  });
  if (from >= 0) runs.push({ from, to: last });
  return runs;
}

type Region = { header: VisualLine[]; body: VisualLine[]; columns: Column[] };

/** Cuts a run where a line in it crosses the columns (a caption or a sentence between two tables). */
function regionsOf(lines: VisualLine[], run: { from: number; to: number }): Region[] {
  const data = lines.slice(run.from, run.to + 1).filter(isDataLine);
  const columns = columnsOf(data);
  const regions: Region[] = [];
  let body: VisualLine[] = [];
  const flush = () => {
    const rows = body.filter(isDataLine);
    if (rows.length >= MIN_DATA_ROWS) regions.push({ header: [], body, columns: columnsOf(rows) });
    body = [];
  };
  for (const line of lines.slice(run.from, run.to + 1)) {
    if (!isDataLine(line) && line.fragments.some((f) => crosses(columns, f))) flush();
    else body.push(line);
  }
  flush();
  return regions.map((r) => {
    const first = lines.indexOf(r.body[0] as VisualLine);
    const header = headerLines(lines, first, r.columns);
    // A lone label right above the first row ("Actual", "Current assets:") is a section row, not a heading.
    const lowest = header[header.length - 1];
    if (lowest?.fragments.every((f) => columnIndex(r.columns, f) === 0)) {
      return { ...r, header: header.slice(0, -1), body: [lowest, ...r.body] };
    }
    return { ...r, header };
  });
}

type Grid = { header: string[]; rows: string[][] };
/**
 * Body rows. A label-only line joins the next row when it wraps there (the next label starts in lower
 * case or is indented, or the next row has none), or the row above when it ends that row's label (it
 * starts in lower case, or the label above is left open: "(Gini" + "index)").
 */
function bodyRows(body: VisualLine[], columns: Column[]): string[][] {
  const rows: string[][] = [];
  let carry: { text: string; x0: number } | null = null;
  for (const line of body) {
    const row = columns.map(() => "");
    for (const f of line.fragments) {
      const i = columnIndex(columns, f);
      row[i] = row[i] ? `${row[i]} ${f.text}` : f.text;
    }
    const labelOnly = row.slice(1).every((c) => !c) && row[0] !== "";
    const first = line.fragments[0] as Fragment;
    if (carry) {
      const continues = row[0] === "" || /^\p{Ll}/u.test(row[0] ?? "") || (first.x0 > carry.x0 + 1 && !labelOnly);
      if (continues) row[0] = `${carry.text} ${row[0]}`.trim();
      else rows.push([carry.text, ...columns.slice(1).map(() => "")]);
      carry = null;
    }
    const previous = rows[rows.length - 1];
    const openLabel = previous && /[(,–-]$|\([^)]*$/.test(previous[0] ?? "");
    if (labelOnly && previous && !carry && (/^\p{Ll}/u.test(row[0] ?? "") || openLabel)) {
      // The tail of the label above, whose figures sit on its first line ("(Gini" + "index)").
      previous[0] = `${previous[0]} ${row[0]}`.trim();
    } else if (labelOnly && !/:$/.test(row[0] ?? "")) carry = { text: row[0] ?? "", x0: first.x0 };
    else rows.push(row);
  }
  if (carry) rows.push([carry.text, ...columns.slice(1).map(() => "")]);
  return rows;
}

/** Drops columns with no text at all and checks that what is left reads as a table, not prose or a form. */
function validate(grid: Grid): Grid | null {
  const keep = grid.header.map((h, i) => h !== "" || grid.rows.some((r) => r[i]));
  const header = grid.header.filter((_, i) => keep[i]);
  const rows = grid.rows.map((r) => r.filter((_, i) => keep[i]));
  if (header.length < 2 || header.length > MAX_COLUMNS) return null;
  const cells = rows.flatMap((r) => r.filter(Boolean));
  const text = cells.filter((c) => !isFigure(c));
  const numericColumns = header.filter((_, i) => {
    const column = rows.map((r) => r[i] ?? "").filter(Boolean);
    return column.length >= MIN_DATA_ROWS && column.filter(isFigure).length >= column.length * NUMERIC_SHARE;
  }).length;
  if (numericColumns === 0) return null;
  if (text.length && text.reduce((n, c) => n + words(c), 0) / text.length > MAX_LABEL_WORDS) return null;
  if (header.some((_, i) => isProseColumn(rows.map((r) => r[i] ?? "").filter((c) => c && !isFigure(c))))) return null;
  // A chart's axis labels and values line up too, but leave most of the grid empty.
  if (cells.length < rows.length * header.length * MIN_FILLED_SHARE) return null;
  if (text.filter((c) => LABEL_VALUE.test(c) || BULLET.test(c)).length >= Math.max(2, cells.length * FORM_SHARE)) {
    return null;
  }
  if (header.length === 2 && looksLikeContents(rows)) return null;
  return { header, rows };
}

/**
 * A column of prose lines (a text column beside a table on the same lines): long cells, or cells that
 * continue a sentence (lower-case starts), where row labels are short and capitalised.
 */
function isProseColumn(cells: string[]): boolean {
  if (cells.length < MIN_DATA_ROWS) return false;
  const meanWords = cells.reduce((n, c) => n + words(c), 0) / cells.length;
  return meanWords > MAX_COLUMN_WORDS || (meanWords > 3.5 && lowerStarts(cells) >= CONTINUED_SHARE);
}

/** Share of cells starting in lower case: lines that continue a sentence, where row labels are capitalised. */
const CONTINUED_SHARE = 0.3;
const lowerStarts = (cells: string[]) => cells.filter((c) => /^\p{Ll}/u.test(c)).length / Math.max(1, cells.length);

/** A table of contents: titles with page numbers that only grow. */
function looksLikeContents(rows: string[][]): boolean {
  const pages = rows.map((r) => r[1] ?? "").filter(Boolean);
  if (!pages.every((p) => /^\d{1,4}$/.test(p))) return false;
  return pages.every((p, i) => i === 0 || Number(p) >= Number(pages[i - 1]));
}

/** Gap, in line heights, across which a table without new headings continues ("Actual" rows, then "Projected"). */
const MAX_SECTION_GAP = 6;

/** Joins a region to the one above when it has no headings of its own and the same columns. */
function joinContinuations(regions: Region[]): Region[] {
  const out: Region[] = [];
  for (const r of regions) {
    const previous = out[out.length - 1];
    const above = previous?.body[previous.body.length - 1];
    const first = r.body[0];
    const sameColumns =
      previous !== undefined &&
      previous.columns.length === r.columns.length &&
      previous.columns.every((c, i) => {
        const d = r.columns[i] as Column;
        return c.x0 < d.x1 && d.x0 < c.x1;
      });
    if (
      previous &&
      above &&
      first &&
      !r.header.length &&
      sameColumns &&
      above.y - first.y <= MAX_SECTION_GAP * first.height
    ) {
      const body = [...previous.body, ...r.body];
      out[out.length - 1] = { header: previous.header, body, columns: columnsOf(body.filter(isDataLine)) };
    } else out.push(r);
  }
  return out;
}

/**
 * A table in one column of a two-column page shares its lines with the prose of the other column (CDC's
 * "Table 6 … by state/area" beside the discussion): read as one grid, the prose is a column of sentences and
 * the whole is rightly no table. When the first or last column of a run is such prose (`isProseColumn`, its
 * lines mostly continuing a sentence: `CONTINUED_SHARE` of them start in lower case) and at
 * least `MIN_FIGURE_COLUMNS_BESIDE_PROSE` other columns hold figures, that column's fragments are set aside —
 * on the run's lines and the heading lines above it — and the rest is read as a table; the prose stays
 * paragraph text. A lone column of figures beside prose (a list with counts) is not enough, and the table
 * must have headings of its own: a chart's value labels beside prose line up as well, under no heading.
 */
const MIN_FIGURE_COLUMNS_BESIDE_PROSE = 2;
/** How far above a run its headings and caption may reach, in line heights, for setting the prose aside. */
const HEADING_REACH = 10;

function proseBeside(lines: VisualLine[], run: { from: number; to: number }): Column | null {
  const data = lines.slice(run.from, run.to + 1).filter(isDataLine);
  const columns = columnsOf(data);
  if (columns.length < MIN_FIGURE_COLUMNS_BESIDE_PROSE + 2) return null;
  const cellsOf = (i: number) =>
    data.map((l) =>
      l.fragments
        .filter((f) => columnIndex(columns, f) === i)
        .map((f) => f.text)
        .join(" "),
    );
  const figureColumns = (skip: number) =>
    columns.filter((_, i) => {
      if (i === skip) return false;
      const cells = cellsOf(i).filter(Boolean);
      return cells.length >= MIN_DATA_ROWS && cells.filter(isFigure).length >= cells.length * NUMERIC_SHARE;
    }).length;
  for (const i of [0, columns.length - 1]) {
    const text = cellsOf(i).filter((c) => c && !isFigure(c));
    // Long row labels ("Pour participer à des activités sociales") are capitalised; wrapped prose is not.
    const prose = isProseColumn(text) && lowerStarts(text) >= CONTINUED_SHARE;
    if (prose && figureColumns(i) >= MIN_FIGURE_COLUMNS_BESIDE_PROSE) return columns[i] as Column;
  }
  return null;
}

/** The page's lines with `prose`'s fragments removed between `top` and `bottom` (lines left empty go). */
function withoutProse(lines: VisualLine[], prose: Column, top: number, bottom: number): VisualLine[] {
  return lines.flatMap((line) => {
    if (line.y > top || line.y < bottom) return [line];
    const fragments = line.fragments.filter((f) => {
      const centre = (f.x0 + f.x1) / 2;
      return centre < prose.x0 || centre > prose.x1;
    });
    if (fragments.length === line.fragments.length) return [line];
    return fragments.length ? [{ ...line, fragments, items: fragments.flatMap((f) => f.items) }] : [];
  });
}

/** The regions of one run, reading past a column of prose that shares its lines (`proseBeside`). */
function runRegions(lines: VisualLine[], run: { from: number; to: number }): Region[] {
  const prose = proseBeside(lines, run);
  if (!prose) return regionsOf(lines, run);
  const first = lines[run.from] as VisualLine;
  const last = lines[run.to] as VisualLine;
  const top = first.y + HEADING_REACH * first.height;
  const kept = withoutProse(lines, prose, top, last.y);
  const inside = (l: VisualLine) => l.y <= first.y && l.y >= last.y;
  return candidateRuns(kept)
    .filter((r) => inside(kept[r.from] as VisualLine) && inside(kept[r.to] as VisualLine))
    .flatMap((r) => regionsOf(kept, r))
    .filter((r) => r.header.length > 0);
}

/** Finds the tables of one page. Items outside every table are left for the paragraph text. */
export function findTables(items: PositionedItem[]): DetectedTable[] {
  const lines = visualLines(items);
  const tables: DetectedTable[] = [];
  for (const region of joinContinuations(candidateRuns(lines).flatMap((run) => runRegions(lines, run)))) {
    {
      const grid = validate({
        header: headerCells(region.header, region.columns),
        rows: bodyRows(region.body, region.columns),
      });
      if (!grid) continue;
      const used = [...region.header, ...region.body].flatMap((l) => l.items);
      tables.push({ ...grid, items: used });
    }
  }
  return tables;
}

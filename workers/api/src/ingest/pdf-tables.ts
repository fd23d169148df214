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

export { formatMarkdownTable, type MarkdownTable, parseMarkdownTable } from "./markdown-table";
export type { PositionedItem } from "./pdf-lines";

export type DetectedTable = MarkdownTable & { items: number[] };

/** Data rows a table needs: two aligned lines of figures are too often a coincidence (a date and a page). */
const MIN_DATA_ROWS = 3;
/** Consecutive data rows further apart than this many line heights belong to different tables. */
const MAX_ROW_GAP = 3.2;
/** Header lines are at most this far above the line below them (line heights): a title sits further up. */
const MAX_HEADER_GAP = 1.8;
const MAX_ALIGNED_HEADER_GAP = 2.6;
const MAX_HEADER_LINES = 6;
/** A column heading is a few words ("Per pupil in fall enrollment"); a longer run is a caption line. */
const MAX_HEADING_WORDS = 7;
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

const FOOTNOTE_TAIL = /(?:\s*(?:\(\d{1,2}\)|\([a-z]\)|[*†‡§¹²³⁴⁵⁶⁷⁸⁹]+|[a-z]))$/;
const FIGURE =
  /^(?:[([]?[-+−–]?\s?(?:R\$|US\$|[$€£¥])?\s?[-+−–]?\s?\(?\d[\d.,' \u202f]*\)?\s?%?[)\]]?|[-–—−]|\.{2,3}|…|n\.?a\.?|N\/A|NA|NM|nm|\(X\)|\(NA\)|\([DSZ]\)|x)$/i;
const HEADER_FIGURE =
  /^(?:(?:FY\s?)?(?:19|20)\d\d(?:\s?[-–/]\s?(?:\d\d|(?:19|20)\d\d))?|Q[1-4]|[1-4]Q|\d{1,2}\/\d{1,2}\/\d{2,4}|\d{4}-\d\d-\d\d)$/i;
const LABEL_VALUE = /^[^:]{1,40}:(?:\s+\S.*)?$/;
const BULLET = /^[•▪◦‣●■\-*–]\s/;

const stripFootnote = (text: string) => text.replace(FOOTNOTE_TAIL, "").trim();
export const isFigure = (text: string) => FIGURE.test(stripFootnote(text)) || FIGURE.test(text);
const isHeaderFigure = (text: string) => HEADER_FIGURE.test(stripFootnote(text));
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** A line of figures: two cells or more, one a figure that is not a year or a date. */
function isDataLine(line: VisualLine): boolean {
  if (line.fragments.length < 2) return false;
  return line.fragments.some(
    (f, i) => (i > 0 || line.fragments.length > 2) && isFigure(f.text) && !isHeaderFigure(f.text),
  );
}

type Column = { x0: number; x1: number };
const centreOf = (c: { x0: number; x1: number }) => (c.x0 + c.x1) / 2;

/** Columns: the union of the data rows' cell ranges, split where no data cell reaches. */
function columnsOf(lines: VisualLine[]): Column[] {
  const spans = lines.flatMap((l) => l.fragments.map((f) => ({ x0: f.x0, x1: f.x1 })));
  spans.sort((a, b) => a.x0 - b.x0);
  const columns: Column[] = [];
  for (const s of spans) {
    const last = columns[columns.length - 1];
    if (last && s.x0 <= last.x1) last.x1 = Math.max(last.x1, s.x1);
    else columns.push({ ...s });
  }
  return columns;
}

/** The column a fragment belongs to: the one containing its centre, else the nearest. */
function columnIndex(columns: Column[], f: Fragment): number {
  const centre = (f.x0 + f.x1) / 2;
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  columns.forEach((c, i) => {
    const d = centre < c.x0 ? c.x0 - centre : centre > c.x1 ? centre - c.x1 : 0;
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  });
  return best;
}

/** A fragment that reaches from one column across the gap into the next is a caption or prose. */
function crosses(columns: Column[], f: Fragment): boolean {
  return columns.some((c, i) => {
    const next = columns[i + 1];
    return next !== undefined && f.x0 < c.x1 && f.x1 > next.x0;
  });
}

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

/** Non-data lines just above the first data row, within the table's width and not crossing its label column. */
function headerLines(lines: VisualLine[], first: number, columns: Column[]): VisualLine[] {
  const header: VisualLine[] = [];
  const left = (columns[0]?.x0 ?? 0) - 2;
  const right = (columns[columns.length - 1]?.x1 ?? 0) + 2;
  const width = right - left;
  let below = lines[first] as VisualLine;
  let stop: VisualLine | undefined;
  for (let i = first - 1; i >= 0 && header.length < MAX_HEADER_LINES; i--) {
    const line = lines[i] as VisualLine;
    if (isDataLine(line)) break;
    // Headings that each sit over a column may stand further off than a centred title would.
    const aligned =
      line.fragments.length >= 2 && line.fragments.every((f) => columns.some((c) => f.x0 < c.x1 && f.x1 > c.x0));
    const gapLimit = aligned ? MAX_ALIGNED_HEADER_GAP : MAX_HEADER_GAP;
    if (line.y - below.y > gapLimit * Math.max(line.height, below.height)) break;
    const labelColumn = columns[0] as Column;
    const fits = line.fragments.every(
      (f) =>
        f.x0 >= left - Math.max(width * 0.05, 2 * line.height) &&
        f.x1 <= right + Math.max(width * 0.05, 2 * line.height) &&
        f.x1 - f.x0 < width * 0.6 &&
        !(f.x0 < labelColumn.x1 && f.x1 > (columns[1]?.x0 ?? Number.POSITIVE_INFINITY)) &&
        words(f.text) <= MAX_HEADING_WORDS &&
        // A sentence is a caption or a note; an abbreviation ("Mill.", "Part.") is a heading.
        !(words(f.text) >= 3 && /[.!?]$/.test(f.text.trim())),
    );
    // A unit note alone on its line ("[In thousands]", "(In millions)") sits above the headings.
    const unitNote = line.fragments.length === 1 && /^[[(].*[\])]$/.test(line.fragments[0]?.text ?? "");
    if (!fits || unitNote) {
      stop = line;
      break;
    }
    header.unshift(line);
    below = line;
  }
  // The tail of a wrapped caption starts where the caption's text does ("Table 15.  Actual and …").
  const captionStarts = stop?.fragments.map((f) => f.x0) ?? [];
  while (
    header[0]?.fragments.length === 1 &&
    captionStarts.some((x) => Math.abs(x - (header[0]?.fragments[0]?.x0 ?? 0)) < 1.5)
  ) {
    header.shift();
  }
  // The tail of a wrapped caption ("school: Fall 1996 through fall 2021") is no heading.
  while (header[0] && /^\p{Ll}/u.test(header[0].fragments[0]?.text ?? "")) header.shift();
  return header;
}

type Grid = { header: string[]; rows: string[][] };

/** The columns whose centre a heading covers, or else the nearest one. */
function coveredColumns(columns: Column[], f: Fragment): number[] {
  const covered = columns.flatMap((c, i) => (centreOf(c) >= f.x0 && centreOf(c) <= f.x1 ? [i] : []));
  return covered.length ? covered : [columnIndex(columns, f)];
}

/**
 * A group heading ("Total" over three columns, "Three Months Ended" over two dates) is centred over its
 * columns: among the ranges of figure columns that hold what it covers and no column another heading on
 * its line covers, take the widest whose middle lies within a third of a column pitch of the heading's
 * centre. Headings alone on their line grow only when wider than one column ("Less:" over one column
 * stays put), and the labels' heading never grows.
 */
function ownedColumns(columns: Column[], line: Fragment[], k: number, taken: Set<number>): number[] {
  const f = line[k] as Fragment;
  const centre = centreOf(f);
  const own = coveredColumns(columns, f);
  const first = own[0] as number;
  const last = own[own.length - 1] as number;
  const overFigures = line.filter((g) => g.x0 >= (columns[0] as Column).x1).length;
  if (first === 0 || columns.length < 3) return own;
  const pitch =
    (centreOf(columns[columns.length - 1] as Column) - centreOf(columns[1] as Column)) /
    Math.max(1, columns.length - 2);
  if (overFigures < 2 && f.x1 - f.x0 < pitch * 1.2) return own;
  // Columns nearer another heading on the line belong to that one.
  const nearest = (i: number) =>
    line.every(
      (g, j) =>
        j === k ||
        Math.abs(centreOf(g) - centreOf(columns[i] as Column)) >= Math.abs(centre - centreOf(columns[i] as Column)),
    );
  // Computed once per column, so the range search below stays quadratic in columns at worst.
  const isFree = columns.map((_, i) => !taken.has(i) && nearest(i));
  const free = (i: number) => isFree[i] === true;
  let best = own;
  for (let a = first; a >= 1 && (a === first || free(a)); a--) {
    for (let b = last; b < columns.length && (b === last || free(b)); b++) {
      const middle = ((columns[a] as Column).x0 + (columns[b] as Column).x1) / 2;
      if (b - a + 1 > best.length && Math.abs(middle - centre) <= pitch / 3) {
        best = Array.from({ length: b - a + 1 }, (_, i) => a + i);
      }
    }
  }
  return best;
}

/** Header text per column, top line first; a group heading is prefixed to every column it owns. */
function headerCells(header: VisualLine[], columns: Column[]): string[] {
  const cells = columns.map(() => [] as string[]);
  for (const line of header) {
    const covered = line.fragments.map((f) => coveredColumns(columns, f));
    line.fragments.forEach((f, k) => {
      const taken = new Set(covered.flatMap((c, j) => (j === k ? [] : c)));
      for (const i of ownedColumns(columns, line.fragments, k, taken)) cells[i]?.push(f.text);
    });
  }
  return cells.map((c) => c.join(" "));
}

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
  const lowerStarts = cells.filter((c) => /^\p{Ll}/u.test(c)).length / cells.length;
  return meanWords > MAX_COLUMN_WORDS || (meanWords > 3.5 && lowerStarts >= 0.3);
}

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

/** Finds the tables of one page. Items outside every table are left for the paragraph text. */
export function findTables(items: PositionedItem[]): DetectedTable[] {
  const lines = visualLines(items);
  const tables: DetectedTable[] = [];
  for (const region of joinContinuations(candidateRuns(lines).flatMap((run) => regionsOf(lines, run)))) {
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

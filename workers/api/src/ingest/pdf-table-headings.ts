/**
 * Headings of a PDF table: the lines above its first row of figures, merged per column, a heading that
 * spans several columns prefixed to each of them.
 */
import type { Fragment, VisualLine } from "./pdf-lines";
import { type Column, centreOf, columnIndex, isDataLine, words } from "./pdf-table-grid";

/** Header lines are at most this far above the line below them (line heights): a title sits further up. */
const MAX_HEADER_GAP = 1.8;
const MAX_ALIGNED_HEADER_GAP = 2.6;
const MAX_HEADER_LINES = 6;
/** A column heading is a few words ("Per pupil in fall enrollment"); a longer run is a caption line. */
const MAX_HEADING_WORDS = 7;

/** Non-data lines just above the first data row, within the table's width and not crossing its label column. */
export function headerLines(lines: VisualLine[], first: number, columns: Column[]): VisualLine[] {
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

/** The columns whose centre a heading covers, or else the nearest one. */
export function coveredColumns(columns: Column[], f: Fragment): number[] {
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
export function headerCells(header: VisualLine[], columns: Column[]): string[] {
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

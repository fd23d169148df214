/**
 * Cells and columns of a PDF table: which fragments are figures, which lines are rows of figures, and
 * the columns those rows' cells cover.
 */
import type { Fragment, VisualLine } from "./pdf-lines";

const FOOTNOTE_TAIL = /(?:\s*(?:\(\d{1,2}\)|\([a-z]\)|[*†‡§¹²³⁴⁵⁶⁷⁸⁹]+|[a-z]))$/;
const FIGURE =
  /^(?:[([]?[-+−–]?\s?(?:R\$|US\$|[$€£¥])?\s?[-+−–]?\s?\(?\d[\d.,' \u202f]*\)?\s?%?[)\]]?|[-–—−]|\.{2,3}|…|n\.?a\.?|N\/A|NA|NM|nm|\(X\)|\(NA\)|\([DSZ]\)|x)$/i;
const HEADER_FIGURE =
  /^(?:(?:FY\s?)?(?:19|20)\d\d(?:\s?[-–/]\s?(?:\d\d|(?:19|20)\d\d))?|Q[1-4]|[1-4]Q|\d{1,2}\/\d{1,2}\/\d{2,4}|\d{4}-\d\d-\d\d)$/i;

const stripFootnote = (text: string) => text.replace(FOOTNOTE_TAIL, "").trim();
export const isFigure = (text: string) => FIGURE.test(stripFootnote(text)) || FIGURE.test(text);
const isHeaderFigure = (text: string) => HEADER_FIGURE.test(stripFootnote(text));
export const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** A line of figures: two cells or more, one a figure that is not a year or a date. */
export function isDataLine(line: VisualLine): boolean {
  if (line.fragments.length < 2) return false;
  return line.fragments.some(
    (f, i) => (i > 0 || line.fragments.length > 2) && isFigure(f.text) && !isHeaderFigure(f.text),
  );
}

export type Column = { x0: number; x1: number };
export const centreOf = (c: { x0: number; x1: number }) => (c.x0 + c.x1) / 2;

/** Columns: the union of the data rows' cell ranges, split where no data cell reaches. */
export function columnsOf(lines: VisualLine[]): Column[] {
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
export function columnIndex(columns: Column[], f: Fragment): number {
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
export function crosses(columns: Column[], f: Fragment): boolean {
  return columns.some((c, i) => {
    const next = columns[i + 1];
    return next !== undefined && f.x0 < c.x1 && f.x1 > next.x0;
  });
}

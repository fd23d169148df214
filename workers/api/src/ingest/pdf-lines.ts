/**
 * Geometry of a PDF page's text for table detection: text items grouped into visual lines (by baseline,
 * whatever the content-stream order) and, inside a line, into fragments — runs of items with no more
 * than about one word space between them. A fragment is a cell candidate.
 */

export type PositionedItem = { str: string; transform: number[]; width: number; height: number; hasEOL?: boolean };

export type Fragment = { text: string; x0: number; x1: number; height: number; items: number[] };
export type VisualLine = { y: number; height: number; fragments: Fragment[]; items: number[] };

/**
 * A gap wider than this many text heights separates two cells. Word spaces are 0.2–0.35 of the height and
 * justified prose stretches some to 0.5; header cells in the fixtures sit 0.7 heights apart, columns 1.1.
 */
export const CELL_GAP = 0.6;
/** Baselines closer than this share a line (in text heights): tolerates small shifts of mixed fonts. */
const SAME_LINE = 0.35;

/** Between two figures a gap of more than a thin space already separates cells (tight numeric columns). */
const FIGURE_GAP = 0.3;
const BARE_FIGURE = /^[-+−–(]?[$€£]?\d[\d.,]*\)?%?$/;
const isBareFigure = (text: string) => BARE_FIGURE.test(text);

const CURRENCY_ONLY = /^(?:[$€£¥]|R\$|US\$|USD|EUR|BRL)$/;
const CLOSING_ONLY = /^(?:%|\)|\)%|pp|p\.p\.)$/;
const FOOTNOTE_ONLY = /^(?:\(\d{1,2}\)|\([a-z]\)|[*†‡§¹²³⁴⁵⁶⁷⁸⁹]+)$/;
/** A footnote mark or a lone "%" belongs to the value before it when closer than this (text heights). */
const MARK_GAP = 1.5;
const LEADER = /^[\s.·…_]+$/;

export function heightOf(item: PositionedItem): number {
  return Math.abs(item.height) || Math.abs(item.transform[3] ?? 0) || 10;
}

/** Upright (unrotated) items with visible text; rotated text never belongs to a table row. */
function usable(item: PositionedItem): boolean {
  const [, b = 0, c = 0] = item.transform;
  return item.str.trim().length > 0 && Math.abs(b) < 1e-3 && Math.abs(c) < 1e-3 && item.width > 0;
}

/** Groups items into lines, top of the page first. O(n log n) in the number of items. */
export function visualLines(items: PositionedItem[]): VisualLine[] {
  const order: number[] = [];
  items.forEach((item, i) => {
    if (usable(item)) order.push(i);
  });
  const y = (i: number) => items[i]?.transform[5] ?? 0;
  order.sort((a, b) => y(b) - y(a));
  const groups: number[][] = [];
  let lineY = Number.NaN;
  for (const i of order) {
    const item = items[i] as PositionedItem;
    const current = groups[groups.length - 1];
    if (current && Math.abs(y(i) - lineY) <= heightOf(item) * SAME_LINE) current.push(i);
    else {
      groups.push([i]);
      lineY = y(i);
    }
  }
  return groups.map((group) => lineOf(items, group));
}

type Piece = { text: string; x0: number; x1: number; height: number; item: number };

/**
 * Some producers put a whole row of figures in one item ("2,218,406 1,180,160"): such an item is cut at
 * its spaces, each figure placed in proportion to its characters. "1 234 567" (a thousands separator)
 * stays whole.
 */
function piecesOf(item: PositionedItem, index: number): Piece[] {
  const x0 = item.transform[4] ?? 0;
  const height = heightOf(item);
  const text = item.str.replace(/\s+/g, " ").trim();
  const tokens = text.split(" ");
  const thousands = tokens.slice(1).every((t) => /^\d{3}$/.test(t));
  if (tokens.length < 2 || thousands || !tokens.every(isBareFigure)) {
    return [{ text, x0, x1: x0 + item.width, height, item: index }];
  }
  const perChar = item.width / Math.max(1, item.str.length);
  const pieces: Piece[] = [];
  let offset = item.str.length - item.str.trimStart().length;
  for (const token of tokens) {
    const start = item.str.indexOf(token, offset);
    pieces.push({
      text: token,
      x0: x0 + start * perChar,
      x1: x0 + (start + token.length) * perChar,
      height,
      item: index,
    });
    offset = start + token.length;
  }
  return pieces;
}

function lineOf(items: PositionedItem[], group: number[]): VisualLine {
  const pieces = group.flatMap((i) => piecesOf(items[i] as PositionedItem, i));
  pieces.sort((a, b) => a.x0 - b.x0);
  const fragments: Fragment[] = [];
  let height = 0;
  for (const piece of pieces) {
    const { text, x0, x1, height: h, item: i } = piece;
    height = Math.max(height, h);
    const last = fragments[fragments.length - 1];
    const gap = last ? x0 - last.x1 : 0;
    // Two figures side by side are two cells unless they touch ("11,062" and a detached "6").
    const limit = last && isBareFigure(last.text) && isBareFigure(text) ? FIGURE_GAP : CELL_GAP;
    if (last && gap < limit * Math.max(h, last.height)) {
      const space = gap > h * 0.15 || /\s$/.test(items[i]?.str ?? "") ? " " : "";
      last.text = `${last.text}${space}${text}`.replace(/\s+/g, " ");
      last.x1 = Math.max(last.x1, x1);
      if (last.items[last.items.length - 1] !== i) last.items.push(i);
    } else {
      fragments.push({ text, x0, x1, height: h, items: [i] });
    }
  }
  const yValues = group.map((i) => items[i]?.transform[5] ?? 0);
  return { y: Math.max(...yValues), height, fragments: tidy(fragments), items: group };
}

/**
 * Joins what belongs to a neighbouring cell: a lone currency sign to the amount after it, a lone "%",
 * ")" or footnote mark to the value before it; dot leaders are dropped (their items stay in the line).
 */
function tidy(fragments: Fragment[]): Fragment[] {
  const out: Fragment[] = [];
  let pendingCurrency: Fragment | null = null;
  for (const f of fragments) {
    // Dot leaders: runs of dots, spaced or not, at either end ("Total. . . . .", "etc. . .").
    const text = f.text
      .replace(/[.·…]?(?:\s[.·…]){2,}\s*$/, "")
      .replace(/(?:\s[.·…])+\s*$/, "")
      .replace(/[.·…]{3,}\s*$/, "")
      .replace(/^(?:[.·…]\s*){3,}/, "")
      .trim();
    if (!text || LEADER.test(text)) continue;
    let frag: Fragment = { ...f, text };
    if (pendingCurrency) {
      frag = { ...frag, text: `${pendingCurrency.text} ${frag.text}`, x0: pendingCurrency.x0 };
      frag.items = [...pendingCurrency.items, ...f.items];
      pendingCurrency = null;
    }
    const previous = out[out.length - 1];
    if (CURRENCY_ONLY.test(frag.text)) pendingCurrency = frag;
    else if (
      previous &&
      (CLOSING_ONLY.test(frag.text) || FOOTNOTE_ONLY.test(frag.text)) &&
      // Only right next to a value: "(10)" a column further on is a negative amount.
      frag.x0 - previous.x1 < MARK_GAP * frag.height
    ) {
      previous.text = `${previous.text}${frag.text.startsWith(")") || frag.text === "%" ? "" : " "}${frag.text}`;
      previous.x1 = frag.x1;
      previous.items.push(...frag.items);
    } else out.push(frag);
  }
  if (pendingCurrency) out.push(pendingCurrency);
  return out;
}

/**
 * Line spacing of a PDF page, so that `pageTextFromItems` (extract-pdf.ts) can tell a paragraph break from
 * an ordinary line step on 1.5- and double-spaced pages (essays, theses, pleadings, transcripts), where
 * every step is larger than the single-spaced paragraph rule of 1.6 text heights. The constants come from
 * typical spacings (below); they were checked, not tuned, on the test fixtures, the answers set and
 * pdfplumber's test PDFs: docs/pdf-text.md.
 */
import { heightOf, type PositionedItem } from "./pdf-lines";

/**
 * Single spacing: a step of more than this many text heights starts a paragraph. Lines of single-spaced
 * text advance 1.1–1.45 heights (a font's own line gap; Word's default "1.15 lines" is ~1.4), a blank line
 * about twice that; pages whose usual advance is at most this keep exactly this rule.
 */
export const PARAGRAPH_HEIGHTS = 1.6;

/**
 * Spaced pages: a step of more than this many usual advances starts a paragraph. It is the single-spaced
 * rule's own tolerance in advances (1.6 heights over the typical 1.2-height advance): a blank line (2
 * advances) or a 12-pt space after a double-spaced paragraph (~1.4) is a break, the variation of steps
 * inside a paragraph (a taller inline glyph, a superscript: within ~1.15) is not.
 */
export const PARAGRAPH_ADVANCES = 4 / 3;

/**
 * Spaced pages: a line starting at least this many text heights right of the body text's left edge, after
 * a line that ends a sentence, starts a paragraph (a first-line indent, usually 1.5–6 heights; left-aligned
 * or justified lines start within a fraction of a height of the edge). After a line that does not end a
 * sentence the indented line is a hanging indent's continuation ("…General, Los" / "Angeles, Cal.;").
 */
export const INDENT_HEIGHTS = 1;

/** Fewer steps than this are one or two measurements, not the page's habit: such a page keeps single spacing. */
const MIN_STEPS = 3;

/**
 * A step longer than this many text heights is no line spacing (triple spacing is ~3.5): a gap before a
 * figure or a footer, or the baselines of rotated text running across the page.
 */
const MAX_STEP_HEIGHTS = 4;

/** A change of baseline larger than this (in text heights) is a new line, as in `pageTextFromItems`. */
const NEW_LINE = 0.5;
/** A horizontal gap wider than this (in text heights) inside a line is a column gap (a tab in the text). */
export const TAB_GAP = 2.5;

/**
 * A line whose right end is within this share of the text width of the page's rightmost line end is
 * full: a paragraph's wrapped line. Ragged-right prose ends a line up to about one long word (10–15 of
 * ~70 characters) short of the margin; a table's label-only rows, short list items and headings end far
 * earlier, and their spacing is no line spacing.
 */
const FULL_LINE = 0.15;

type Line = { y: number; height: number; x0: number; x1: number; columns: boolean; afterBreak: boolean };

/** The page's lines of upright text in reading order; `afterBreak` when a table came between. */
function linesOf(items: PositionedItem[], skip: (index: number) => boolean): Line[] {
  const lines: Line[] = [];
  let line: Line | undefined;
  let afterBreak = false;
  for (const [index, item] of items.entries()) {
    if (skip(index)) {
      line = undefined;
      afterBreak = true;
      continue;
    }
    const [, b = 0, c = 0, , x = 0, y = 0] = item.transform;
    // Rotated text has no line spacing in y; blanks carry no position worth measuring.
    if (!item.str.trim() || Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3) continue;
    const height = heightOf(item);
    if (line && Math.abs(y - line.y) <= height * NEW_LINE) {
      if (x - line.x1 > height * TAB_GAP) line.columns = true;
      line.height = Math.max(line.height, height);
      line.x1 = Math.max(line.x1, x + item.width);
    } else {
      line = { y, height, x0: x, x1: x + item.width, columns: false, afterBreak };
      lines.push(line);
      afterBreak = false;
    }
  }
  return lines;
}

/** A spaced page's usual line advance (points) and the left edge of its body text (the leftmost full line). */
export type Spacing = { advance: number; left: number };

/**
 * The usual step between consecutive lines of body text, when it is larger than the single-spaced
 * paragraph rule (a 1.5- or double-spaced page); `undefined` for a single-spaced page.
 * Body text: a full line (one run, no column gap — a form's "Label: value" rows and table rows are left
 * out) and the line after it, of the same size, upright, at most four heights below; the median of those
 * steps. Linear in the items, plus one sort of the steps (at most one per line).
 */
export function pageSpacing(items: PositionedItem[], skip: (index: number) => boolean): Spacing | undefined {
  const lines = linesOf(items, skip);
  let left = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  for (const line of lines) {
    left = Math.min(left, line.x0);
    right = Math.max(right, line.x1);
  }
  const fullFrom = right - (right - left) * FULL_LINE;
  const steps: { dy: number; ratio: number }[] = [];
  let bodyLeft = Number.POSITIVE_INFINITY;
  for (let i = 1; i < lines.length; i++) {
    const [above, below] = [lines[i - 1] as Line, lines[i] as Line];
    if (below.afterBreak || above.columns || below.columns || above.x1 < fullFrom) continue;
    const sameSize = Math.abs(above.height - below.height) <= 0.1 * Math.max(above.height, below.height);
    const ratio = (above.y - below.y) / below.height;
    if (sameSize && ratio > 0 && ratio <= MAX_STEP_HEIGHTS) {
      steps.push({ dy: above.y - below.y, ratio });
      bodyLeft = Math.min(bodyLeft, above.x0);
    }
  }
  if (steps.length < MIN_STEPS) return undefined;
  steps.sort((a, b) => a.ratio - b.ratio);
  const median = steps[Math.floor((steps.length - 1) / 2)] as { dy: number; ratio: number };
  return median.ratio > PARAGRAPH_HEIGHTS ? { advance: median.dy, left: bodyLeft } : undefined;
}

const ENDS_SENTENCE = /[.!?…:。！？：]["'”’)\]」』）]*$/u;

/**
 * Whether the text written so far ends a sentence (or a colon's lead-in). Only its tail is read, so a
 * page's many lines cost no more than their own length.
 */
export function endsSentence(text: string): boolean {
  return ENDS_SENTENCE.test(text.slice(-64).trimEnd());
}

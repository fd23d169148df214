/**
 * Structure of a page's text, for chunking: blocks (headings, paragraphs, list items, tables, display
 * formulas, code) and, inside prose, sentences — each as character offsets into the page text.
 */

export type BlockKind = "heading" | "paragraph" | "list" | "table" | "formula" | "code";

export type Span = { start: number; end: number };
export type Block = Span & { kind: BlockKind };

type Line = Span & { text: string };

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const part of text.split("\n")) {
    lines.push({ start, end: start + part.length, text: part });
    start += part.length + 1;
  }
  return lines;
}

const MARKDOWN_HEADING = /^#{1,6}\s+\S/;
const NUMBERED_HEADING = /^(?:\d{1,2}(?:\.\d{1,3})*\.?|[IVXLC]{1,5}\.|[A-Z]\.)\s+\p{Lu}[^.!?]*$/u;
const LIST_ITEM = /^(?:[-*+•▪◦‣–]\s+|\(?\d{1,3}[.)]\s+|\(?[a-z][.)]\s+)/u;
const FENCE = /^(```|~~~)/;
const MATH_CHARS = /[=+−×÷∑∏∫√∞≈≠≤≥±∂∇∈∉⊂⊆∪∩→←↔⇒⇔^_{}\\αβγδεθλμπσφωΔΣΩ]/gu;

function isHeading(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 90) return false;
  if (MARKDOWN_HEADING.test(t)) return true;
  if (NUMBERED_HEADING.test(t) && t.length <= 80 && !/[,;:]$/.test(t)) return true;
  // Short ALL-CAPS lines ("INTRODUCTION", "ANALYSIS") are headings in most reports and books.
  const letters = t.replace(/[^\p{L}]/gu, "");
  return letters.length >= 4 && t.length <= 60 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters);
}

function isTableLine(line: string): boolean {
  const t = line.trim();
  return (t.match(/\|/g)?.length ?? 0) >= 2 || (t.match(/\t/g)?.length ?? 0) >= 2;
}

/** A display formula: `$$…$$`, `\[…\]`, or a line that is mostly mathematical symbols. */
function isFormulaLine(line: string): boolean {
  const t = line.trim();
  if (!t) return false;
  if (/^\$\$|\$\$$|^\\\[|\\\]$/.test(t)) return true;
  const math = t.match(MATH_CHARS)?.length ?? 0;
  const letters = t.match(/\p{L}{3,}/gu)?.length ?? 0;
  return t.length <= 160 && math >= 2 && math >= letters * 2;
}

/** Splits a page's text into blocks, in order, each a span of the text. */
export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  let fenced = false;
  const close = () => {
    if (current) blocks.push(current);
    current = null;
  };
  const open = (line: Line, kind: BlockKind) => {
    close();
    current = { start: line.start, end: line.end, kind };
  };
  for (const line of linesOf(text)) {
    const t = line.text.trim();
    if (fenced) {
      if (current) (current as Block).end = line.end;
      if (FENCE.test(t)) {
        fenced = false;
        close();
      }
      continue;
    }
    if (!t) {
      close();
      continue;
    }
    if (FENCE.test(t)) {
      open(line, "code");
      fenced = true;
      continue;
    }
    const kind: BlockKind = isTableLine(line.text)
      ? "table"
      : isFormulaLine(line.text)
        ? "formula"
        : isHeading(line.text)
          ? "heading"
          : LIST_ITEM.test(t)
            ? "list"
            : "paragraph";
    const cur = current as Block | null;
    if (cur && kind === cur.kind && (kind === "table" || kind === "formula")) {
      cur.end = line.end;
    } else if (cur && kind === "paragraph" && (cur.kind === "paragraph" || cur.kind === "list")) {
      // A wrapped line continues its paragraph or list item.
      cur.end = line.end;
    } else {
      open(line, kind);
      if (kind === "heading") close();
    }
  }
  close();
  return blocks.map((b, i) =>
    b.kind === "paragraph" && i + 1 < blocks.length && isTitleLine(text.slice(b.start, b.end))
      ? { ...b, kind: "heading" }
      : b,
  );
}

const SMALL_WORDS = new Set(
  "a an and as at by for from in of on or the to with e da de do dos das em para por y del la el".split(" "),
);

/** A one-line block in Title Case with no closing punctuation ("Pilot Information") reads as a section title. */
function isTitleLine(block: string): boolean {
  const t = block.trim();
  if (t.includes("\n") || t.length > 60 || /[.,;:!?)\]]$/.test(t)) return false;
  const words = t.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length < 2 || words.length > 8) return false;
  return words.every((w, i) => /^\p{Lu}/u.test(w) || (i > 0 && SMALL_WORDS.has(w.toLowerCase())));
}

const ABBREVIATIONS = new Set(
  "e.g i.e etc vs cf fig figs no nos dr mr mrs ms prof sr jr st eq eqs p pp vol ch sec approx ca al inc ltd co corp dept est u.s a.m p.m sra sr dra".split(
    " ",
  ),
);

/** Sentence spans inside a prose block; never cuts after abbreviations or initials. */
export function sentencesOf(text: string, block: Span): Span[] {
  const spans: Span[] = [];
  const slice = text.slice(block.start, block.end);
  const boundary = /[.!?…]+["'”’)\]]*\s+(?=["“'([¿¡]?[\p{Lu}\p{N}])/gu;
  let from = 0;
  for (const match of slice.matchAll(boundary)) {
    const endOfSentence = match.index + match[0].trimEnd().length;
    const before = slice.slice(from, endOfSentence);
    const lastWord = before.match(/([\p{L}.]+)\.$/u)?.[1]?.toLowerCase() ?? "";
    if (ABBREVIATIONS.has(lastWord) || /^\p{Lu}$/u.test(lastWord) || /^\p{L}$/u.test(lastWord)) continue;
    spans.push({ start: block.start + from, end: block.start + endOfSentence });
    from = match.index + match[0].length;
  }
  if (from < slice.length) spans.push({ start: block.start + from, end: block.end });
  return spans.filter((s) => s.end > s.start);
}

/** Cuts a span at whitespace into pieces of at most `maxChars`, for sentences too long to keep whole. */
export function splitAtWords(text: string, span: Span, maxChars: number): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  // Leading blanks would otherwise become a piece of their own (a chunk with no text; found by fast-check).
  while (start < span.end && /\s/.test(text[start] ?? "")) start++;
  while (span.end - start > maxChars) {
    let cut = text.lastIndexOf(" ", start + maxChars);
    const newline = text.lastIndexOf("\n", start + maxChars);
    cut = Math.max(cut, newline);
    if (cut <= start) cut = start + maxChars;
    pieces.push({ start, end: cut });
    start = cut;
    while (start < span.end && /\s/.test(text[start] ?? "")) start++;
  }
  if (start < span.end) pieces.push({ start, end: span.end });
  return pieces;
}

/** Splits a large table or formula block at line ends into pieces of at most `maxChars`. */
export function splitAtLines(text: string, span: Span, maxChars: number): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  let lineStart = span.start;
  while (lineStart < span.end) {
    const nl = text.indexOf("\n", lineStart);
    const lineEnd = nl === -1 || nl > span.end ? span.end : nl;
    if (lineEnd - start > maxChars && lineStart > start) {
      pieces.push({ start, end: lineStart - 1 });
      start = lineStart;
    }
    lineStart = lineEnd + 1;
  }
  if (start < span.end) pieces.push({ start, end: span.end });
  return pieces.flatMap((p) => (p.end - p.start > maxChars ? splitAtWords(text, p, maxChars) : [p]));
}

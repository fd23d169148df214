/**
 * Chunks that serve citations: structure-aware (a heading opens a chunk, paragraphs and list items are
 * not cut mid-sentence where avoidable, tables and display formulas stay whole), about 350–500 tokens
 * with a sentence-aligned overlap, and every chunk knows its page span and its character offsets into
 * the stored page text.
 *
 * Page-exact: a page break closes a chunk, except that a paragraph running over the break may finish on
 * the next page — so a chunk spans at most two pages, and a citation names the page it quotes.
 * Boilerplate blocks (tables of contents, legal notices, signatures, filing cover pages) are left out.
 * A chunk that starts inside a section or a table carries `context`: the nearest heading and the table's
 * caption and header rows, so the index, the embeddings and the answer see what a bare row of numbers means; so
 * does a chunk whose table's caption ended the chunk before (the caption lines it lacks).
 */
import { isBoilerplate } from "./boilerplate";
import { captionLines } from "./table-caption";
import { type BlockKind, blocksOf, type Span, sentencesOf, splitAtLines, splitAtWords } from "./text-blocks";

export type PageText = { page: number; text: string };

export type TextChunk = {
  index: number;
  pageStart: number;
  pageEnd: number;
  /** Offset into page `pageStart`'s text. */
  startOffset: number;
  /** Offset into page `pageEnd`'s text (exclusive). */
  endOffset: number;
  text: string;
  /** The nearest heading and, for a chunk inside a table, its caption and header rows; not part of `text`. */
  context: string | null;
  tokenCount: number;
};

export type ChunkingOptions = {
  /** A chunk closes at the first block boundary past this size. */
  targetTokens: number;
  /** Hard ceiling, except for a table or formula kept whole (up to `maxTokens * 1.5`). */
  maxTokens: number;
  /** Trailing sentences of one chunk repeated at the start of the next. */
  overlapTokens: number;
  /** A heading starts a new chunk once the current one holds at least this much. */
  minTokensBeforeHeading: number;
};

export const DEFAULT_CHUNKING: ChunkingOptions = {
  targetTokens: 400,
  maxTokens: 500,
  overlapTokens: 60,
  // A heading closes a chunk once it holds about a paragraph: sections start their own chunks, while a
  // form's run of short titled fields ("Pilot Information", "Aircraft") stays together.
  minTokensBeforeHeading: 100,
};

/** Roughly four characters per token for the scripts students use; cheap and deterministic. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

type Unit = Span & {
  page: number;
  kind: BlockKind;
  tokens: number;
  blockStart: boolean;
  /** Ends with sentence punctuation (prose that runs over a page break does not). */
  closed: boolean;
  /** A piece of a table after its first: the table's header lines, to repeat as context. */
  tableHeader?: string;
  /** Every piece of a table: its caption (`captionLines` of the prose above it on its page), one line each. */
  tableCaption?: string;
};

/** The header lines of a table block: through the Markdown `| --- |` separator, else its first line. */
function tableHeaderOf(text: string): string {
  const lines = text.split("\n");
  const separator = lines.findIndex((line) => /^\s*\|?\s*:?-{3,}/.test(line));
  return (separator > 0 && separator <= 4 ? lines.slice(0, separator + 1) : lines.slice(0, 1)).join("\n");
}

const WHOLE_KINDS: ReadonlySet<BlockKind> = new Set(["table", "formula", "code"]);

function unitsOf(page: PageText, options: ChunkingOptions): Unit[] {
  const maxChars = options.maxTokens * 4;
  const units: Unit[] = [];
  // A split can leave a piece of whitespace alone (a 6,000-character "word" cut at its line break): no unit.
  const push = (spans: Span[], kind: BlockKind, table?: { header: string; caption: string }) =>
    spans
      .filter((s) => page.text.slice(s.start, s.end).trim())
      .forEach((s, i) => {
        const text = page.text.slice(s.start, s.end);
        units.push({
          ...s,
          page: page.page,
          kind,
          blockStart: i === 0,
          closed: kind !== "paragraph" && kind !== "list" ? true : /[.!?…:;]["'”’)\]]*$/u.test(text.trimEnd()),
          tokens: estimateTokens(text),
          ...(i > 0 && table ? { tableHeader: table.header } : {}),
          ...(table?.caption ? { tableCaption: table.caption } : {}),
        });
      });
  /** The prose blocks since the last table, formula or code block of the page: above the next table. */
  let above: string[] = [];
  for (const block of blocksOf(page.text)) {
    const size = block.end - block.start;
    const blockText = page.text.slice(block.start, block.end);
    if (isBoilerplate(blockText, block.kind)) continue;
    if (!WHOLE_KINDS.has(block.kind)) above.push(blockText);
    if (WHOLE_KINDS.has(block.kind)) {
      const pieces = size <= maxChars * 1.5 ? [block] : splitAtLines(page.text, block, maxChars);
      const table =
        block.kind === "table"
          ? { header: tableHeaderOf(blockText), caption: captionLines(above.join("\n")).join("\n") }
          : undefined;
      push(pieces, block.kind, table);
      above = [];
    } else if (block.kind === "heading") {
      push(size <= maxChars ? [block] : splitAtWords(page.text, block, maxChars), "heading");
    } else {
      const sentences = sentencesOf(page.text, block).flatMap((s) =>
        s.end - s.start <= maxChars ? [s] : splitAtWords(page.text, s, maxChars),
      );
      push(sentences, block.kind);
    }
  }
  return units;
}

function textOf(pages: Map<number, string>, first: Unit, last: Unit): string {
  if (first.page === last.page) return (pages.get(first.page) ?? "").slice(first.start, last.end);
  const parts = [(pages.get(first.page) ?? "").slice(first.start)];
  for (let p = first.page + 1; p < last.page; p++) {
    const text = pages.get(p);
    if (text) parts.push(text);
  }
  parts.push((pages.get(last.page) ?? "").slice(0, last.end));
  return parts.filter((p) => p.trim()).join("\n\n");
}

/** Chunks a document's pages (in page order). Deterministic: the same pages give the same chunks. */
export function chunkPages(pages: PageText[], options: ChunkingOptions = DEFAULT_CHUNKING): TextChunk[] {
  const byPage = new Map(pages.map((p) => [p.page, p.text]));
  const chunks: TextChunk[] = [];
  let current: Unit[] = [];
  let tokens = 0;
  /** How many units at the head of `current` were carried over from the previous chunk. */
  let carried = 0;
  /** The last heading seen (text), and the one in force when the current chunk began. */
  let heading: string | null = null;
  let headingAtStart: string | null = null;
  /** Set when a paragraph ran over a page break: the chunk closes at the next block boundary. */
  let closeAtBlock = false;

  const emit = () => {
    if (current.length > carried) {
      const first = current[0] as Unit;
      const last = current.at(-1) as Unit;
      const text = textOf(byPage, first, last);
      // The caption lines of the chunk's first table that the chunk does not hold: all of them for a later
      // piece, those the chunk before ended with for a first piece cut from its caption.
      const caption = current
        .find((u) => u.kind === "table")
        ?.tableCaption?.split("\n")
        .filter((line) => !text.includes(line))
        .join("\n");
      const parts = [
        first.kind === "heading" ? null : headingAtStart,
        caption || null,
        first.tableHeader ?? null,
      ].filter((part): part is string => !!part && !text.startsWith(part));
      // The heading in force is often the caption's last line ("Valores Correntes"): said once.
      const context = parts
        .filter((part, i) => !parts.some((other, j) => j !== i && other.includes(part) && (other !== part || j < i)))
        .join("\n\n");
      chunks.push({
        index: chunks.length,
        pageStart: first.page,
        pageEnd: last.page,
        startOffset: first.start,
        endOffset: last.end,
        text,
        context: context || null,
        tokenCount: estimateTokens(text),
      });
    }
  };

  const startNext = (withOverlap: boolean) => {
    const tail: Unit[] = [];
    let tailTokens = 0;
    const lastPage = current.at(-1)?.page;
    if (withOverlap) {
      for (let i = current.length - 1; i > 0; i--) {
        const unit = current[i] as Unit;
        if (unit.kind !== "paragraph" && unit.kind !== "list") break;
        // Overlap never reaches back over a page break: the next chunk starts on one page.
        if (unit.page !== lastPage) break;
        if (tailTokens + unit.tokens > options.overlapTokens) break;
        tail.unshift(unit);
        tailTokens += unit.tokens;
      }
    }
    current = tail;
    tokens = tailTokens;
    carried = tail.length;
    headingAtStart = heading;
    closeAtBlock = false;
  };

  for (const page of pages) {
    for (const unit of unitsOf(page, options)) {
      const fresh = current.length - carried;
      const last = current.at(-1);
      const newPage = last !== undefined && unit.page !== last.page;
      if (newPage) {
        // A page break is a boundary, unless the last sentence runs on into this page's first paragraph;
        // a chunk already over a break (or carried text only) closes here.
        const runsOver =
          fresh > 0 &&
          !closeAtBlock &&
          (current[0] as Unit).page === last.page &&
          unit.page === last.page + 1 &&
          tokens + unit.tokens <= options.maxTokens &&
          !last.closed &&
          (last.kind === "paragraph" || last.kind === "list") &&
          (unit.kind === "paragraph" || unit.kind === "list");
        if (runsOver) closeAtBlock = true;
        else {
          emit();
          startNext(false);
        }
      } else if (fresh > 0) {
        const overflow = tokens + unit.tokens > options.maxTokens;
        const sectionBreak = unit.kind === "heading" && tokens >= options.minTokensBeforeHeading;
        const fullAtBoundary = unit.blockStart && tokens >= options.targetTokens;
        const afterRunOver = closeAtBlock && unit.blockStart;
        if (overflow || sectionBreak || fullAtBoundary || afterRunOver) {
          // A heading at the very end of a chunk belongs to the text after it.
          const headings: Unit[] = [];
          while (current.length - carried > 1 && current.at(-1)?.kind === "heading")
            headings.unshift(current.pop() as Unit);
          tokens -= headings.reduce((sum, h) => sum + h.tokens, 0);
          emit();
          startNext(!sectionBreak && !headings.length && !afterRunOver);
          if (headings.length || tokens + unit.tokens > options.maxTokens) startNext(false);
          for (const h of headings) {
            current.push(h);
            tokens += h.tokens;
          }
        }
      } else if (carried > 0 && (unit.kind === "heading" || tokens + unit.tokens > options.maxTokens)) {
        // A new section does not start with the previous section's last sentences.
        startNext(false);
      }
      if (current.length === 0) headingAtStart = heading;
      if (unit.kind === "heading") heading = (byPage.get(unit.page) ?? "").slice(unit.start, unit.end).trim();
      current.push(unit);
      tokens += unit.tokens;
    }
  }
  emit();
  return chunks;
}

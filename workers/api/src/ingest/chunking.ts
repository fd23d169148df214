/**
 * Chunks that serve citations: structure-aware (a heading opens a chunk, paragraphs and list items are
 * not cut mid-sentence where avoidable, tables and display formulas stay whole), about 350–500 tokens
 * with a sentence-aligned overlap, and every chunk knows its page span and its character offsets into
 * the stored page text.
 */
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
  minTokensBeforeHeading: 250,
};

/** Roughly four characters per token for the scripts students use; cheap and deterministic. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

type Unit = Span & { page: number; kind: BlockKind; tokens: number; blockStart: boolean };

const WHOLE_KINDS: ReadonlySet<BlockKind> = new Set(["table", "formula", "code"]);

function unitsOf(page: PageText, options: ChunkingOptions): Unit[] {
  const maxChars = options.maxTokens * 4;
  const units: Unit[] = [];
  const push = (spans: Span[], kind: BlockKind) =>
    spans.forEach((s, i) => {
      units.push({
        ...s,
        page: page.page,
        kind,
        blockStart: i === 0,
        tokens: estimateTokens(page.text.slice(s.start, s.end)),
      });
    });
  for (const block of blocksOf(page.text)) {
    const size = block.end - block.start;
    if (WHOLE_KINDS.has(block.kind)) {
      push(size <= maxChars * 1.5 ? [block] : splitAtLines(page.text, block, maxChars), block.kind);
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

  const emit = () => {
    if (current.length > carried) {
      const first = current[0] as Unit;
      const last = current.at(-1) as Unit;
      const text = textOf(byPage, first, last);
      chunks.push({
        index: chunks.length,
        pageStart: first.page,
        pageEnd: last.page,
        startOffset: first.start,
        endOffset: last.end,
        text,
        tokenCount: estimateTokens(text),
      });
    }
  };

  const startNext = (withOverlap: boolean) => {
    const tail: Unit[] = [];
    let tailTokens = 0;
    if (withOverlap) {
      for (let i = current.length - 1; i > 0; i--) {
        const unit = current[i] as Unit;
        if (unit.kind !== "paragraph" && unit.kind !== "list") break;
        if (tailTokens + unit.tokens > options.overlapTokens) break;
        tail.unshift(unit);
        tailTokens += unit.tokens;
      }
    }
    current = tail;
    tokens = tailTokens;
    carried = tail.length;
  };

  for (const page of pages) {
    for (const unit of unitsOf(page, options)) {
      const fresh = current.length - carried;
      if (fresh > 0) {
        const overflow = tokens + unit.tokens > options.maxTokens;
        const sectionBreak = unit.kind === "heading" && tokens >= options.minTokensBeforeHeading;
        const fullAtBoundary = unit.blockStart && tokens >= options.targetTokens;
        if (overflow || sectionBreak || fullAtBoundary) {
          // A heading at the very end of a chunk belongs to the text after it.
          const headings: Unit[] = [];
          while (current.length - carried > 1 && current.at(-1)?.kind === "heading")
            headings.unshift(current.pop() as Unit);
          tokens -= headings.reduce((sum, h) => sum + h.tokens, 0);
          emit();
          startNext(!sectionBreak && !headings.length);
          if (headings.length || tokens + unit.tokens > options.maxTokens) startNext(false);
          for (const heading of headings) {
            current.push(heading);
            tokens += heading.tokens;
          }
        }
      } else if (carried > 0 && (unit.kind === "heading" || tokens + unit.tokens > options.maxTokens)) {
        // A new section does not start with the previous section's last sentences.
        startNext(false);
      }
      current.push(unit);
      tokens += unit.tokens;
    }
  }
  emit();
  return chunks;
}

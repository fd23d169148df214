// Property-based tests of the chunker on hostile text: arbitrary Unicode (RTL, CJK, zero-width, surrogate
// pairs, control characters), Markdown-ish structure, empty and whitespace pages, very long "words".
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chunkPages, DEFAULT_CHUNKING, estimateTokens, type PageText } from "./chunking";

const pieces = fc.constantFrom(
  "The pilot reported a loss of engine power. ",
  "O piloto relatou perda de potência do motor. ",
  "El piloto informó una pérdida de potencia. ",
  "قال الطيار إن المحرك توقف. ",
  "פתאום המנוע נכבה. ",
  "飞行员报告发动机失去动力。",
  "エンジンが停止しました。",
  "zero\u200Bwidth\u200Cjoin\u200Dand\uFEFFbom ",
  "\u202Eevil rtl override\u202C ",
  "😀🏳️‍🌈 emoji ",
  "\n\n",
  "\n",
  "# Heading\n",
  "## Sub heading\n",
  "- item one\n- item two\n",
  "1. first\n2. second\n",
  "| a | b |\n| --- | --- |\n| 1 | 2 |\n",
  "$$ E = mc^2 $$\n",
  "```\ncode block\n```\n",
  "   \t  ",
  "x".repeat(3000),
  "word ".repeat(700),
);
const pageText = fc.oneof(
  { weight: 4, arbitrary: fc.array(pieces, { maxLength: 40 }).map((p) => p.join("")) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 400 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 400 }) },
);
const documentPages = fc
  .array(pageText, { minLength: 1, maxLength: 6 })
  .map((texts): PageText[] => texts.map((text, i) => ({ page: i + 1, text })));

/** The text a chunk's span covers, rebuilt from the pages the way the chunker joins pages. */
function spanText(pages: PageText[], c: ReturnType<typeof chunkPages>[number]): string {
  const text = (p: number) => pages[p - 1]?.text ?? "";
  if (c.pageStart === c.pageEnd) return text(c.pageStart).slice(c.startOffset, c.endOffset);
  const parts = [text(c.pageStart).slice(c.startOffset)];
  for (let p = c.pageStart + 1; p < c.pageEnd; p++) parts.push(text(p));
  parts.push(text(c.pageEnd).slice(0, c.endOffset));
  return parts.filter((p) => p.trim()).join("\n\n");
}

describe("chunkPages properties", () => {
  it("offsets are valid, the span reproduces the text, at most two pages, monotonic spans, no empty chunk, bounded size", () => {
    fc.assert(
      fc.property(documentPages, (pages) => {
        const chunks = chunkPages(pages);
        let previousStart = 1;
        chunks.forEach((c, i) => {
          expect(c.index).toBe(i);
          expect(c.pageStart).toBeGreaterThanOrEqual(1);
          expect(c.pageEnd).toBeLessThanOrEqual(pages.length);
          expect(c.pageStart).toBeLessThanOrEqual(c.pageEnd);
          // Page-exact citations: a chunk spans one page, or two when a paragraph runs over the break.
          expect(c.pageEnd - c.pageStart).toBeLessThanOrEqual(1);
          expect(c.pageStart).toBeGreaterThanOrEqual(previousStart);
          previousStart = c.pageStart;
          expect(c.startOffset).toBeGreaterThanOrEqual(0);
          expect(c.startOffset).toBeLessThanOrEqual(pages[c.pageStart - 1]?.text.length ?? -1);
          expect(c.endOffset).toBeLessThanOrEqual(pages[c.pageEnd - 1]?.text.length ?? -1);
          if (c.pageStart === c.pageEnd) expect(c.startOffset).toBeLessThan(c.endOffset);
          expect(c.text.trim().length).toBeGreaterThan(0);
          expect(c.text).toBe(spanText(pages, c));
          expect(c.tokenCount).toBe(estimateTokens(c.text));
          // A table, formula or code block is kept whole up to 1.5 × max per page; a chunk that runs over
          // a page break may add the next page's first unit.
          expect(c.tokenCount).toBeLessThanOrEqual(
            DEFAULT_CHUNKING.maxTokens * 1.5 * (c.pageEnd - c.pageStart + 1) + 2,
          );
        });
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic, and blank pages give no chunk", () => {
    fc.assert(
      fc.property(documentPages, (pages) => {
        expect(chunkPages(pages)).toEqual(chunkPages(pages.map((p) => ({ ...p }))));
      }),
      { numRuns: 100 },
    );
    expect(chunkPages([{ page: 1, text: "" }])).toEqual([]);
    expect(chunkPages([{ page: 1, text: " \n\t\n " }])).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { chunkPages, DEFAULT_CHUNKING, estimateTokens, type PageText } from "./chunking";
import { cleanPages, normalizePageText, removeRepeatedMargins, splitIntoSections } from "./page-text";

const sentence = (i: number) =>
  `Sentence number ${i} explains how the cell converts light into chemical energy with great care.`;
const paragraph = (from: number, n: number) => Array.from({ length: n }, (_, i) => sentence(from + i)).join(" ");

function sliceOf(pages: PageText[], c: ReturnType<typeof chunkPages>[number]) {
  const byPage = new Map(pages.map((p) => [p.page, p.text]));
  if (c.pageStart === c.pageEnd) return byPage.get(c.pageStart)?.slice(c.startOffset, c.endOffset);
  return undefined;
}

describe("chunkPages", () => {
  const pages: PageText[] = [
    { page: 1, text: `# Photosynthesis\n\n${paragraph(1, 12)}\n\n${paragraph(13, 12)}` },
    { page: 2, text: `${paragraph(25, 10)}\n\n## Respiration\n\n${paragraph(35, 14)}` },
    {
      page: 3,
      text: `| Organelle | Function |\n| --- | --- |\n| Mitochondrion | Respiration |\n| Chloroplast | Photosynthesis |\n\n${paragraph(49, 6)}`,
    },
  ];
  const chunks = chunkPages(pages);

  it("sizes chunks around 350–500 tokens and never above the maximum", () => {
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) expect(c.tokenCount).toBeLessThanOrEqual(DEFAULT_CHUNKING.maxTokens);
    const full = chunks.slice(0, -1).filter((c) => c.tokenCount >= 250);
    expect(full.length).toBeGreaterThan(0);
  });

  it("gives every chunk a page span and offsets that reproduce its text from the page", () => {
    for (const c of chunks) {
      expect(c.pageStart).toBeLessThanOrEqual(c.pageEnd);
      const slice = sliceOf(pages, c);
      if (slice !== undefined) expect(slice).toBe(c.text);
      else {
        expect(c.text.startsWith(pages[c.pageStart - 1]?.text.slice(c.startOffset, c.startOffset + 30) ?? "x")).toBe(
          true,
        );
        expect(
          c.text.endsWith(pages[c.pageEnd - 1]?.text.slice(Math.max(0, c.endOffset - 30), c.endOffset) ?? "x"),
        ).toBe(true);
      }
    }
  });

  it("cuts between sentences, overlaps the previous chunk and starts a new section at a heading", () => {
    for (const c of chunks) {
      expect(c.text).toMatch(/^(#|\||Sentence number \d+ )/);
      expect(c.text).toMatch(/(care\.|\|)$/);
    }
    const overlapping = chunks.slice(1).filter((c, i) => {
      const previous = chunks[i];
      return previous && c.text.slice(0, 60) && previous.text.includes(c.text.slice(0, 60));
    });
    expect(overlapping.length).toBeGreaterThan(0);
    expect(chunks.some((c) => c.text.startsWith("## Respiration"))).toBe(true);
  });

  it("keeps a table whole in one chunk", () => {
    const holding = chunks.filter((c) => c.text.includes("| Mitochondrion |"));
    expect(holding.length).toBeGreaterThan(0);
    for (const c of holding)
      expect(c.text).toContain(
        "| Organelle | Function |\n| --- | --- |\n| Mitochondrion | Respiration |\n| Chloroplast | Photosynthesis |",
      );
  });

  it("is deterministic and does not cut after abbreviations", () => {
    expect(chunkPages(pages)).toEqual(chunks);
    const abbreviations = chunkPages(
      [{ page: 1, text: `${"See Fig. 3 and e.g. Dr. Silva on p. 4 for details. ".repeat(60)}` }],
      {
        ...DEFAULT_CHUNKING,
        maxTokens: 120,
        targetTokens: 100,
      },
    );
    for (const c of abbreviations) expect(c.text).toMatch(/^See Fig\. 3/);
  });

  it("splits a single over-long sentence at words instead of failing", () => {
    const long = [{ page: 1, text: "word ".repeat(5000).trim() }];
    const parts = chunkPages(long);
    expect(parts.length).toBeGreaterThan(5);
    for (const c of parts) expect(estimateTokens(c.text)).toBeLessThanOrEqual(DEFAULT_CHUNKING.maxTokens);
  });
});

describe("page text clean-up", () => {
  it("normalises to NFC, joins hyphenation at line ends, expands ligatures and drops soft hyphens", () => {
    const raw =
      "Estat\u0131\u0301stica e\u0301 a\u0300 base da photo-\nsynthesis \uFB01eld with soft\u00ADhyphen.\r\n\r\n\r\nNext   paragraph.";
    const text = normalizePageText(raw);
    expect(text).toBe("Estatı́stica é à base da photosynthesis field with softhyphen.\n\nNext paragraph.");
    expect(text).toBe(text.normalize("NFC"));
    expect(normalizePageText("well-\nKnown")).toBe("well-\nKnown");
  });

  it("removes running headers, footers and page numbers but keeps body lines", () => {
    const pages = Array.from({ length: 4 }, (_, i) =>
      [
        `Page ${i + 1} of 4 DEN08WA042`,
        "Biology course notes",
        "",
        `Body text unique to page ${i + 1}.`,
        "",
        `${i + 1}`,
      ].join("\n"),
    );
    const cleaned = removeRepeatedMargins(pages.map(normalizePageText));
    cleaned.forEach((p, i) => {
      expect(p).toBe(`Body text unique to page ${i + 1}.`);
    });
    // Two pages are too few to call anything a running header, but bare page numbers still go.
    expect(cleanPages(["Title\nA\n1", "Title\nB\n2"])).toEqual(["Title\nA", "Title\nB"]);
  });

  it("cuts page-less text into sections at paragraph boundaries", () => {
    const text = Array.from({ length: 30 }, (_, i) => paragraph(i * 3, 3)).join("\n\n");
    const sections = splitIntoSections(text, 1000);
    expect(sections.length).toBeGreaterThan(5);
    expect(sections.join("\n\n")).toBe(normalizePageText(text));
    for (const s of sections) expect(s.startsWith("Sentence")).toBe(true);
  });
});

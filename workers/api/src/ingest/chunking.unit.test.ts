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

  it("makes no chunk of the whitespace a cut leaves after a very long word (found by the property test)", () => {
    const text = `The pilot reported a loss of engine power. \`\`\`\ncode block\n\`\`\`\n${"x".repeat(6000)}\n\n`;
    const chunks = chunkPages([
      { page: 1, text },
      { page: 2, text: "" },
    ]);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.text.trim()).not.toBe("");
    expect(chunks.at(-1)?.text).toBe("x".repeat(2000));
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

describe("chunkPages: page-exact chunks", () => {
  it("never spans more than two pages, even when every page is short", () => {
    const pages = Array.from({ length: 9 }, (_, i) => ({ page: i + 1, text: `Short page ${i + 1} says little.` }));
    const chunks = chunkPages(pages);
    expect(chunks).toHaveLength(9);
    for (const c of chunks) expect(c.pageEnd - c.pageStart).toBe(0);
  });

  it("lets a paragraph that runs over a page break finish on the next page, and no further", () => {
    const pages: PageText[] = [
      { page: 1, text: `${paragraph(1, 3)} The company invested in next generation products and` },
      { page: 2, text: `services across every region.\n\n${paragraph(10, 3)}` },
      { page: 3, text: paragraph(20, 2) },
    ];
    const chunks = chunkPages(pages);
    const over = chunks.find((c) => c.text.includes("next generation products and"));
    expect(over).toMatchObject({ pageStart: 1, pageEnd: 2 });
    expect(over?.text).toContain("services across every region.");
    expect(over?.text).not.toContain("Sentence number 10 ");
    for (const c of chunks) expect(c.pageEnd - c.pageStart).toBeLessThanOrEqual(1);
    expect(chunks.find((c) => c.text.includes("Sentence number 10 "))).toMatchObject({ pageStart: 2, pageEnd: 2 });
  });

  it("does not carry overlap over a page break", () => {
    const pages: PageText[] = [
      { page: 1, text: paragraph(1, 30) },
      { page: 2, text: paragraph(40, 30) },
    ];
    for (const c of chunkPages(pages)) expect(c.pageStart).toBe(c.pageEnd);
  });

  it("gives a chunk inside a long table the table's header rows and the section heading as context", () => {
    const rows = Array.from({ length: 120 }, (_, i) => `| Item ${i} | ${1000 + i} | ${2000 + i} |`).join("\n");
    const pages: PageText[] = [
      { page: 1, text: `## Net sales by category\n\n| Category | Q1 2024 | Q1 2023 |\n| --- | --- | --- |\n${rows}` },
    ];
    const chunks = chunkPages(pages);
    expect(chunks.length).toBeGreaterThan(1);
    const later = chunks.at(-1);
    expect(later?.text.startsWith("| Item")).toBe(true);
    expect(later?.context).toBe("## Net sales by category\n\n| Category | Q1 2024 | Q1 2023 |\n| --- | --- | --- |");
    expect(chunks[0]?.context).toBeNull();
  });

  it("keeps tables of contents, filing check boxes and signatures out of the chunks", () => {
    const pages: PageText[] = [
      {
        page: 1,
        text: [
          "TABLE OF CONTENTS",
          "Financial Statements ........ 3\nManagement's Discussion ........ 12\nRisk Factors ........ 20",
          "Indicate by check mark whether the registrant has filed all reports required to be filed.",
          paragraph(1, 2),
          "SIGNATURES",
          "/s/ Jane Roe\nChief Financial Officer",
        ].join("\n\n"),
      },
    ];
    const text = chunkPages(pages)
      .map((c) => c.text)
      .join("\n");
    expect(text).toContain("Sentence number 1 ");
    for (const gone of ["TABLE OF CONTENTS", "........", "check mark", "SIGNATURES", "/s/"])
      expect(text).not.toContain(gone);
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

  it("joins a number broken at its hyphen at a line's end, keeping the hyphen (a file number)", () => {
    expect(normalizePageText("la demande de démolition 2023-\n0379;")).toBe("la demande de démolition 2023-0379;");
    expect(normalizePageText("pages 12 -\n14")).toBe("pages 12 -\n14");
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

  it("removes a running header whose page number is glued to it on some pages and spaced on others", () => {
    // The Federal Register's header, as pdf.js gives it: "47699Federal Register / …" on one page,
    // "47700 \tFederal Register / …" on the next, none on the first; neither spelling is on half the pages.
    const header = "Federal Register / Vol. 85, No. 152 / Thursday, August 6, 2020 / Proposed Rules";
    const pages = Array.from({ length: 7 }, (_, i) =>
      [
        i ? `${47697 + i}${i % 2 ? " \t" : ""}${header}` : "Proposed Rules",
        "",
        `Body text unique to page ${i + 1}.`,
      ].join("\n"),
    );
    cleanPages(pages).forEach((p, i) => {
      expect(p).toBe(`${i ? "" : "Proposed Rules\n\n"}Body text unique to page ${i + 1}.`);
    });
  });

  it("cuts page-less text into sections at paragraph boundaries", () => {
    const text = Array.from({ length: 30 }, (_, i) => paragraph(i * 3, 3)).join("\n\n");
    const sections = splitIntoSections(text, 1000);
    expect(sections.length).toBeGreaterThan(5);
    expect(sections.join("\n\n")).toBe(normalizePageText(text));
    for (const s of sections) expect(s.startsWith("Sentence")).toBe(true);
  });
});

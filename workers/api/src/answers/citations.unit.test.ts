import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCitationStream, quoteFor, validateCitations } from "./citations";
import { promptSources } from "./prompt";
import { singlePagePassage } from "./types";

const passages = promptSources(
  [1, 2, 3].map((n) =>
    singlePagePassage({
      chunkId: `chk_${n}`,
      documentId: `doc_${n}`,
      documentTitle: `Report ${n}`,
      pageStart: n,
      text: `Passage ${n} text.`,
      score: 1 / n,
    }),
  ),
);

describe("validateCitations", () => {
  it("keeps valid markers and returns their citations in order of first use", () => {
    const result = validateCitations("The engine failed [2]. The pilot survived [1, 2].", passages);
    expect(result.text).toBe("The engine failed [2]. The pilot survived [1, 2].");
    expect(result.citations.map((c) => c.n)).toEqual([2, 1]);
    expect(result.citations[0]).toEqual({
      n: 2,
      chunkId: "chk_2",
      documentId: "doc_2",
      documentTitle: "Report 2",
      pageStart: 2,
      pageEnd: 2,
      page: 2,
      quote: "Passage 2 text.",
    });
  });

  it("numbers one source per page and quotes, from the cited page, the sentence the claim is about", () => {
    const twoPages = {
      ...singlePagePassage({
        chunkId: "c",
        documentId: "d",
        documentTitle: "Report",
        pageStart: 4,
        text: "",
        score: 1,
      }),
      pageEnd: 5,
      segments: [
        { page: 4, text: "Net sales rose in every region. The engine failed at cruise altitude." },
        { page: 5, text: "| Region | Q1 2024 |\n| --- | --- |\n| Europe | 24,123 |\n| Japan | 7,767 |" },
      ],
    };
    const sources = promptSources([twoPages]);
    expect(sources.map((s) => s.page)).toEqual([4, 5]);
    const { citations } = validateCitations("The engine failed while cruising [1]. Japan made 7,767 [2].", sources);
    expect(citations).toMatchObject([
      { n: 1, page: 4, pageStart: 4, pageEnd: 5, quote: "The engine failed at cruise altitude." },
      { n: 2, page: 5, quote: "| Japan | 7,767 |" },
    ]);
    expect(quoteFor(sources[0] as (typeof sources)[number], "")).toBe("Net sales rose in every region.");
  });

  it("drops markers that point to no retrieved passage, with the spaces before them", () => {
    expect(validateCitations("Made up [7]. Zero [0]. Mixed [3, 9].", passages)).toMatchObject({
      text: "Made up. Zero. Mixed [3].",
    });
    expect(validateCitations("Nothing [4][5] here", passages).text).toBe("Nothing here");
  });

  it("understands ranges and odd spacing, and leaves other brackets alone", () => {
    expect(validateCitations("See [ 1 ,3 ] and [1-3] and [2–9].", passages).text).toBe(
      "See [1, 3] and [1, 2, 3] and [2, 3].",
    );
    expect(validateCitations("In [2024] the array a[x] and [note] stayed.", passages).text).toBe(
      "In [2024] the array a[x] and [note] stayed.",
    );
    expect(validateCitations("Ranges too wide [1-99] vanish.", passages).text).toBe("Ranges too wide vanish.");
  });

  it("uses nothing when there are no passages", () => {
    expect(validateCitations("A claim [1].", [])).toEqual({ text: "A claim.", citations: [] });
  });
});

describe("createCitationStream", () => {
  function streamed(chunks: string[]) {
    const stream = createCitationStream(passages);
    const out = chunks.map((chunk) => stream.push(chunk)).join("") + stream.flush();
    return { text: out, citations: stream.citations() };
  }

  it("drops an invalid marker split across deltas", () => {
    expect(streamed(["The engine failed ", "[", "9", "]. It ", "restarted [", "1]."]).text).toBe(
      "The engine failed. It restarted [1].",
    );
  });

  it("holds back only what could still become a marker", () => {
    const stream = createCitationStream(passages);
    expect(stream.push("Hello wor")).toBe("Hello wor");
    expect(stream.push("ld [")).toBe("ld");
    expect(stream.push("2")).toBe("");
    expect(stream.push("] ok")).toBe(" [2] ok");
    expect(stream.flush()).toBe("");
  });

  it("property: any split of any text streams to exactly the batch result", () => {
    const alphabet = fc.constantFrom("a", " ", "\t", "\n", "[", "]", "1", "2", "3", "9", ",", "-", ".", "x");
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((chars) => chars.join("")),
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 8 }),
        (text, cuts) => {
          const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((from, i) => text.slice(from, [...points, text.length][i]));
          const batch = validateCitations(text, passages);
          const stream = streamed(chunks);
          expect(stream.text).toBe(batch.text);
          expect(stream.citations).toEqual(batch.citations);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

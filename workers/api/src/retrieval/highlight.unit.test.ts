import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { highlightRanges } from "./highlight";
import { queryTerms } from "./normalize";

const marked = (text: string, query: string) =>
  highlightRanges(text, query).map(([start, end]) => text.slice(start, end));

describe("highlightRanges", () => {
  it("matches stemmed, case- and diacritic-insensitive forms and returns original offsets", () => {
    const text = "Os AVIÕES pousaram; the Pilots' landing was hard.";
    expect(marked(text, "avião piloto landed")).toEqual(["AVIÕES", "Pilots", "landing"]);
    const [[start, end] = [0, 0]] = highlightRanges(text, "aviao");
    expect([start, end]).toEqual([3, 9]);
  });

  it("ignores stop words of the query but not of the text", () => {
    expect(marked("The engine of the airplane", "what about the engine?")).toEqual(["engine"]);
  });

  it("keeps offsets right around decomposed letters, zero-width characters and emoji", () => {
    const text = "😀 cafe\u0301 pi\u200Blot ✈️";
    expect(marked(text, "café pilot")).toEqual(["cafe\u0301", "pi\u200Blot"]);
  });

  it("merges overlapping CJK bigrams into one range", () => {
    expect(marked("我在東京大学学习", "東京大学")).toEqual(["東京大学"]);
  });

  it("accepts precomputed terms and returns nothing for an empty query", () => {
    expect(marked("Engine failure", "")).toEqual([]);
    expect(highlightRanges("Engine failure", queryTerms("engines"))).toEqual([[0, 6]]);
  });

  it("property: ranges are sorted, disjoint and inside the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 150 }), fc.string({ maxLength: 30 }), (text, query) => {
        let last = -1;
        for (const [start, end] of highlightRanges(text, `${query} ${text.slice(0, 20)}`)) {
          expect(start).toBeGreaterThan(last);
          expect(end).toBeGreaterThan(start);
          expect(end).toBeLessThanOrEqual(text.length);
          last = end;
        }
      }),
      { numRuns: 300 },
    );
  });

  it("property: a text highlights all of its own non-stop-word tokens", () => {
    const word = fc.constantFrom("Aviões", "pilotos", "ENGINE", "landing", "decisão", "runway", "東京", "طيار");
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const text = words.join(" ");
        expect(marked(text, text)).toEqual(words);
      }),
    );
  });
});

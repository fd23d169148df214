import { describe, expect, it } from "vitest";
import { deterministicRejection } from "../documents/rejection";
import { cutLongText, SECTION_CHARS, splitIntoSections } from "./page-text";

describe("sections of text without blank lines", () => {
  it("cuts at line breaks first, then sentence ends, then spaces, then anywhere; never above the limit", () => {
    const lines = "A line of notes about cells.\n".repeat(500);
    const sentences = "A sentence about energy. ".repeat(500);
    const words = "word ".repeat(3000);
    const endless = "x".repeat(10_000);
    for (const text of [lines, sentences, words, endless]) {
      const pieces = cutLongText(text, 1000);
      for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(1000);
      expect(pieces.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
    }
    expect(cutLongText(lines, 1000).every((p) => p.endsWith("cells."))).toBe(true);
    expect(cutLongText(sentences, 1000).every((p) => p.endsWith("energy."))).toBe(true);
    expect(cutLongText(words, 1000).every((p) => p.endsWith("word"))).toBe(true);
  });

  it("never splits a surrogate pair", () => {
    const emoji = "🧬".repeat(1000);
    for (const piece of cutLongText(emoji, 333)) expect(piece).toMatch(/^(🧬)+$/u);
  });

  it("a 1 MB text with no blank line becomes about 250 sections of at most SECTION_CHARS", () => {
    const text = "Photosynthesis converts light into chemical energy.\n".repeat(20_000);
    const sections = splitIntoSections(text);
    expect(sections.length).toBeGreaterThanOrEqual(Math.ceil(text.length / SECTION_CHARS));
    expect(Math.max(...sections.map((s) => s.length))).toBeLessThanOrEqual(SECTION_CHARS);
  });

  it("treats text too large for storage as a deterministic rejection, other errors as temporary", () => {
    expect(deterministicRejection(new Error("D1_ERROR: string or blob too big: SQLITE_TOOBIG"))?.code).toBe(
      "too_large",
    );
    expect(deterministicRejection(new Error("D1 is briefly unavailable"))).toBeUndefined();
  });
});

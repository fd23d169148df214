import { describe, expect, it } from "vitest";
import { answerKey, frontKey, matchesAccepted } from "./normalize";

describe("normalised fronts and answers", () => {
  it("makes fronts differing only in case, accents, punctuation and spacing the same key", () => {
    expect(frontKey("What is ATP?")).toBe(frontKey("  what IS   atp "));
    expect(frontKey("O que é fotossíntese?")).toBe("o que e fotossintese");
    expect(frontKey("What is ATP?")).not.toBe(frontKey("What is ADP?"));
  });

  it("matches short answers ignoring case, diacritics, punctuation and articles (en, pt, es)", () => {
    expect(matchesAccepted("The Mitochondria!", ["mitochondria"])).toBe(true);
    expect(matchesAccepted("a fotossíntese", ["Fotossintese"])).toBe(true);
    expect(matchesAccepted("los cloroplastos", ["cloroplastos"])).toBe(true);
    expect(matchesAccepted("ribosome", ["mitochondria", "the mitochondrion"])).toBe(false);
    expect(matchesAccepted("", ["a"])).toBe(false);
    expect(matchesAccepted("...", ["mitochondria"])).toBe(false);
  });

  it("keeps an answer made only of articles rather than matching everything", () => {
    expect(answerKey("A")).toBe("a");
    expect(matchesAccepted("a", ["b"])).toBe(false);
  });
});

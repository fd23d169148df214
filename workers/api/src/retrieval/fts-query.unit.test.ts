import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ftsString, toFtsMatch } from "./fts-query";

/** Quoted strings (inner quotes doubled) joined by " OR ", an optional * after the last one only. */
const GRAMMAR = /^"(?:[^"]|"")+"(?: OR "(?:[^"]|"")+")*\*?$/u;

describe("toFtsMatch", () => {
  it("quotes each stemmed term and joins them with OR", () => {
    expect(toFtsMatch("What caused the engine failures?")).toBe('"caus" OR "engin" OR "failur"');
  });

  it("optionally makes the last term a prefix", () => {
    expect(toFtsMatch("runway len", { prefixLast: true })).toBe('"runway" OR "len"*');
  });

  it("returns null when nothing searchable is left", () => {
    for (const text of ["", "   ", '"', "*", "((", "-", ":", "^", "😀🔥", "…?!"]) expect(toFtsMatch(text)).toBeNull();
  });

  it("turns FTS5 syntax into plain words", () => {
    // English stop words (a, or, not) are dropped; without a language they stay, as quoted plain words.
    expect(toFtsMatch('"a OR b" NOT c')).toBe('"b" OR "c"');
    expect(toFtsMatch('"a OR b" NOT c', { lang: "other" })).toBe('"a" OR "or" OR "b" OR "not" OR "c"');
    expect(toFtsMatch("NEAR(engine fire, 2)")).toBe('"near" OR "engin" OR "fire" OR "2"');
    expect(toFtsMatch("body:engine -fire ^pilot engine*")).toBe('"body" OR "engin" OR "fire" OR "pilot"');
  });

  it("escapes quotes inside a string literal", () => {
    expect(ftsString('say "hi"')).toBe('"say ""hi"""');
  });

  it("property: any input gives null or the strict quoted-OR grammar", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 300 }),
          fc
            .array(
              fc.constantFrom('"', "*", "NEAR(", "AND", "OR", "NOT", "-", ":", "^", "(", ")", " ", "x", "é", "東"),
              {
                maxLength: 40,
              },
            )
            .map((parts) => parts.join("")),
        ),
        fc.boolean(),
        (text, prefixLast) => {
          const match = toFtsMatch(text, { prefixLast });
          if (match !== null) expect(match).toMatch(GRAMMAR);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences";

const texts = (text: string) => splitSentences(text).map((s) => s.text);

describe("splitSentences", () => {
  it("splits on terminal punctuation followed by a capital", () => {
    expect(texts("The pilot landed. The airplane bounced! Was it hard? Yes… It was.")).toEqual([
      "The pilot landed.",
      "The airplane bounced!",
      "Was it hard?",
      "Yes…",
      "It was.",
    ]);
  });

  it("does not split abbreviations, initials and decimals", () => {
    expect(
      texts("Dr. Smith met Robert J. Gretz in the U.S. Army at 3.5 p.m. yesterday. The visibility was 0.7 miles."),
    ).toEqual([
      "Dr. Smith met Robert J. Gretz in the U.S. Army at 3.5 p.m. yesterday.",
      "The visibility was 0.7 miles.",
    ]);
    expect(texts("A Sra. Silva e o Dr. Souza chegaram. Depois, e.g. ontem, saíram.")).toEqual([
      "A Sra. Silva e o Dr. Souza chegaram.",
      "Depois, e.g. ontem, saíram.",
    ]);
  });

  it("holds numbered abbreviations only before a number", () => {
    expect(texts("See Fig. 3 and No. 5 on p. 12. Ele foi ao mar. Depois voltou.")).toEqual([
      "See Fig. 3 and No. 5 on p. 12.",
      "Ele foi ao mar.",
      "Depois voltou.",
    ]);
  });

  it("handles Spanish openers and quotes", () => {
    expect(texts('Dijo "perdí el control." ¿Por qué? ¡No sé!')).toEqual([
      'Dijo "perdí el control."',
      "¿Por qué?",
      "¡No sé!",
    ]);
  });

  it("joins wrapped lines and splits form fields, lists and headings", () => {
    const page = [
      "Analysis",
      "The pilot, age 85, was attempting to land at his private airstrip. While on",
      "final approach for the turf strip, the airplane contacted trees.",
      "Findings",
      "1. OBJECT - TREE(S)",
      "2. (C) ALTITUDE/CLEARANCE - MISJUDGED",
      "Location: Tallahassee, FL Accident Number: NYC08CA055",
      "Date & Time: 12/08/2007, 1730 EST Registration: N5921D",
    ].join("\n");
    expect(texts(page)).toEqual([
      "Analysis",
      "The pilot, age 85, was attempting to land at his private airstrip.",
      "While on final approach for the turf strip, the airplane contacted trees.",
      "Findings",
      "1. OBJECT - TREE(S)",
      "2. (C) ALTITUDE/CLEARANCE - MISJUDGED",
      "Location: Tallahassee, FL Accident Number: NYC08CA055",
      "Date & Time: 12/08/2007, 1730 EST Registration: N5921D",
    ]);
  });

  it("joins a label alone on its line to the value on the next, unless that is a heading or a field", () => {
    // The French municipal record of the trial (2023-06-20-PV, page 1), and NTSB forms' empty fields.
    const page = [
      "Secrétaire :",
      "Mme Ariane Bélanger, greffière adjointe, Service du greffe",
      "",
      "Flight Time:",
      "Aircraft and Owner/Operator Information",
      "Precipitation and Obscuration:",
      "Departure Point: Belen, NM (E80)",
    ].join("\n");
    expect(texts(page)).toEqual([
      "Secrétaire : Mme Ariane Bélanger, greffière adjointe, Service du greffe",
      "Flight Time:",
      "Aircraft and Owner/Operator Information",
      "Precipitation and Obscuration:",
      "Departure Point: Belen, NM (E80)",
    ]);
  });

  it("returns offsets into the original text", () => {
    const text = "  First one.  Second\n one.\n\nThird";
    const sentences = splitSentences(text);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual(["First one.", "Second\n one.", "Third"]);
    expect(sentences.map((s) => s.text)).toEqual(["First one.", "Second one.", "Third"]);
  });

  it("property: sentences are ordered, disjoint, non-empty and cover all non-space text", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom("The", "pilot", "Dr.", "U.S.", "3.5", ".", "?", "\n", "\n\n", " ", "Wind:", "1.", "é"),
          {
            maxLength: 40,
          },
        ),
        (parts) => {
          const text = parts.join(" ");
          const sentences = splitSentences(text);
          let last = 0;
          for (const s of sentences) {
            expect(s.start).toBeGreaterThanOrEqual(last);
            expect(s.text.length).toBeGreaterThan(0);
            last = s.end;
          }
          const kept = sentences.map((s) => s.text.replace(/\s/g, "")).join("");
          expect(kept).toBe(text.replace(/\s/g, ""));
        },
      ),
    );
  });
});

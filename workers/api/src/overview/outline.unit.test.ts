import { describe, expect, it } from "vitest";
import { outlineWith } from "../../test/outline-helpers";
import { STOP_WORDS } from "../retrieval/language";
import { headingsOf, keyPhrasesOf } from "./outline";
import { candidateQuestions } from "./suggest";

const stop = new Set([...STOP_WORDS.en, ...STOP_WORDS.pt, ...STOP_WORDS.es]);

describe("a document's outline without a model", () => {
  it("finds key phrases: frequent runs of non-stop-words, a longer phrase over the words it holds", () => {
    const text =
      "Cellular respiration makes ATP. Cellular respiration needs oxygen. The mitochondria run cellular respiration. Mitochondria divide. Oxygen is used.";
    const phrases = keyPhrasesOf(text, stop);
    expect(phrases[0]).toBe("Cellular respiration");
    expect(phrases.map((p) => p.toLowerCase())).toContain("mitochondria");
    expect(phrases.map((p) => p.toLowerCase())).not.toContain("respiration");
    // Once only, numbers and short words never make a phrase.
    expect(keyPhrasesOf("Photosynthesis 2024 2024 ab ab.", stop)).toEqual([]);
  });

  it("shows a phrase as the text writes it in lower case, and reads no table header", () => {
    // A label in capitals on every chart, the word once in a sentence: asked, it would be "What is RELEASES?".
    const text = "RELEASES\nRELEASES\nRELEASES\nThe facility releases pollutants to air.";
    expect(keyPhrasesOf(text, stop)).toEqual(["releases"]);
    // Capitals only (an acronym) stay as they are.
    expect(keyPhrasesOf("BTEX limits. BTEX levels.", stop)).toContain("BTEX");
    // An address's lower case is not how the text writes the word.
    expect(keyPhrasesOf("NTSB reports. NTSB data. Write to pubinq@ntsb.gov or www.ntsb.gov/x.", stop)).toContain(
      "NTSB",
    );
    const header = "| | THRESHOLD to air | THRESHOLD to water |\n| --- | --- | --- |";
    const tables = [1, 2, 3].map((n) => `${header}\n| Benzene | ${n} | ${n} |`).join("\n\n");
    expect(keyPhrasesOf(tables, stop)).toEqual(["Benzene"]);
  });

  it("collects headings in order, once, from chunk heads, contexts and whole texts", () => {
    expect(
      headingsOf([
        { head: "# Cells\nCells are small.", context: null },
        { head: "They divide.", context: "Cells" },
        { head: "x", context: null, text: "Intro text.\n\n## Energy\n\nATP.\n\nPHOTOSYNTHESIS\n\nLight." },
      ]),
    ).toEqual(["Cells", "Energy", "PHOTOSYNTHESIS"]);
  });

  it("lists no form field or footnote as a section (an NTSB report's lines, read whole)", () => {
    const text = [
      "Aviation Accident Final Report",
      "Location: Belen, NM Accident Number: DEN08CA034",
      "Pilot Information",
      "Flight Time: 1364 hours (Total, all aircraft)",
      "(*) Excludes refunds",
      "The pilot said the airplane veered left.",
    ].join("\n\n");
    expect(headingsOf([{ head: "x", context: null, text }])).toEqual([
      "Aviation Accident Final Report",
      "Pilot Information",
    ]);
  });

  it("lists no masthead line, date, code, label or running header as a section (a Federal Register rule)", () => {
    // The first lines of 85 FR 47698 (Federal Register Vol. 85, No. 152, a proposed FAA rule; public domain).
    const page = (n: number) =>
      [
        "Proposed Rules Federal Register",
        ...(n === 1 ? ["Vol. 85, No. 152", "Thursday, August 6, 2020", "DEPARTMENT OF TRANSPORTATION"] : []),
        ...(n === 1 ? ["14 CFR Part 39", "RIN 2120–AA64", "SUPPLEMENTARY INFORMATION:"] : ["FAA’s Determination"]),
        "The FAA proposes to supersede an airworthiness directive.",
        // Its footnotes, each a line of its own: cut mid-sentence, or a sentence.
        ...(n === 2
          ? ["3 An airplane’s nose-up or nose-down attitude is", "8 MCAS is a function of the Speed Trim System"]
          : []),
      ].join("\n\n");
    expect(
      headingsOf(
        [1, 2].map((n) => ({ head: "x", context: null, text: page(n) })),
        new Set(["proposed rules federal register"]),
      ),
    ).toEqual(["DEPARTMENT OF TRANSPORTATION", "FAA’s Determination"]);
  });

  it("lists no reference of a bibliography as a section (a CDC report's references, read whole)", () => {
    // MMWR Supplement Vol. 60 (2011), page 65, as stored (public domain): each reference opens its own line.
    const text = [
      "References",
      "1. Heron M, Hoyert DL, Murphy SL, Xu JQ, Kochanek KD, Tejada-",
      "Vera B. Deaths: final data for 2006. Natl Vital Stat Rep 2009;57(14).",
    ].join("\n\n");
    expect(headingsOf([{ head: "x", context: null, text }])).toEqual([]);
  });

  it("turns headings and phrases into questions in the document's language, skipping parts and form fields", () => {
    const outline = (language: "en" | "pt" | "es", headings: string[], keyPhrases: string[]) =>
      outlineWith({
        headings,
        keyPhrases,
        language,
        // Headings its prose does not discuss (the last of a document's topics before its key phrases), and
        // the key phrases of several words that name a thing, as documentTopics keeps them.
        topics: {
          defined: [],
          headings: [],
          phrases: [],
          rest: headings,
          named: keyPhrases.filter((p) => p.includes(" ")).map((phrase) => ({ phrase, article: null, plural: false })),
          words: [],
        },
      });
    expect(
      candidateQuestions([
        outline(
          "en",
          ["Introduction", "2.1 Cell division", "How do cells divide", "Location: Paris", "93350 Le Bourget"],
          ["mitosis", "cell cycle"],
        ),
        outline("pt", ["Fotossíntese"], []),
        outline("es", ["RESPIRACIÓN CELULAR"], []),
      ]),
    ).toEqual([
      "What is Cell division?",
      "O que é Fotossíntese?",
      "¿Qué es respiración celular?",
      "How do cells divide?",
      // A single frequent word ("mitosis") is asked only when the prose defines it or a heading names it.
      "What is cell cycle?",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { extractiveAnswer, notCovered } from "./extractive";
import type { Passage } from "./types";

const PAGE_1 = `Analysis
The pilot, age 85, was attempting to land a Piper PA-22-150 at his private airstrip. While on
final approach for the 1,500-foot-long turf strip, the airplane contacted trees, then utility wires,
and came to rest upright. The reported weather about the time of the accident included calm
winds, a broken ceiling at 9,000 feet, and visibility 10 miles. The pilot reported a total flight
experience of 2,319 hours; of which, most was in the same make and model as the accident
airplane.
Probable Cause and Findings
The National Transportation Safety Board determines the probable cause(s) of this accident to be:
The pilot's misjudged clearance over obstacles during final approach.`;

const PAGE_2 = `Engine Manufacturer: Lycoming
ELT: Installed, not activated Engine Model/Series: O-320
Registered Owner: Willis O Forman Rated Power:`;

function passage(n: number, text: string, extra: Partial<Passage> = {}): Passage {
  return {
    chunkId: `chk_${n}`,
    documentId: "doc_ntsb",
    documentTitle: "NYC08CA055",
    pageStart: n,
    pageEnd: n,
    text,
    score: 1 / n,
    ...extra,
  };
}

describe("extractiveAnswer", () => {
  it("quotes the best covering sentences with numbered citations mapped to passages", () => {
    const answer = extractiveAnswer("What did the airplane contact on final approach?", [
      passage(1, PAGE_1),
      passage(2, PAGE_2),
    ]);
    expect(answer.mode).toBe("extractive");
    expect(answer.text).toContain("the airplane contacted trees, then utility wires, and came to rest upright. [1]");
    expect(answer.citations[0]).toMatchObject({ n: 1, chunkId: "chk_1", pageStart: 1, pageEnd: 1 });
    expect(answer.citations[0]?.quote).toContain("contacted trees");
    expect(answer.text.length).toBeLessThanOrEqual(720);
  });

  it("numbers citations in order of use and cites each passage once", () => {
    const answer = extractiveAnswer("Which engine model and manufacturer? What was the probable cause?", [
      passage(1, PAGE_2),
      passage(2, PAGE_1),
    ]);
    const markers = [...answer.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(new Set(markers)).toEqual(new Set(answer.citations.map((c) => c.n)));
    expect(answer.citations.map((c) => c.n)).toEqual([1, 2].slice(0, answer.citations.length));
    expect(answer.citations[0]?.chunkId).toBe("chk_1");
    expect(answer.text).toMatch(/O-320/);
  });

  it("picks 2 to 4 sentences within the length budget and never repeats a sentence from overlapping chunks", () => {
    const overlap = PAGE_1.slice(PAGE_1.indexOf("While on"));
    const answer = extractiveAnswer("pilot final approach accident weather", [passage(1, PAGE_1), passage(2, overlap)]);
    const sentences = answer.text.split(/ \[\d+\] ?/).filter(Boolean);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.length).toBeLessThanOrEqual(4);
    expect(new Set(sentences).size).toBe(sentences.length);
    expect(answer.text.length).toBeLessThanOrEqual(720);
  });

  it("cuts a single overlong sentence at a word boundary", () => {
    const long = `The engine ${"failed and restarted ".repeat(80)}finally.`;
    const answer = extractiveAnswer("engine", [passage(1, long)], { maxChars: 200 });
    expect(answer.citations).toHaveLength(1);
    expect(answer.text).toMatch(/… \[1\]$/);
    expect(answer.text.length).toBeLessThanOrEqual(210);
  });

  it("answers a Portuguese question from English material through shared stems", () => {
    const answer = extractiveAnswer("Qual o modelo do motor Lycoming?", [passage(1, PAGE_2)]);
    expect(answer.citations).toHaveLength(1);
    expect(answer.text).toContain("Lycoming");
  });

  it("says honestly when nothing covers the question, in the question's language", () => {
    const passages = [passage(1, PAGE_1)];
    expect(extractiveAnswer("How does photosynthesis work?", passages)).toEqual({
      mode: "extractive",
      text: "The material does not seem to cover this question.",
      citations: [],
    });
    expect(extractiveAnswer("Como funciona a fotossíntese?", passages).text).toBe(
      "O material não parece abordar esta pergunta.",
    );
    expect(extractiveAnswer("¿Cómo funciona la fotosíntesis?", passages).text).toBe(
      "El material no parece cubrir esta pregunta.",
    );
    expect(extractiveAnswer("", passages).citations).toEqual([]);
    expect(extractiveAnswer("engine", []).citations).toEqual([]);
    expect(notCovered("e o motor?").text).toBe("O material não parece abordar esta pergunta.");
  });
});

describe("extractiveAnswer on headings", () => {
  it("does not quote a bare heading", () => {
    const answer = extractiveAnswer("What was the probable cause?", [passage(1, PAGE_1)]);
    expect(answer.text).not.toContain("Probable Cause and Findings");
    expect(answer.text).toContain("misjudged clearance over obstacles during final approach. [1]");
  });
});

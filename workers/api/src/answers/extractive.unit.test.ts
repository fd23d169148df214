import { describe, expect, it } from "vitest";
import { extractiveAnswer, notCovered } from "./extractive";
import { type Passage, singlePagePassage } from "./types";

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
  const base = singlePagePassage({
    chunkId: `chk_${n}`,
    documentId: "doc_ntsb",
    documentTitle: "NYC08CA055",
    pageStart: n,
    text,
    score: 1 / n,
  });
  return { ...base, ...extra };
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

  it("numbers citations in order of use, one per quoted sentence", () => {
    const answer = extractiveAnswer("Which engine model and manufacturer? What was the probable cause?", [
      passage(1, PAGE_2),
      passage(2, PAGE_1),
    ]);
    const markers = [...answer.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(new Set(markers)).toEqual(new Set(answer.citations.map((c) => c.n)));
    expect(answer.citations.map((c) => c.n)).toEqual(answer.citations.map((_, i) => i + 1));
    expect(answer.citations.map((c) => c.chunkId)).toContain("chk_1");
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

  it("never cuts a sentence: an overlong one gives way to a complete one", () => {
    const long = `The engine ${"failed and restarted ".repeat(80)}finally.`;
    const answer = extractiveAnswer("Why did the engine stop?", [
      passage(1, `${long} The engine stopped because of fuel exhaustion.`),
    ]);
    expect(answer.text).toBe("The engine stopped because of fuel exhaustion. [1]");
    expect(answer.text).not.toContain("…");
  });

  it("answers a Portuguese question from English material through shared stems", () => {
    const answer = extractiveAnswer("Qual o modelo do motor Lycoming?", [passage(1, PAGE_2)]);
    expect(answer.citations.length).toBeGreaterThanOrEqual(1);
    // "What is the model of the Lycoming engine?": the model line, found in the Lycoming report.
    expect(answer.text).toContain("O-320");
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

const STATEMENT = `## Condensed Consolidated Statements of Operations

| | Three Months Ended December 28, 2024 | Three Months Ended December 30, 2023 |
| --- | --- | --- |
| Products | 97,960 | 96,458 |
| Services | 26,340 | 23,117 |
| Total net sales | 124,300 | 119,575 |`;

describe("extractiveAnswer on tables, question types and pages", () => {
  it("answers an amount question with the table row under its column headers, cited to its page", () => {
    const prose = "Wearables, Home and Accessories net sales decreased due to lower sales of Wearables.";
    const answer = extractiveAnswer("What was the total net sales in the quarter?", [
      passage(4, STATEMENT, { documentTitle: "Apple 10-Q" }),
      passage(2, prose, { documentTitle: "Apple 10-Q" }),
    ]);
    expect(answer.text.startsWith("From the table on page 4 [1]:")).toBe(true);
    expect(answer.text).toContain(
      "|  | Three Months Ended December 28, 2024 | Three Months Ended December 30, 2023 |\n| --- | --- | --- |\n| Total net sales | 124,300 | 119,575 |",
    );
    expect(answer.citations[0]).toMatchObject({ n: 1, page: 4, quote: "| Total net sales | 124,300 | 119,575 |" });
  });

  it("takes a table's headers from the chunk's context when the chunk starts inside the table", () => {
    const answer = extractiveAnswer("How much were Services in Q1 2025?", [
      passage(5, "| Services | 26,340 | 23,117 |\n| Products | 97,960 | 96,458 |", {
        context: "| Category | Q1 2025 | Q1 2024 |\n| --- | --- | --- |",
      }),
    ]);
    expect(answer.text).toContain(
      "| Category | Q1 2025 | Q1 2024 |\n| --- | --- | --- |\n| Services | 26,340 | 23,117 |",
    );
  });

  it("prefers a cause for 'what caused', and leads with the best sentence", () => {
    const text =
      "The accident happened on a clear day near the airport. The accident was caused by the pilot's failure to maintain airspeed. The airplane was destroyed.";
    const answer = extractiveAnswer("What caused the accident?", [passage(1, text)]);
    expect(answer.text.startsWith("The accident was caused by the pilot's failure to maintain airspeed. [1]")).toBe(
      true,
    );
  });

  it("cites the page a sentence starts on when it runs over a page break, quoting only that page", () => {
    const overBreak: Passage = {
      ...passage(7, ""),
      pageEnd: 8,
      segments: [
        { page: 7, text: "Revenue grew. The company invested heavily in next generation products and" },
        { page: 8, text: "services for its customers.\n\nOther matters followed." },
      ],
    };
    const answer = extractiveAnswer("What did the company invest in?", [overBreak]);
    expect(answer.text).toContain(
      "The company invested heavily in next generation products and services for its customers. [1]",
    );
    expect(answer.citations[0]).toMatchObject({
      page: 7,
      pageStart: 7,
      pageEnd: 8,
      quote: "The company invested heavily in next generation products and",
    });
  });

  it("says not covered for off-topic questions that share a common word with the material", () => {
    const filing = passage(
      1,
      "Working capital increased to $12 billion. Capital expenditures were $2 billion in the quarter. The company returned capital to shareholders.",
    );
    expect(extractiveAnswer("What is the capital of Australia?", [filing]).citations).toEqual([]);
    expect(extractiveAnswer("Qual é a capital da Austrália?", [filing]).text).toBe(
      "O material não parece abordar esta pergunta.",
    );
    expect(extractiveAnswer("What were capital expenditures in the quarter?", [filing]).citations).toHaveLength(1);
  });

  it("weighs the document a question names", () => {
    const answer = extractiveAnswer("What were Intel's net revenues?", [
      passage(1, "Net revenues were $13.3 billion, down 7 percent.", { documentTitle: "AMD 10-Q", documentId: "amd" }),
      passage(2, "Net revenues were $14.3 billion, up 3 percent.", {
        documentTitle: "Intel 10-Q",
        documentId: "intel",
      }),
    ]);
    expect(answer.citations[0]?.documentId).toBe("intel");
  });
});

// A court transcript's caption as extraction reads it (Knowles v. Mirzayance, No. 07-1315, argued 13 January 2009;
// a U.S. Supreme Court record): its line numbers and names make a table whose rows hold little else.
describe("a row that says nothing but the question's word is no answer", () => {
  const CAPTION = [
    "| | | | |",
    "| --- | --- | --- | --- |",
    "| 4 | WARDEN, | : | |",
    "| 5 | Petitioner | : | |",
    "| 6 | v. | : | No. 07-1315 |",
  ].join("\n");
  const APPEARANCES =
    "APPEARANCES:\n\nSTEVEN E. MERCER, ESQ., Deputy Attorney General, Los Angeles, Cal.; on behalf of the Petitioner.";

  it("answers with the sentence that names who spoke, not the caption's row", () => {
    const answer = extractiveAnswer("Who argued for the petitioner?", [passage(1, CAPTION), passage(2, APPEARANCES)]);
    expect(answer.citations).toHaveLength(1);
    expect(answer.citations[0]?.quote).toContain("STEVEN E. MERCER");
    expect(answer.text).not.toContain("| 5 | Petitioner");
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { fixture } from "../../test/helpers";
import { extractPdfPages, openPdf } from "../ingest/extract-pdf";
import { cleanPages } from "../ingest/page-text";
import { answerUnits } from "./answer-units";
import { extractiveAnswer } from "./extractive";
import { type Passage, singlePagePassage } from "./types";

// NTSB report DEN08CA034 (fixtures/ntsb/20080102X00005.pdf, public domain), its pages as ingestion stores them:
// a form whose PDF puts two fields on a line, with empty fields ("Occupational Pilot: Last Flight Review or
// Equivalent:") and a value wrapped onto a second line inside a bracket ("26 hours (Last 90 days,⏎all
// aircraft)"). A new user asked it the question below and got the Flight Time field cut at "(Last 90 days,"
// and that label-only line as a second citation. The passages are the pages in the order search returned them.
const REPORT = "20080102X00005";
/** Two more reports on the same form: DFW08WA043 (Arteaga) with empty fields, SEA08CA049 (Death Valley). */
const OTHERS = ["20080108X00029", "20071231X02009"];
const stored = new Map<string, string[]>();
let pages: string[] = [];
const squash = (text: string) => text.replace(/\s+/g, " ").trim();

function passage(page: number, text = pages[page - 1] ?? "", report = REPORT): Passage {
  return singlePagePassage({
    chunkId: `${report}:${page}`,
    documentId: report,
    documentTitle: report,
    pageStart: page,
    text,
    score: 1 / page,
  });
}

const retrieved = () => [2, 1, 3, 4].map((p) => passage(p));
const pageOf = (report: string, page: number) => passage(page, stored.get(report)?.[page - 1] ?? "", report);

beforeAll(async () => {
  for (const report of [REPORT, ...OTHERS]) {
    const pdf = await openPdf(fixture(`ntsb/${report}.pdf`));
    stored.set(report, cleanPages(await extractPdfPages(pdf, 1, pdf.numPages)));
  }
  pages = stored.get(REPORT) ?? [];
});

describe("extractive answers on a form (NTSB DEN08CA034)", () => {
  it("the page holds the wrapped field and the empty ones (the text these tests stand on)", () => {
    expect(pages[1]).toContain("26 hours (Last 90 days,\nall aircraft), 5 hours (Last 30 days, all aircraft)");
    expect(pages[1]).toContain("\nOccupational Pilot: Last Flight Review or Equivalent:\n");
  });

  it("answers the flight experience with the whole Flight Time field and cites no label-only line", () => {
    const answer = extractiveAnswer("How many hours of flight experience did the pilot have?", retrieved());
    expect(answer.citations[0]?.quote).toBe(
      "Flight Time: 1364 hours (Total, all aircraft), 14 hours (Total, this make and model), 26 hours (Last 90 days, all aircraft), 5 hours (Last 30 days, all aircraft)",
    );
    expect(answer.text).not.toContain("Occupational Pilot");
    for (const c of answer.citations) {
      expect(c.quote).not.toMatch(/:$/);
      expect(squash(pages[c.page - 1] ?? "")).toContain(c.quote);
    }
  });

  it("cuts no sentence inside a bracket or mid value the next line completes", () => {
    const units = answerUnits(retrieved()).map((u) => u.text);
    for (const text of units) expect(text.split("(").length, text).toBe(text.split(")").length);
    expect(units).toContain("Other Aircraft Rating(s): Balloon Restraint Used: Seatbelt, Shoulder harness");
    expect(units).toContain(
      "Note: This accident report documents the factual circumstances of this accident as described to the NTSB.",
    );
  });

  it("a passage that ends inside a bracket is cut back to its last whole item, with an ellipsis", () => {
    const page = pages[1] ?? "";
    const end = page.indexOf("(Last 90 days,") + "(Last 90 days,".length;
    const answer = extractiveAnswer("How many hours of flight experience did the pilot have?", [
      passage(2, page.slice(0, end)),
    ]);
    const first = "Flight Time: 1364 hours (Total, all aircraft), 14 hours (Total, this make and model)";
    expect(answer.text).toContain(`${first} … [1]`);
    expect(answer.citations[0]?.quote).toBe(first);
  });

  it("a line whose only match is an empty field's label is not an answer", () => {
    // "Instructor Rating(s): Toxicology Performed:" names toxicology and says nothing about it.
    const answer = extractiveAnswer("Was toxicology performed on the pilot?", retrieved());
    expect(answer.citations.map((c) => c.quote)).not.toContain("Instructor Rating(s): Toxicology Performed:");
    // A label and nothing else is no candidate at all.
    expect(answerUnits(retrieved()).map((u) => u.text)).not.toContain("Additional Participating Persons:");
  });

  it("other lines of the same form show where an empty field's label starts: dropped alone, cut off a value", () => {
    const [other, french] = OTHERS as [string, string];
    expect(stored.get(other)?.[2]).toContain("\nAirport Elevation: Runway Surface Condition:\n");
    expect(stored.get(french)?.[1]).toContain("\nLanding Gear Type: Tricycle Seats:\n");
    expect(pages[1]).toContain("\nLanding Gear Type: Tailwheel Seats:\n");
    const units = answerUnits([pageOf(other, 3), passage(3), pageOf(french, 2), passage(2)]).map((u) => u.text);
    expect(units).toContain("Airport Elevation: 5194 ft Runway Surface Condition: Dry");
    expect(units).not.toContain("Airport Elevation: Runway Surface Condition:");
    expect(units).toContain("Landing Gear Type: Tricycle");
    expect(units).toContain("Landing Gear Type: Tailwheel");
    const answer = extractiveAnswer("What was the airport elevation?", [pageOf(other, 3), passage(3)]);
    expect(answer.citations[0]?.quote).toBe("Airport Elevation: 5194 ft Runway Surface Condition: Dry");
    for (const c of answer.citations) expect(c.quote).not.toMatch(/:$/);
  });
});

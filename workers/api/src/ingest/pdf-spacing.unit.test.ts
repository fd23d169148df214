import { describe, expect, it } from "vitest";
import { pageTextFromItems } from "./extract-pdf";
import { pageSpacing } from "./pdf-spacing";
import type { PositionedItem } from "./pdf-tables";

const CHAR = 6; // a 12-point font's average character width

/** One line of text at (x, y), ending its line as pdf.js marks it. */
function line(str: string, x: number, y: number, height = 12): PositionedItem {
  return { str, transform: [height, 0, 0, height, x, y], width: str.length * CHAR, height, hasEOL: true };
}

/** Lines placed one under another: each entry is [text, x, extra space above it in points]. */
function page(lines: [string, number, number?][], advance: number, top = 700, height = 12): PositionedItem[] {
  let y = top + advance;
  return lines.map(([text, x, extra = 0]) => {
    y -= advance + extra;
    return line(text, x, y, height);
  });
}

const noTables = () => false;

// An essay page in Word's double spacing (12 pt, 27.6 pt a line): paragraphs start with a 0.5-inch indent
// and no extra space (MLA/APA), and a section after a blank double-spaced line.
const DOUBLE = 27.6;
const essay = page(
  [
    ["The committee met in the spring to review the", 108],
    ["proposal, which had been delayed twice by the funding", 72],
    ["office and once by the dean.", 72],
    ["Its report recommends three changes to the", 108],
    ["schedule and a new budget line for the next", 72],
    ["two years.", 72],
    ["The vote was unanimous.", 108],
    ["The dean agreed.", 108],
    ["Methods", 72, DOUBLE],
    ["We interviewed twelve members of the", 108],
    ["committee over four weeks in the autumn term.", 72],
  ],
  DOUBLE,
);

describe("pageTextFromItems on a double-spaced page", () => {
  it("keeps a paragraph's lines together and starts a paragraph at an indent (one-line paragraphs too) or a blank line", () => {
    expect(pageTextFromItems(essay)).toBe(
      [
        "The committee met in the spring to review the\nproposal, which had been delayed twice by the funding\noffice and once by the dean.",
        "Its report recommends three changes to the\nschedule and a new budget line for the next\ntwo years.",
        "The vote was unanimous.",
        "The dean agreed.",
        "Methods\nWe interviewed twelve members of the\ncommittee over four weeks in the autumn term.",
      ].join("\n\n"),
    );
  });

  it("keeps a hanging indent's continuation with its line (a transcript's appearances)", () => {
    const transcript = page(
      [
        ["APPEARANCES:", 126],
        ["STEVEN E. MERCER, ESQ., Deputy Attorney General, Los", 126],
        ["Angeles, Cal.; on behalf of the Petitioner.", 147.6],
        ["CHARLES M. SEVILLA, ESQ., San Diego, Cal.; on behalf", 126],
        ["of the Respondent.", 147.6],
        ["1", 320, 180],
      ],
      25.8,
    );
    expect(pageTextFromItems(transcript)).toBe(
      "APPEARANCES:\nSTEVEN E. MERCER, ESQ., Deputy Attorney General, Los\nAngeles, Cal.; on behalf of the Petitioner.\n" +
        "CHARLES M. SEVILLA, ESQ., San Diego, Cal.; on behalf\nof the Respondent.\n\n1",
    );
  });

  it("treats 1.5 spacing the same way, with a 12-point space after a paragraph as its end", () => {
    const items = page(
      [
        ["The first paragraph of the chapter runs over", 72],
        ["two lines of the page.", 72],
        ["The second paragraph follows it after a space", 72, 12],
        ["of twelve points and runs over three lines", 72],
        ["before it ends.", 72],
      ],
      20.7,
    );
    expect(pageTextFromItems(items)).toBe(
      "The first paragraph of the chapter runs over\ntwo lines of the page.\n\n" +
        "The second paragraph follows it after a space\nof twelve points and runs over three lines\nbefore it ends.",
    );
  });

  it("measures the usual advance from body lines, and none on a single-spaced page", () => {
    expect(pageSpacing(essay, noTables)?.advance).toBeCloseTo(DOUBLE);
    expect(pageSpacing(essay, noTables)?.left).toBe(72);
    const single = page(
      [
        ["A single-spaced paragraph whose lines run", 72],
        ["to the margin, one after the other, with", 72],
        ["an advance of 1.2 text heights.", 72],
        ["A second paragraph after a blank line that", 72, 14.4],
        ["runs on for a while.", 72],
      ],
      14.4,
    );
    expect(pageSpacing(single, noTables)).toBe(undefined);
  });

  it("measures no spacing from short lines: a statement's rows of labels 1.7 heights apart", () => {
    // Rows a double-spaced page's height apart, but no line runs to the margin: nothing wraps, so their
    // steps are no line spacing (a Chinese quarterly report's balance sheet, pdfplumber issue 67).
    const rows = page(
      [
        ["Accounts payable 40,017.86 40,017.86", 72],
        ["Reinsurance payable", 72],
        ["Insurance reserves", 72],
        ["Deposits received", 72],
        ["Current liabilities 391,871,936.60", 72],
      ],
      20,
    );
    expect(pageSpacing(rows, noTables)).toBe(undefined);
    expect(pageTextFromItems(rows)).toBe(rows.map((r) => r.str).join("\n\n"));
  });
});

describe("pageTextFromItems on single-spaced pages, as before", () => {
  // The text the rule of 1.6 heights wrote before the spacing was measured (checked against it).
  it("writes a single-spaced page byte for byte as before", () => {
    const items = [
      ...page(
        [
          ["INTRODUCTION", 72],
          ["The first paragraph of a report, set in", 72, 6],
          ["single spacing with its lines 14.4 points", 72],
          ["apart.", 72],
          ["An indented paragraph that the old rule", 90],
          ["kept with the one before.", 72],
          ["A paragraph after a blank line.", 72, 14.4],
        ],
        14.4,
      ),
      { ...line("Name:", 72, 560), hasEOL: false },
      line("Value", 200, 560),
    ];
    expect(pageTextFromItems(items)).toBe(
      "INTRODUCTION\n\nThe first paragraph of a report, set in\nsingle spacing with its lines 14.4 points\napart.\n" +
        "An indented paragraph that the old rule\nkept with the one before.\n\nA paragraph after a blank line.\n\nName:\tValue",
    );
  });

  it("keeps a form's rows apart: rows of labelled values 1.9 heights apart are not double spacing", () => {
    // The NTSB reports: 9-point rows 17.4 points apart, each "Label: value" with column gaps, and values
    // that wrap at 10.4 points.
    const row = (label: string, value: string, y: number): PositionedItem[] => [
      { ...line(label, 54, y, 9), hasEOL: false },
      line(value, 240, y, 9),
    ];
    const items = [
      ...row("Certificate:", "Private", 649.5),
      ...row("Airplane Rating(s):", "Single-engine Land", 632),
      ...row("Other Aircraft Rating(s):", "None", 614.6),
      ...row("Instrument Rating(s):", "None", 597.2),
      ...row("Flight Time:", "2319 hours (Total, all aircraft), 2313 hours", 579.8),
      line("(Total, this make and model), 17 hours", 240, 569.4, 9),
    ];
    expect(pageSpacing(items, noTables)).toBe(undefined);
    expect(pageTextFromItems(items)).toBe(
      "Certificate:\tPrivate\n\nAirplane Rating(s):\tSingle-engine Land\n\nOther Aircraft Rating(s):\tNone\n\n" +
        "Instrument Rating(s):\tNone\n\nFlight Time:\t2319 hours (Total, all aircraft), 2313 hours\n" +
        "(Total, this make and model), 17 hours",
    );
  });
});

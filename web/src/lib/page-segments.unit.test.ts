import { describe, expect, it } from "vitest";
import { findQuote } from "./answers";
import { pageSegments } from "./page-segments";

// CDC's Table 6 page as ingestion stores it (MMWR Supplement Vol. 60, public domain): caption, table, notes.
const PAGE = `tABLE 6. number of deaths and age-adjusted death rates* for
coronary heart disease and stroke, by state/area

| State/Area | Coronary heart disease no. | Coronary heart disease Rate |
| --- | --- | --- |
| Hawaii | 1,298 | 85.2 |
| Minnesota | 4,430 | 79.7 |
| Utah | 1,462 | 77.5 |

Abbreviation: CI = conidence interval.`;

describe("a page's text with its tables", () => {
  it("shows a table as cells, the cited row marked, the prose around it as text", () => {
    const segments = pageSegments(PAGE, findQuote(PAGE, "| Minnesota | 4,430 | 79.7 |"));
    expect(segments.map((s) => s.kind)).toEqual(["text", "table", "text"]);
    const table = segments[1];
    if (table?.kind !== "table") throw new Error("no table");
    expect(table.header).toEqual(["State/Area", "Coronary heart disease no.", "Coronary heart disease Rate"]);
    expect(table.rows.map((r) => [r.cells[0], r.marked])).toEqual([
      ["Hawaii", false],
      ["Minnesota", true],
      ["Utah", false],
    ]);
    expect(segments[0]).toMatchObject({ kind: "text", quote: "" });
    expect(segments[2]).toMatchObject({ kind: "text", quote: "", after: "\nAbbreviation: CI = conidence interval." });
  });

  it("marks a cited sentence in the prose and loses no character of the page", () => {
    const segments = pageSegments(PAGE, findQuote(PAGE, "Abbreviation: CI = conidence interval."));
    const last = segments.at(-1);
    // findQuote leaves a quote's closing full stop out of the mark.
    expect(last).toMatchObject({ kind: "text", quote: "Abbreviation: CI = conidence interval" });
    const prose = segments.flatMap((s) => (s.kind === "text" ? [s.before + s.quote + s.after] : []));
    expect(prose.join("")).toBe(PAGE.replace(/\| .*\|\n?/g, ""));
  });

  it("leaves a page without tables as one text, and a lone pipe line as text", () => {
    expect(pageSegments("Cash | 12 |\nThe pilot said.", null)).toEqual([
      { kind: "text", before: "Cash | 12 |\nThe pilot said.", quote: "", after: "" },
    ]);
    expect(pageSegments("| a | b |\nplain", null)).toHaveLength(1);
  });

  it("shows a table whose header cells are all empty without a header row", () => {
    const [table] = pageSegments("| | |\n| --- | --- |\n| Back pain | 202 |", null);
    expect(table).toMatchObject({
      kind: "table",
      header: null,
      rows: [{ cells: ["Back pain", "202"], marked: false }],
    });
  });
});

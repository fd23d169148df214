import { describe, expect, it } from "vitest";
import { fixture, fixtureNames } from "../../test/helpers";
import { hasCell, type LabelledCell, tablesOf } from "../../test/table-score";
import { extractPdfPages, openPdf } from "./extract-pdf";
import { cleanPages } from "./page-text";
import { blocksOf } from "./text-blocks";

/** A fixture's pages as ingestion stores them (extracted, normalised, running headers removed). */
async function storedPages(name: string): Promise<string[]> {
  const pdf = await openPdf(fixture(name));
  return cleanPages(await extractPdfPages(pdf, 1, pdf.numPages));
}

/** Whether some Markdown table of the page holds the cell (row label, full column heading, value). */
function onPage(page: string | undefined, cell: LabelledCell): boolean {
  return tablesOf(page ?? "").some((t) => hasCell(t, cell));
}

// The public-domain documents of fixtures/tables (README.source.md there) are not in the repository
// until they are copied in from shared/fixtures/tables; without them these tests cannot run.
const haveDocuments = fixtureNames("tables").length > 0;
/** Each test needs its own document: a partial copy skips the tests of the missing ones. */
const present = (name: string) => fixtureNames("tables").includes(name);
if (!haveDocuments) console.warn("fixtures/tables holds no PDFs: the real-document table tests are skipped");

describe.skipIf(!haveDocuments)("tables of real documents, as stored page text", () => {
  it.skipIf(!present("tables/us-009.pdf"))(
    "NSF indirect cost proposal: multi-line headings, footnote marks, empty cells",
    async () => {
      const [page] = await storedPages("tables/us-009.pdf");
      expect(onPage(page, ["Total Costs", "Non-Federal Programs (3)", "1,581,390"])).toBe(true);
      expect(onPage(page, ["Bad Debts", "Less: Exclusions & Unallowables", "10,000 (1)"])).toBe(true);
      expect(onPage(page, ["Telephone", "Total Direct Costs", "54,400"])).toBe(true);
      // The empty "Exclusions" cell of a row stays empty instead of pulling the next figure left.
      expect(onPage(page, ["Telephone", "Less: Exclusions & Unallowables", ""])).toBe(true);
    },
  );

  it.skipIf(!present("tables/us-026.pdf"))(
    "USGS abrasives: a heading spanning two year columns, dashes for zero, prose kept as prose",
    async () => {
      const [page] = await storedPages("tables/us-026.pdf");
      expect(onPage(page, ["China", "Fused aluminum oxide 2009", "700,000"])).toBe(true);
      expect(onPage(page, ["Japan", "Silicon carbide 2010", "60,000"])).toBe(true);
      expect(onPage(page, ["Argentina", "Fused aluminum oxide 2010", "—"])).toBe(true);
      expect(tablesOf(page ?? "")).toHaveLength(1);
      expect(page).toContain("\nadequate for the production of silicon carbide.");
    },
  );

  it.skipIf(!present("tables/12s0324.pdf"))(
    "Statistical Abstract: three heading levels, dot leaders, a wrapped row label, two tables",
    async () => {
      const [page] = await storedPages("tables/12s0324.pdf");
      expect(onPage(page, ["Murder and nonnegligent manslaughter", "Male Total", "9.0"])).toBe(true);
      expect(onPage(page, ["Runaways", "Female 18 years and over", "(X)"])).toBe(true);
      expect(onPage(page, ["Robbery", "Total Under 18 years", "25.5"])).toBe(true);
      expect(onPage(page, ["Violent crime", "White", "268,346"])).toBe(true);
      expect(tablesOf(page ?? "")).toHaveLength(2);
    },
  );

  it.skipIf(!present("tables/us-033.pdf"))(
    "NHANES population totals: group headings over Male/Female pairs, figures packed in one item",
    async () => {
      const pages = await storedPages("tables/us-033.pdf");
      expect(onPage(pages[0], ["All", "Total population", "251,097,002"])).toBe(true);
      expect(onPage(pages[0], ["12-19", "Mexican American Male", "1,180,160"])).toBe(true);
      expect(onPage(pages[0], ["12-19", "Mexican American Female", "1,173,272"])).toBe(true);
      expect(onPage(pages[1], ["80 +", "Proportion", "0.0336"])).toBe(true);
    },
  );

  it.skipIf(!present("tables/us-018.pdf"))(
    "NCES projections: Actual and Projected over their year columns, sections within a table",
    async () => {
      const pages = await storedPages("tables/us-018.pdf");
      expect(onPage(pages[0], ["Texas", "Actual 2008–09", "264,275"])).toBe(true);
      expect(onPage(pages[0], ["Ohio", "Projected 2009–10", "107,900"])).toBe(true);
      expect(onPage(pages[3], ["1999", "Number of new teacher hires Total", "305"])).toBe(true);
      expect(onPage(pages[3], ["2021", "Number of teachers Control Private", "457"])).toBe(true);
    },
  );

  it.skipIf(!present("tables/us-025.pdf"))(
    "CDC state table: read beside the next column's prose, which stays paragraph text",
    async () => {
      const pages = await storedPages("tables/us-025.pdf");
      expect(onPage(pages[3], ["Minnesota", "Coronary heart disease Rate", "79.7"])).toBe(true);
      expect(onPage(pages[3], ["District of Columbia", "Stroke no.", "221"])).toBe(true);
      expect(tablesOf(pages[3] ?? "")[0]?.rows).toHaveLength(51);
      expect(pages[3]).toContain("\nthe initiation and progression of hypertension and atherosclerosis.");
    },
  );

  it("keeps every table one chunking block of kind table", async () => {
    for (const name of fixtureNames("tables")) {
      for (const page of await storedPages(name)) {
        const tableBlocks = blocksOf(page).filter((b) => b.kind === "table");
        for (const table of page.split(/\n{2,}/).filter((b) => b.startsWith("| "))) {
          expect(
            tableBlocks.some((b) => page.slice(b.start, b.end) === table),
            name,
          ).toBe(true);
        }
      }
    }
  });
});

describe("the NTSB form reports", () => {
  it("yield no Markdown table: their label/value grids stay lines of text", async () => {
    expect(fixtureNames("ntsb").length).toBe(10);
    for (const name of fixtureNames("ntsb")) {
      for (const page of await storedPages(name)) expect(tablesOf(page), name).toEqual([]);
    }
  });
});

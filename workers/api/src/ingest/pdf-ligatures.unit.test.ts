import { describe, expect, it } from "vitest";
import { fixture, fixtureNames } from "../../test/helpers";
import { makePdf, type PdfFontEncoding } from "../../test/make-pdf";
import { extractPdfPages, openPdf } from "./extract-pdf";
import { cleanPages } from "./page-text";
import { ligatureOf, namesLigatureGlyphs } from "./pdf-ligatures";

/** A ToUnicode CMap: printable ASCII as itself, plus the given one-byte codes. */
function toUnicodeCMap(codes: Record<number, string>): string {
  const hex = (s: string) => [...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, "0")).join("");
  const chars = Object.entries(codes).map(
    ([code, text]) => `<${Number(code).toString(16).padStart(2, "0")}> <${hex(text)}>`,
  );
  return [
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test def",
    "1 begincodespacerange <00> <ff> endcodespacerange",
    `${chars.length} beginbfchar`,
    ...chars,
    "endbfchar",
    "1 beginbfrange <20> <7e> <0020> endbfrange",
    "endcmap CMapName currentdict /CMap defineresource pop end end",
  ].join("\n");
}

// Codes 28 and 29 are the glyphs `fi` and `fl`, as the CDC's MMWR reports encode them (with `ff`, `ffi`
// and `T_h`; the standard Helvetica this file names has widths for `fi` and `fl` only).
const LIGATURE_ENCODING = "<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [28 /fi /fl] >>";
const LINES = ["the \x1crst time", "a \x1dower in the \x1cle"];

async function pageText(font: PdfFontEncoding): Promise<string> {
  const pdf = await openPdf(makePdf([{ lines: LINES }], { font }));
  const [page] = cleanPages(await extractPdfPages(pdf, 1, 1));
  await pdf.destroy();
  return page ?? "";
}

describe("ligature glyphs whose ToUnicode names one letter", () => {
  it("spells them as their glyph names do", async () => {
    // The writer's mistake: `fi` → "i", `fl` → "l" (the last letter only).
    const text = await pageText({ encoding: LIGATURE_ENCODING, toUnicode: toUnicodeCMap({ 28: "i", 29: "l" }) });
    expect(text).toBe("the first time\na flower in the file");
  });

  it("keeps a ToUnicode that spells the ligature, and glyph names that name no ligature", async () => {
    const spelled = await pageText({ encoding: LIGATURE_ENCODING, toUnicode: toUnicodeCMap({ 28: "fi", 29: "fl" }) });
    expect(spelled).toBe("the first time\na flower in the file");
    const plain = "<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [28 /i /l] >>";
    expect(await pageText({ encoding: plain, toUnicode: toUnicodeCMap({ 28: "i", 29: "l" }) })).toBe(
      "the irst time\na lower in the ile",
    );
  });

  it("reads the glyph names a font can give a ligature", () => {
    expect(["fi", "fl", "ff", "ffi", "ffl", "f_f_i", "T_h", "uniFB01", "uniFB06", "fi.sc"].map(ligatureOf)).toEqual([
      "fi",
      "fl",
      "ff",
      "ffi",
      "ffl",
      "ffi",
      "Th",
      "fi",
      "st",
      "fi",
    ]);
    expect(["f", "i", "uniFB07", "uni0066", "a_", "_", "Th", "f_10"].map(ligatureOf)).toEqual(Array(8).fill(undefined));
  });

  it("reads a document glyph by glyph only when its file names a ligature glyph and has a ToUnicode", () => {
    const cmap = toUnicodeCMap({ 28: "i" });
    expect(
      namesLigatureGlyphs(makePdf([{ lines: LINES }], { font: { encoding: LIGATURE_ENCODING, toUnicode: cmap } })),
    ).toBe(true);
    expect(namesLigatureGlyphs(makePdf([{ lines: LINES }], { font: { encoding: LIGATURE_ENCODING } }))).toBe(false);
    expect(
      namesLigatureGlyphs(
        makePdf([{ lines: LINES }], { font: { encoding: "<< /Differences [28 /i] >>", toUnicode: cmap } }),
      ),
    ).toBe(false);
    expect(namesLigatureGlyphs(makePdf([{ lines: ["plain text"] }]))).toBe(false);
  });
});

// us-025.pdf (fixtures/tables, README.source.md there) is the CDC report of bench/answers; it is not in the
// repository until copied in from shared/fixtures/tables, and without it this test cannot run.
const haveReport = fixtureNames("tables").includes("tables/us-025.pdf");
if (!haveReport) console.warn("fixtures/tables has no us-025.pdf: the CDC ligature test is skipped");

describe.skipIf(!haveReport)("the CDC's MMWR report (us-025.pdf)", () => {
  it("reads fi, ff, fl and Th where its ToUnicode wrote one letter", async () => {
    const pdf = await openPdf(fixture("tables/us-025.pdf"));
    const [first = ""] = cleanPages(await extractPdfPages(pdf, 1, pdf.numPages));
    await pdf.destroy();
    expect(first).toContain("are the first and third leading causes of");
    expect(first).toContain("heart disease (631,636 deaths). The Healthy People 2010 objectives");
    expect(first).toContain("among different segments of the U.S. population");
    expect(first).toContain("Asians/Pacific Islanders");
    expect(first).toContain("nonoverlapping confidence intervals");
    expect(first).not.toMatch(/Paciic|speciic|diferen|conidence/);
  });
});

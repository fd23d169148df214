// Tests of bench/answers/answer-metrics.ts; they live here because vitest collects tests under workers/ only.
import { describe, expect, it } from "vitest";
import {
  citationSpan,
  citedPage,
  containsFact,
  formatRunTable,
  normalizeFact,
  precisionRecall,
  type QuestionRun,
  quoteOnPage,
  resultPages,
  summarizeRuns,
} from "../../../../bench/answers/answer-metrics";

describe("key facts", () => {
  it("drop thousands separators of either convention, keep decimals", () => {
    expect(normalizeFact("Total net sales 81,797")).toBe("total net sales 81797");
    expect(normalizeFact("1.658.610.787.122")).toBe("1658610787122");
    expect(normalizeFact("338.4 and 12559.72")).toBe("338.4 and 12559.72");
  });

  it("match across number formats, case and whitespace", () => {
    expect(containsFact("Receitas correntes:\n1.658.610.787.122", "1,658,610,787,122")).toBe(true);
    expect(containsFact("casos 4633 en 2018", "4,633")).toBe(true);
    expect(containsFact("Caused by  SALMONELLA\ttyphi", "Salmonella typhi")).toBe(true);
  });

  it("are not found inside a longer number or word", () => {
    expect(containsFact("Utah 1,462 77.5", "462")).toBe(false);
    expect(containsFact("rate 17.15", "17.1")).toBe(false);
    expect(containsFact("rate 17.1.", "17.1")).toBe(true);
    expect(containsFact("pollos", "pollo")).toBe(false);
    expect(containsFact("pan con pollo 135", "pollo")).toBe(true);
  });

  it("may touch a letter when the fact is a figure (PDF text glues footers to numbers)", () => {
    expect(containsFact("TOTAL 119.562.878.835Página 16", "119.562.878.835")).toBe(true);
    expect(containsFact("anything", "")).toBe(false);
  });
});

describe("citations", () => {
  it("a quote is found on its page after whitespace normalisation, ellipses aside", () => {
    const page = "The pilot reported\nthat the engine  lost power. Then it stopped.";
    expect(quoteOnPage("the engine lost power.", page)).toBe(true);
    expect(quoteOnPage("that the engine lost power…", page)).toBe(true);
    expect(quoteOnPage("...Then it stopped.", page)).toBe(true);
    expect(quoteOnPage("The engine lost power.", page)).toBe(false); // case counts: a quote is the page's text
    expect(quoteOnPage("…", page)).toBe(false);
  });

  it("the cited page is `page` when given, else pageStart; span counts pages", () => {
    expect(citedPage({ pageStart: 2, pageEnd: 4, page: 3 })).toBe(3);
    expect(citedPage({ pageStart: 2, pageEnd: 4 })).toBe(2);
    expect(citedPage({ pageStart: 2, pageEnd: 4, page: null })).toBe(2);
    expect(citationSpan({ pageStart: 2, pageEnd: 4 })).toBe(3);
    expect(resultPages("a.pdf", { pageStart: 3, pageEnd: 4 })).toEqual(["a.pdf#3", "a.pdf#4"]);
  });
});

describe("summaries", () => {
  it("precision and recall, undefined when nothing is predicted or to be found", () => {
    const pr = precisionRecall([
      { actual: true, predicted: true },
      { actual: true, predicted: false },
      { actual: false, predicted: true },
      { actual: false, predicted: false },
    ]);
    expect(pr).toEqual({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 });
    expect(precisionRecall([{ actual: false, predicted: false }])).toMatchObject({ precision: null, recall: null });
  });

  const run = (over: Partial<QuestionRun>): QuestionRun => ({
    lang: "en",
    offTopic: false,
    notCovered: false,
    quotesFound: 0,
    quotesChecked: 0,
    spans: [],
    ...over,
  });

  it("summarise on-topic retrieval and answers, and not-covered over both kinds", () => {
    const runs = [
      run({ hitAt5: true, factInAnswer: true, factCitedFirst: true, quotesFound: 1, quotesChecked: 2, spans: [1, 3] }),
      run({ hitAt5: false, factInAnswer: false, notCovered: true }),
      run({ offTopic: true, notCovered: true }),
      run({ offTopic: true, quotesFound: 0, quotesChecked: 1, spans: [2] }),
    ];
    const s = summarizeRuns(runs);
    expect(s).toMatchObject({
      questions: 2,
      offTopic: 2,
      hitAt5: 0.5,
      factInAnswer: 0.5,
      factCitedFirst: 0.5,
      quoteShare: 1 / 3,
    });
    expect(s).toMatchObject({ spanMean: 2, spanMax: 3, notCoveredPrecision: 0.5, notCoveredRecall: 0.5 });
    const table = formatRunTable([...runs, run({ lang: "pt", hitAt5: true, factInAnswer: true })], ["en", "pt", "es"]);
    expect(table.split("\n")).toHaveLength(5); // header, rule, en, pt, all (no es rows)
    expect(table).toContain("| all | 3 (+2) | 0.67 | 0.67 | 0.33 | 0.33 (1/3) | 2.00 / 3 | 0.50 / 0.50 |");
  });
});

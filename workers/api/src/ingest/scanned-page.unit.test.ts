import { describe, expect, it } from "vitest";
import { classifyPage, countRealWords, type PlacedImage } from "./scanned-page";

const pageImage: PlacedImage = { objId: "img_p0_1", width: 1275, height: 1650, coverage: 1 };
const figure: PlacedImage = { ...pageImage, coverage: 0.3 };
const prose =
  "Photosynthesis converts light energy into chemical energy in the chloroplasts of plant cells, where chlorophyll absorbs mostly blue and red light during the day.";

describe("scanned-page detection", () => {
  it("counts real words in English, Portuguese and non-Latin scripts, not consonant garbage", () => {
    expect(countRealWords("A fotossíntese converte a energia").words).toBe(3);
    expect(countRealWords("Фотосинтез превращает свет").words).toBe(3);
    expect(countRealWords("xq#lk zzkt 0x4f &&% qwrtp").words).toBe(0);
  });

  it("a page-sized image with a few words is a scan; with real prose it is a text page", () => {
    expect(classifyPage("", [pageImage])).toMatchObject({ scanned: true, kind: "image-only" });
    expect(classifyPage("Scanned by ScanApp 3", [pageImage])).toMatchObject({ scanned: true, kind: "image-few-words" });
    expect(classifyPage(prose, [pageImage])).toEqual({ scanned: false });
    expect(classifyPage("Figure 3", [figure])).toEqual({ scanned: false });
  });

  it("garbage text without an image is a scan with no image; a short title page is not", () => {
    const garbage = "#@%& x7qx7q &&$ 0x1f ~~~ ||| zxcvb qwrtp #@%& x7qx7qx7q &&$ 0x2f";
    expect(classifyPage(garbage, [])).toMatchObject({ scanned: true, kind: "garbage-text", image: null });
    expect(classifyPage("Chapter 1 Introduction", [])).toEqual({ scanned: false });
    expect(classifyPage("", [])).toEqual({ scanned: false });
  });
  it("letter-spaced text is words, not garbage (pdfminer's simple1: 'H e l l o W o r l d')", () => {
    const text = "Hello World\nHello World\nH e l l o W o r l d\nH e l l o W o r l d";
    expect(countRealWords(text)).toMatchObject({ words: 6, tokens: 6, numbers: 0 });
    expect(classifyPage(text, [])).toEqual({ scanned: false });
  });

  it("a chart's axis ticks and values are numbers, not garbage: a drawn chart is not a scan", () => {
    const ticks = "0 10 20 30 40 50 60 70 80 90 100\n2015 2016 2017 2018 2019 2020\n1,250 3.5 12:30 2019-20 n=120";
    expect(countRealWords(ticks)).toMatchObject({ words: 0, numbers: 21 });
    expect(classifyPage(ticks, [])).toEqual({ scanned: false });
    expect(classifyPage(`Deaths per 100,000 by year\n${ticks}`, [])).toEqual({ scanned: false });
    // The values read as a table (pdf-tables.ts): its Markdown pipes and rule row are not garbage either.
    const table = `| | | | |\n| --- | --- | --- | --- |\n| 0 | 100 | 200 | 300 |\n| 2015 | 2016 | 2017 | 2018 |\n| 1.5 | 2.5 | 3.5 | 4.5 |`;
    expect(classifyPage(table, [])).toEqual({ scanned: false });
    // Garbage among numbers is still garbage.
    const garbage = "#@%& x7qx7q &&$ 0x1f ~~~ ||| zxcvb qwrtp #@%& x7qx7qx7q &&$ 0x2f";
    expect(classifyPage(`${ticks}\n${garbage}`, [])).toMatchObject({ scanned: true, kind: "garbage-text" });
  });
});

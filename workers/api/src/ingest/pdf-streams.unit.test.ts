import { describe, expect, it } from "vitest";
import { fixture, fixtureNames } from "../../test/helpers";
import { makeDenseTextPdf, makePdfWithHugeContent } from "../../test/make-bombs";
import { makePdf, samplePages } from "../../test/make-pdf";
import { FileRejected } from "../documents/rejection";
import { checkPdfStreams } from "./pdf-streams";

const MiB = 1024 * 1024;

async function rejection(bytes: Uint8Array, pages = 1) {
  try {
    await checkPdfStreams(bytes, pages);
  } catch (err) {
    if (err instanceof FileRejected) return err;
    throw err;
  }
  return undefined;
}

describe("checkPdfStreams", () => {
  it("passes real PDFs and ordinary generated ones", async () => {
    for (const name of fixtureNames("ntsb")) expect(await rejection(fixture(name), 50), name).toBeUndefined();
    expect(await rejection(makePdf(samplePages(20)), 20)).toBeUndefined();
    expect(await rejection(await makeDenseTextPdf(["A short page of notes."]))).toBeUndefined();
    expect(await rejection(await makePdfWithHugeContent(3 * MiB))).toBeUndefined();
  });

  it("refuses a content stream that inflates past 4 MiB, also when wrapped in ASCII85", async () => {
    for (const ascii85 of [false, true]) {
      const bomb = await makePdfWithHugeContent(40 * MiB, { ascii85 });
      expect(bomb.byteLength).toBeLessThan(1 * MiB);
      const refused = await rejection(bomb);
      expect(refused?.code, `ascii85: ${ascii85}`).toBe("too_large");
      expect(refused?.reason).toMatch(/drawing instructions in one place/);
    }
  });
});

import { describe, expect, it } from "vitest";
import { fixture } from "../../test/helpers";
import { makeDocx, makeZip } from "../../test/make-bombs";
import { FileRejected } from "../documents/rejection";
import { checkDocxArchive, readCentralDirectory } from "./docx-archive";

const MiB = 1024 * 1024;

async function rejection(bytes: Uint8Array) {
  try {
    await checkDocxArchive(bytes);
  } catch (err) {
    if (err instanceof FileRejected) return err;
    throw err;
  }
  return undefined;
}

describe("checkDocxArchive", () => {
  it("accepts a real Word document and a small generated one", async () => {
    expect(await rejection(fixture("docx/biologia.docx"))).toBeUndefined();
    expect(await rejection(await makeDocx("Cells are the unit of life.", 100))).toBeUndefined();
  });

  it("refuses from the directory alone when the declared XML is over the limit", async () => {
    const bomb = await makeDocx("x".repeat(1000), 20_000); // ~20 MiB of XML
    const entries = readCentralDirectory(bomb);
    expect(entries.find((e) => e.name === "word/document.xml")?.uncompressed).toBeGreaterThan(19 * MiB);
    expect((await rejection(bomb))?.code).toBe("too_large");
  });

  it("does not trust a directory that understates a part's size: the part is inflated against the budget", async () => {
    const zip = await makeZip({ "word/document.xml": "a".repeat(20 * MiB) });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    // Rewrite the central directory entry's uncompressed size (offset 24) to claim 1,000 bytes.
    const central = zip.length - 22 - (46 + "word/document.xml".length);
    expect(view.getUint32(central, true)).toBe(0x02014b50);
    view.setUint32(central + 24, 1000, true);
    expect(readCentralDirectory(zip)[0]?.uncompressed).toBe(1000);
    const refused = await rejection(zip);
    expect(refused?.code).toBe("too_large");
  });

  it("refuses archives with too many parts and files that are not ZIP archives", async () => {
    const many = Object.fromEntries(Array.from({ length: 5_001 }, (_, i) => [`word/media/${i}.bin`, "x"]));
    expect((await rejection(await makeZip(many)))?.reason).toMatch(/made of 5,001 parts/);
    expect((await rejection(new TextEncoder().encode("not a zip at all, just text")))?.code).toBe("damaged");
  });
});

// Upload type detection on arbitrary bytes: it never throws and always answers with a type or a clear refusal.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectType } from "./detect-type";

const names = fc.option(fc.constantFrom("a.pdf", "a.docx", "notes.txt", "page.html", "x", "", "%PDF.pdf", "ü.md"));
const types = fc.option(fc.constantFrom("application/pdf", "text/plain", "application/octet-stream", "", "x/y"));
const magic = fc.constantFrom(
  [],
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0x50, 0x4b, 0x03, 0x04], // ZIP
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], // OLE
  [0xff, 0xfe],
  [0xfe, 0xff],
  [0xef, 0xbb, 0xbf],
);
const bytes = fc
  .tuple(magic, fc.uint8Array({ maxLength: 4096 }))
  .map(([head, rest]) => new Uint8Array([...head, ...rest]));

describe("detectType properties", () => {
  it("never throws; answers a supported type, an unsupported reason, or a rejection with a reason", () => {
    fc.assert(
      fc.property(bytes, bytes, names, types, (head, tail, name, type) => {
        const d = detectType(head, tail, name, type);
        if (d.ok) {
          expect(["pdf", "docx", "html", "text"]).toContain(d.sourceType);
          expect(d.mediaType).toMatch(/^[a-z]+\/[\w.+-]+$/);
        } else if ("unsupported" in d) {
          expect(d.unsupported.length).toBeGreaterThan(10);
        } else {
          expect(["damaged", "encrypted"]).toContain(d.rejected.code);
          expect(d.rejected.reason.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("decides from the bytes: the file name never turns a non-PDF into a PDF, and a PDF header always wins", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), names, (rest, name) => {
        const pdf = detectType(new Uint8Array([...new TextEncoder().encode("%PDF-1.7\n"), ...rest]), rest, name);
        expect(pdf).toMatchObject({ ok: true, sourceType: "pdf" });
        const other = detectType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, ...rest]), rest, name); // PNG
        expect(other.ok && other.sourceType === "pdf").toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

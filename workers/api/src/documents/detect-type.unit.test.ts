import { describe, expect, it } from "vitest";
import { detectType } from "./detect-type";
import { refusedUrl } from "./fetch-url";

const bytes = (s: string) => new TextEncoder().encode(s);
const empty = new Uint8Array();

describe("detectType: from the bytes, not the name", () => {
  it("recognises PDF, DOCX, HTML, Markdown and plain text", () => {
    expect(detectType(bytes("%PDF-1.7\n..."), empty, "notes.txt")).toMatchObject({ ok: true, sourceType: "pdf" });
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes("....word/document.xml")]);
    expect(detectType(zip, empty, "x.bin")).toMatchObject({ ok: true, sourceType: "docx" });
    expect(detectType(bytes("<!DOCTYPE html><html><body>hi</body></html>"), empty, "page.pdf.txt")).toMatchObject({
      sourceType: "html",
    });
    expect(detectType(bytes("# Title\n\nSome *notes*."), empty, null)).toMatchObject({
      sourceType: "text",
      mediaType: "text/markdown",
    });
    expect(detectType(bytes("Plain words."), empty, null)).toMatchObject({
      sourceType: "text",
      mediaType: "text/plain",
    });
  });

  it("rejects a file that claims to be a PDF but is text (renamed or truncated), and refuses unknown binaries", () => {
    expect(detectType(bytes("oops\n"), empty, "report.pdf")).toMatchObject({
      ok: false,
      rejected: { code: "damaged" },
    });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(detectType(png, empty, "photo.pdf")).toMatchObject({ ok: false, rejected: { code: "damaged" } });
    expect(detectType(png, empty, "photo.png")).toMatchObject({
      ok: false,
      unsupported: expect.stringMatching(/not supported/),
    });
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    expect(detectType(zip, empty, "a.zip")).toMatchObject({
      ok: false,
      unsupported: expect.stringMatching(/not a Word/),
    });
  });

  it("reads an OLE container named .docx as a password-protected Word file", () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(detectType(ole, empty, "thesis.docx")).toMatchObject({ ok: false, rejected: { code: "encrypted" } });
  });
});

describe("refusedUrl: no private, loopback or odd targets", () => {
  it.each([
    ["ftp://example.com/a", /http/],
    ["http://localhost:8787/", /private/],
    ["http://127.0.0.1/", /private/],
    ["http://2130706433/", /private/],
    ["http://10.1.2.3/", /private/],
    ["http://172.20.0.1/", /private/],
    ["http://192.168.1.1/", /private/],
    ["http://169.254.169.254/latest/meta-data", /private/],
    ["http://[::1]/", /private/],
    ["http://[fd00::1]/", /private/],
    ["http://[::ffff:127.0.0.1]/", /private/],
    ["http://intranet/", /private/],
    ["http://printer.local/", /private/],
    ["http://user:pass@example.com/", /credentials/],
    ["http://example.com:6379/", /port/],
  ])("refuses %s", (url, reason) => {
    expect(refusedUrl(url)).toMatch(reason);
  });

  it("allows ordinary public pages", () => {
    expect(refusedUrl("https://en.wikipedia.org/wiki/Photosynthesis")).toBeNull();
    expect(refusedUrl("http://93.184.216.34/page")).toBeNull();
  });
});

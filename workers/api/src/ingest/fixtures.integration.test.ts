import { describe, expect, it } from "vitest";
import { contentOfDocument } from "../../test/content-of";
import {
  bearer,
  createNotebook,
  type DocumentBody,
  fixture,
  fixtureNames,
  signUp,
  uploadFile,
  waitForTerminal,
} from "../../test/helpers";

const TERMINAL = ["ready", "failed", "rejected"];

/** Uploads every file of a fixture folder into one notebook and waits for each to finish. */
async function ingestFolder(folder: string) {
  const auth = bearer(await signUp());
  const notebookId = await createNotebook(auth, folder);
  const names = fixtureNames(folder);
  const accepted = await Promise.all(
    names.map(async (name) => {
      const res = await uploadFile(auth, notebookId, fixture(name), name.split("/")[1] ?? name, "application/pdf");
      expect(res.status, name).toBe(202);
      return { name, doc: (await res.json()) as DocumentBody };
    }),
  );
  const finished = await Promise.all(
    accepted.map(async ({ name, doc }) => ({ name, doc: await waitForTerminal(auth, doc.id, 60_000) })),
  );
  return { auth, notebookId, finished };
}

describe("every PDF in fixtures/pdfs ends in a terminal state with a reason", () => {
  it("ingests the malformed, truncated and encrypted PDFs without crashing the Worker", async () => {
    const { finished } = await ingestFolder("pdfs");
    const outcome = Object.fromEntries(
      finished.map(({ name, doc }) => [
        name.replace("pdfs/", ""),
        `${doc.status}${doc.error ? `: ${doc.error.code}` : ""}`,
      ]),
    );
    console.log("fixtures/pdfs outcomes", JSON.stringify(outcome, null, 2));
    for (const { name, doc } of finished) {
      expect(TERMINAL, name).toContain(doc.status);
      if (doc.status === "ready") expect(doc.chunkCount, name).toBeGreaterThan(0);
      else expect(doc.error?.message.length, name).toBeGreaterThan(20);
    }
    // What the fixture README promises, checked precisely.
    expect(outcome["pdfminer-aes-128.pdf"]).toBe("rejected: encrypted");
    expect(outcome["pdfminer-rc4-40.pdf"]).toBe("rejected: encrypted");
    expect(outcome["qpdf-bad1.pdf"]).toBe("rejected: damaged");
    expect(outcome["qpdf-bad7.pdf"]).toBe("rejected: damaged");
    expect(outcome["pdfminer-simple1.pdf"]).toBe("ready");
    expect(outcome["pdfminer-zen_of_python_corrupted.pdf"]).toBe("ready");
    const encrypted = finished.find((f) => f.name.endsWith("aes-128.pdf"))?.doc;
    expect(encrypted?.error?.message).toMatch(/^This PDF is password-protected/);
  });
});

/**
 * Ground truth from an independent extractor (poppler's pdftotext, page by page): a phrase that occurs on
 * exactly one page of each report.
 */
const NTSB_PHRASES: Record<string, { page: number; phrase: string }[]> = {
  "20071229X02007.pdf": [
    { page: 1, phrase: "mechanical malfunctions, nor did the pilot report any." },
    { page: 3, phrase: "Runway Surface Type:" },
    { page: 4, phrase: "statistical reviews." },
  ],
  "20071231X02009.pdf": [
    { page: 1, phrase: "The pilot's improper flare during landing." },
    { page: 3, phrase: "Stovepipe Wells Airport (L09)" },
  ],
  "20080102X00002.pdf": [
    { page: 1, phrase: "Aircraft Accident Investigation Bureau" },
    { page: 2, phrase: "Year of Manufacture:" },
    { page: 3, phrase: "Precipitation and Obscuration:" },
  ],
  "20080102X00005.pdf": [
    { page: 1, phrase: "systems were reported." },
    { page: 3, phrase: "Runway Surface Condition:" },
  ],
  "20080104X00020.pdf": [
    { page: 2, phrase: "Phase of Operation: LANDING - ROLL" },
    { page: 3, phrase: "Airworthiness Certificate:" },
    { page: 4, phrase: "Runway Surface Type:" },
  ],
  "20080108X00029.pdf": [
    { page: 1, phrase: "Direccion General de Aeronutica Civil (DGAC)" },
    { page: 3, phrase: "Runway Surface Condition:" },
  ],
  "20080108X00031.pdf": [
    { page: 1, phrase: "pertaining to this accident may be obtained from:" },
    { page: 2, phrase: "Year of Manufacture:" },
  ],
  "20080109X00035.pdf": [
    { page: 2, phrase: "Phase of Operation: LANDING - FLARE/TOUCHDOWN" },
    { page: 3, phrase: "Aircraft and Owner/Operator Information" },
    { page: 5, phrase: "statistical reviews." },
  ],
  "20080111X00040.pdf": [
    { page: 1, phrase: "crosswind to the active runway at 8 knots." },
    { page: 2, phrase: "Date/Type of Last Inspection:" },
  ],
  "20080111X00041.pdf": [
    { page: 2, phrase: "NOSE GEAR COLLAPSED" },
    { page: 4, phrase: "Runway Surface Condition:" },
    { page: 5, phrase: "statistical reviews." },
  ],
};

const squash = (s: string) => s.replace(/\s+/g, " ");

describe("NTSB reports keep correct page numbers", () => {
  it("finds each known phrase in chunks whose page span contains its page, at the right offsets", async () => {
    const { finished } = await ingestFolder("ntsb");
    expect(finished).toHaveLength(10);
    for (const { name, doc } of finished) {
      expect(doc.status, name).toBe("ready");
      const file = name.replace("ntsb/", "");
      const { results: chunks } = await (await contentOfDocument(doc.id))
        .prepare(
          "SELECT chunk_index, page_start, page_end, start_offset, end_offset, text FROM chunk WHERE document_id = ? ORDER BY chunk_index",
        )
        .bind(doc.id)
        .all<{
          chunk_index: number;
          page_start: number;
          page_end: number;
          start_offset: number;
          end_offset: number;
          text: string;
        }>();
      const { results: pages } = await (await contentOfDocument(doc.id))
        .prepare("SELECT page_number, text FROM document_page WHERE document_id = ?")
        .bind(doc.id)
        .all<{ page_number: number; text: string }>();
      const pageText = new Map(pages.map((p) => [p.page_number, p.text]));

      for (const { page, phrase } of NTSB_PHRASES[file] ?? []) {
        const holding = chunks.filter((c) => squash(c.text).includes(phrase));
        expect(holding.length, `${file}: "${phrase}"`).toBeGreaterThan(0);
        for (const c of holding) {
          expect(
            c.page_start <= page && page <= c.page_end,
            `${file}: "${phrase}" on p${page}, chunk p${c.page_start}-${c.page_end}`,
          ).toBe(true);
        }
        expect(squash(pageText.get(page) ?? ""), `${file}: page ${page} text`).toContain(phrase);
      }
      // Offsets point into the stored page text: a single-page chunk is exactly its slice.
      for (const c of chunks.filter((c) => c.page_start === c.page_end)) {
        expect(pageText.get(c.page_start)?.slice(c.start_offset, c.end_offset)).toBe(c.text);
      }
    }
  });
});

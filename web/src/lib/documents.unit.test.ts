import { describe, expect, it } from "vitest";
import { acceptedDocument, errorKey, isSettled, type SourceDocument, stageKey, withAcceptedHere } from "./documents";

const apiDocument = {
  id: "doc_1",
  notebookId: "nb_1",
  title: "NTSB report",
  sourceType: "pdf",
  mediaType: "application/pdf",
  fileName: "report.pdf",
  status: "processing",
  progress: { stage: "extracting", done: 3, total: 12 },
  pageCount: 12,
  error: null,
};

describe("documents as the browser reads them", () => {
  it("takes an upload's answer only when it is a document", () => {
    expect(acceptedDocument(apiDocument)?.id).toBe("doc_1");
    expect(acceptedDocument({ title: "no id" })).toBeNull();
    expect(acceptedDocument({ ...apiDocument, status: "lost" })).toBeNull();
    expect(acceptedDocument(null)).toBeNull();
  });

  it("names known failure codes in the student's language, and leaves new ones to the API's sentence", () => {
    expect(errorKey({ code: "encrypted", message: "x" })).toBe("doc.error.encrypted");
    expect(errorKey({ code: "something_new", message: "m" })).toBeNull();
  });

  it("knows which states stop the polling", () => {
    expect(["queued", "processing"].map((s) => isSettled(s as never))).toEqual([false, false]);
    expect(["ready", "failed", "rejected"].map((s) => isSettled(s as never))).toEqual([true, true, true]);
    expect(stageKey("embedding")).toBe("doc.stage.embedding");
    expect(stageKey("unknown-stage")).toBe("doc.stage.queued");
  });

  it("a server list read before an upload was accepted keeps that upload, until the list has it", () => {
    // Only the fields read here: the list is the API's documents.
    const a = { ...apiDocument, id: "doc_a" } as unknown as SourceDocument;
    const b = { ...apiDocument, id: "doc_b" } as unknown as SourceDocument;
    const early = withAcceptedHere([a], [b]);
    expect([early.docs.map((d) => d.id), early.missing.map((d) => d.id)]).toEqual([["doc_b", "doc_a"], ["doc_b"]]);
    const later = withAcceptedHere([{ ...b, status: "ready" }, a], early.missing);
    expect([later.docs.map((d) => `${d.id}:${d.status}`), later.missing]).toEqual([
      ["doc_b:ready", "doc_a:processing"],
      [],
    ]);
  });
});

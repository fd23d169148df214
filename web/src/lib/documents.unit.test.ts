import { describe, expect, it } from "vitest";
import { errorKey, isSettled, parseDocument, parseDocumentList, stageKey } from "./documents";

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
  it("keeps what the sources panel shows", () => {
    expect(parseDocument(apiDocument)).toEqual({
      id: "doc_1",
      title: "NTSB report",
      status: "processing",
      progress: { stage: "extracting", done: 3, total: 12 },
      error: null,
      pageCount: 12,
    });
  });

  it("reads failures as {code, message} or a plain string", () => {
    const rejected = parseDocument({ ...apiDocument, status: "rejected", error: { code: "encrypted", message: "x" } });
    expect(rejected.error).toEqual({ code: "encrypted", message: "x" });
    expect(errorKey(rejected.error)).toBe("doc.error.encrypted");
    expect(parseDocument({ ...apiDocument, status: "failed", error: "timeout" }).error).toEqual({
      code: null,
      message: "timeout",
    });
    expect(errorKey({ code: "something_new", message: "m" })).toBeNull();
  });

  it("refuses bodies that are not documents", () => {
    expect(() => parseDocument({ title: "no id" })).toThrow();
    expect(() => parseDocumentList({ items: "nope" })).toThrow();
  });

  it("knows which states stop the polling", () => {
    expect(["queued", "processing"].map((s) => isSettled(s as never))).toEqual([false, false]);
    expect(["ready", "failed", "rejected"].map((s) => isSettled(s as never))).toEqual([true, true, true]);
    expect(stageKey("embedding")).toBe("doc.stage.embedding");
    expect(stageKey("unknown-stage")).toBe("doc.stage.queued");
  });
});

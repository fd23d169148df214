import { expect } from "vitest";
import type { AnswerDto } from "../../../schemas/answers";
import { call, createNotebook, type DocumentBody, fixture, fixtureNames, uploadFile, waitForTerminal } from "./helpers";

/** A notebook holding these text documents, all ready. Returns the notebook id and the documents by title. */
export async function notebookWithTexts(auth: Record<string, string>, docs: Array<{ title: string; text: string }>) {
  const notebookId = await createNotebook(auth, "Texts");
  const ready: Record<string, DocumentBody> = {};
  for (const doc of docs) ready[doc.title] = await addText(auth, notebookId, doc);
  return { notebookId, docs: ready };
}

export async function addText(auth: Record<string, string>, notebookId: string, doc: { title: string; text: string }) {
  const res = await call(`/v1/notebooks/${notebookId}/documents`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify(doc),
  });
  expect([200, 202]).toContain(res.status);
  const done = await waitForTerminal(auth, ((await res.json()) as DocumentBody).id);
  expect(done.status).toBe("ready");
  return done;
}

/** A notebook with the 10 NTSB reports (titles are the file names without ".pdf"), all ready. */
export async function notebookWithNtsb(auth: Record<string, string>) {
  const notebookId = await createNotebook(auth, "NTSB reports");
  const accepted = await Promise.all(
    fixtureNames("ntsb").map(async (name) => {
      const res = await uploadFile(auth, notebookId, fixture(name), name.replace("ntsb/", ""), "application/pdf");
      return (await res.json()) as DocumentBody;
    }),
  );
  const docs: Record<string, DocumentBody> = {};
  for (const doc of accepted) {
    const done = await waitForTerminal(auth, doc.id, 90_000);
    expect(done.status).toBe("ready");
    docs[done.title] = done;
  }
  return { notebookId, docs };
}

export type SearchBody = {
  mode: string;
  requestedMode: string;
  fallbackReason: string | null;
  results: Array<{
    chunkId: string;
    chunkIds: string[];
    documentId: string;
    documentTitle: string;
    pageStart: number;
    pageEnd: number;
    text: string;
    highlights: [number, number][];
    score: number;
  }>;
};

export async function search(auth: Record<string, string>, notebookId: string, body: Record<string, unknown>) {
  const res = await call(`/v1/notebooks/${notebookId}/search`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as SearchBody };
}

/** Asks `question` in the notebook; expects a 200 and returns the answer. */
export async function askNotebook(auth: Record<string, string>, notebookId: string, question: string) {
  const res = await call(`/v1/notebooks/${notebookId}/ask`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ question }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as AnswerDto;
}

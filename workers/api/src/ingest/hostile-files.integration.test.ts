// Issue 13, hostile files: each generated here (nothing large is committed), each ending in a terminal
// state with a reason, and each leaving another user's requests answered while it is processed.

import { introspectWorkflowInstance } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { probeWhile } from "../../test/concurrent-probe";
import { contentOfDocument } from "../../test/content-of";
import {
  bearer,
  call,
  createNotebook,
  type DocumentBody,
  signUp,
  uploadFile,
  waitForTerminal,
} from "../../test/helpers";
import { deliver, stageDocument, tracesOf } from "../../test/ingest-helpers";
import { makeDenseTextPdf, makeDocx, makePdfWithHugeContent } from "../../test/make-bombs";

const MiB = 1024 * 1024;

/** Another user with a notebook: their list is the request that must not wait for the hostile work. */
async function bystander() {
  const user = await signUp("Bystander");
  const auth = bearer(user);
  await createNotebook(auth, "Unrelated notebook");
  return () => call("/v1/notebooks", { headers: auth });
}

async function uploaded(res: Response): Promise<DocumentBody> {
  expect(res.status).toBe(202);
  return (await res.json()) as DocumentBody;
}

describe("hostile files (issue 13)", () => {
  it("a ~125 KiB .docx whose text inflates to 39 MiB is rejected from its zip directory, before mammoth inflates it", async () => {
    const paragraph = "The mitochondrion is the powerhouse of the cell and this sentence repeats. ".repeat(2);
    const bomb = await makeDocx(paragraph, Math.ceil((39 * MiB) / paragraph.length));
    expect(bomb.byteLength).toBeLessThan(1 * MiB);
    const user = await signUp();
    const auth = bearer(user);
    const notebookId = await createNotebook(auth);
    const probe = await bystander();

    const doc = await uploaded(await uploadFile(auth, notebookId, bomb, "bomb.docx"));
    const { result, answeredWhileRunning } = await probeWhile(waitForTerminal(auth, doc.id), probe);
    expect(result.status).toBe("rejected");
    expect(result.error?.code).toBe("too_large");
    expect(result.error?.message).toMatch(/unpacks to more than \d+\.\d MB .*the limit is 12 MB/);
    expect(result.pageCount).toBe(0);
    expect(answeredWhileRunning).toBeGreaterThan(0);
    expect((await tracesOf(doc.id, notebookId)).pages).toBe(0);
  });

  it("a one-page PDF with a 40 MiB content stream is rejected before PDF.js parses it; other users are answered meanwhile", async () => {
    const bomb = await makePdfWithHugeContent(40 * MiB);
    expect(bomb.byteLength).toBeLessThan(1 * MiB);
    const user = await signUp();
    const auth = bearer(user);
    const notebookId = await createNotebook(auth);
    const probe = await bystander();

    const doc = await uploaded(await uploadFile(auth, notebookId, bomb, "bomb.pdf"));
    const { result, answeredWhileRunning } = await probeWhile(waitForTerminal(auth, doc.id), probe);
    expect(result.status).toBe("rejected");
    expect(result.error?.code).toBe("too_large");
    expect(result.error?.message).toMatch(/drawing instructions in one place \(the limit is 4 MB\)/);
    expect(answeredWhileRunning).toBeGreaterThan(0);
    expect((await tracesOf(doc.id, notebookId)).pages).toBe(0);
  });

  it("a PDF page with more text than any real page (within the stream budget) is rejected by the page-text cap", async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `Line ${i} `.padEnd(1_000, " word"));
    const staged = await stageDocument(await makeDenseTextPdf(lines), "dense.pdf");
    await using instance = await introspectWorkflowInstance(env.INGEST_WORKFLOW, staged.documentId);
    await deliver("ingest", [{ documentId: staged.documentId }]);
    // Deterministic: NonRetryableError ends the instance at once (a retry loop would outlast the test).
    const doc = await waitForTerminal(staged.auth, staged.documentId);
    await instance.waitForStatus("errored");
    expect(doc.status).toBe("rejected");
    expect(doc.error?.message).toMatch(/Page 1 of this PDF holds more than 100,000 characters/);
    expect((await tracesOf(staged.documentId, staged.notebookId)).pages).toBe(0);
  });

  it("a 45 MiB text without blank lines (JSON {title, text}) ends rejected with a reason, never retried; others are answered", async () => {
    const user = await signUp();
    const auth = bearer(user);
    const notebookId = await createNotebook(auth);
    const probe = await bystander();
    const line = "Photosynthesis converts light energy into chemical energy in the chloroplast.\n";
    const text = line.repeat(Math.ceil((45 * MiB) / line.length));
    const res = await call(`/v1/notebooks/${notebookId}/documents`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ title: "Endless notes", text }),
    });
    const doc = await uploaded(res);
    const { result } = await probeWhile(waitForTerminal(auth, doc.id), probe);
    expect(result.status).toBe("rejected");
    expect(result.error?.code).toBe("too_large");
    expect(result.error?.message).toMatch(/This text is 45\.0 MB; text and web pages are limited to 8 MB/);
    // Rejected is terminal: retry is refused with the reason instead of running into the same wall.
    const retry = await call(`/v1/documents/${doc.id}/retry`, { method: "POST", headers: auth });
    expect(retry.status).toBe(409);
    const row = await env.DB.prepare("SELECT attempts, pages_charged FROM document WHERE id = ?")
      .bind(doc.id)
      .first<{ attempts: number; pages_charged: number }>();
    expect(row).toEqual({ attempts: 1, pages_charged: 0 });
  });

  it("text without blank lines is cut into bounded sections; the page quota counts the sections stored", async () => {
    const line = "Cellular respiration releases energy from glucose in the mitochondria";
    // One endless paragraph: lines with single newlines, a run without any space, sentences without newlines.
    const text = `${`${line}.\n`.repeat(1_000)}${"x".repeat(10_000)} ${`${line}. `.repeat(1_000)}`;
    const staged = await stageDocument(new TextEncoder().encode(text), "endless.txt");
    await using instance = await introspectWorkflowInstance(env.INGEST_WORKFLOW, staged.documentId);
    await deliver("ingest", [{ documentId: staged.documentId }]);
    await instance.waitForStatus("complete");
    const doc = await waitForTerminal(staged.auth, staged.documentId);
    expect(doc.status).toBe("ready");
    const pages = await (await contentOfDocument(staged.documentId))
      .prepare("SELECT count(*) AS n, max(length(text)) AS longest FROM document_page WHERE document_id = ?")
      .bind(staged.documentId)
      .first<{ n: number; longest: number }>();
    expect(pages?.n).toBe(doc.pageCount);
    expect(doc.pageCount).toBeGreaterThanOrEqual(Math.ceil(text.length / 4_000));
    expect(pages?.longest).toBeLessThanOrEqual(4_000);
    const longestChunk = await (await contentOfDocument(staged.documentId))
      .prepare("SELECT max(length(text)) AS n FROM chunk WHERE document_id = ?")
      .bind(staged.documentId)
      .first<{ n: number }>();
    expect(longestChunk?.n).toBeLessThanOrEqual(3_000);
    const usage = (await (await call("/v1/usage", { headers: staged.auth })).json()) as {
      quotas: { pages: { used: number } };
    };
    expect(usage.quotas.pages.used).toBe(doc.pageCount);
  });
});

import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  bearer,
  call,
  createNotebook,
  type DocumentBody,
  fixture,
  jsonBody,
  signUp,
  uploadFile,
  waitForTerminal,
} from "../../test/helpers";
import { makePdf, samplePages } from "../../test/make-pdf";
import { app } from "../app";

async function setup() {
  const auth = bearer(await signUp());
  return { auth, notebookId: await createNotebook(auth) };
}

const pageText = async (auth: Record<string, string>, id: string, page = 1) =>
  ((await (await call(`/v1/documents/${id}/pages/${page}`, { headers: auth })).json()) as { text: string }).text;

afterEach(() => vi.restoreAllMocks());

describe("documents: upload to ready", () => {
  it("ingests an NTSB report end to end: 202, progress, ready with pages and chunks", async () => {
    const { auth, notebookId } = await setup();
    const res = await uploadFile(auth, notebookId, fixture("ntsb/20080109X00035.pdf"), "report.pdf", "application/pdf");
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as DocumentBody;
    expect(accepted).toMatchObject({ status: "queued", sourceType: "pdf", progress: { stage: "queued" } });
    const done = await waitForTerminal(auth, accepted.id);
    expect(done).toMatchObject({ status: "ready", error: null, pageCount: 5, embeddingModel: "local/hashing-512-v1" });
    expect(done.chunkCount).toBeGreaterThan(1);
    expect(await pageText(auth, accepted.id)).toContain("third landing of the day");
    const notebook = await env.DB.prepare("SELECT embedding_model, content_version FROM notebook WHERE id = ?")
      .bind(notebookId)
      .first<{ embedding_model: string; content_version: number }>();
    expect(notebook).toEqual({ embedding_model: "local/hashing-512-v1", content_version: 2 });

    const file = await call(`/v1/documents/${accepted.id}/file`, { headers: auth });
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(fixture("ntsb/20080109X00035.pdf"));
  });

  it("returns the existing document for the same bytes in the same notebook (sha256), a new one elsewhere", async () => {
    const { auth, notebookId } = await setup();
    const bytes = fixture("pdfs/pdfminer-simple1.pdf");
    const first = (await (await uploadFile(auth, notebookId, bytes, "a.pdf")).json()) as DocumentBody;
    const again = await uploadFile(auth, notebookId, bytes, "renamed.pdf");
    expect(again.status).toBe(200);
    expect(((await again.json()) as DocumentBody).id).toBe(first.id);
    const other = await uploadFile(auth, await createNotebook(auth, "other"), bytes, "a.pdf");
    expect(other.status).toBe(202);
  });

  it("detects the type from the bytes: a PDF named .txt is a PDF; a PNG is refused with 415", async () => {
    const { auth, notebookId } = await setup();
    const pdf = await uploadFile(auth, notebookId, makePdf(samplePages(1)), "notes.txt", "text/plain");
    expect(((await pdf.json()) as DocumentBody).sourceType).toBe("pdf");
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const refused = await uploadFile(auth, notebookId, png, "photo.png", "image/png");
    expect(refused.status).toBe(415);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/PDF, a Word document/);
  });

  it("refuses an oversized upload by Content-Length and while streaming, with a 413 problem", async () => {
    const { auth, notebookId } = await setup();
    const small = { ...env, MAX_UPLOAD_BYTES: "1024" };
    const big = new Uint8Array(200_000).fill(65);
    const form = new FormData();
    form.set("file", new File([big], "big.txt"));
    const declared = await app.request(
      `/v1/notebooks/${notebookId}/documents`,
      { method: "POST", body: form, headers: auth },
      small,
    );
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { detail: string }).detail).toMatch(/limited to 0 MB|limited to/);

    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode(`${"x".repeat(10_000)}`));
        controller.close();
      },
    });
    const chunked = await app.request(
      `/v1/notebooks/${notebookId}/documents`,
      {
        method: "POST",
        body: streamed,
        headers: { ...auth, "content-type": "multipart/form-data; boundary=zzz" },
        duplex: "half",
      } as RequestInit,
      small,
    );
    expect(chunked.status).toBe(413);
    expect(chunked.headers.get("content-type")).toBe("application/problem+json");
  });

  it("accepts JSON {title, text} (Markdown structure kept) and a Word document", async () => {
    const { auth, notebookId } = await setup();
    const req = jsonBody({
      title: "Cell notes",
      text: "# Cells\n\nCells are the unit of life.\n\n- nucleus\n- ribosomes",
    });
    const res = await call(`/v1/notebooks/${notebookId}/documents`, {
      method: "POST",
      body: req.body,
      headers: { ...req.headers, ...auth },
    });
    expect(res.status).toBe(202);
    const text = await waitForTerminal(auth, ((await res.json()) as DocumentBody).id);
    expect(text).toMatchObject({
      status: "ready",
      sourceType: "text",
      mediaType: "text/markdown",
      title: "Cell notes",
    });

    const docx = await uploadFile(auth, notebookId, fixture("docx/biologia.docx"), "biologia.docx");
    const word = await waitForTerminal(auth, ((await docx.json()) as DocumentBody).id);
    expect(word).toMatchObject({ status: "ready", sourceType: "docx" });
    const page = await pageText(auth, word.id);
    expect(page).toContain("# A célula vegetal");
    expect(page).toContain("| Mitochondrion | Cellular respiration |");
  });

  it("adds a web page by URL: readable content only, title from the article; private addresses refused", async () => {
    const { auth, notebookId } = await setup();
    const article = `<!doctype html><html><head><title>Photosynthesis – Wiki</title></head><body>
      <nav><a href="/">Home</a> <a href="/login">Log in</a></nav>
      <article><h1>Photosynthesis</h1>${"<p>Photosynthesis is the process by which green plants use sunlight to make glucose from water and carbon dioxide, releasing oxygen.</p>".repeat(8)}
      <h2>Light reactions</h2><p>The light reactions happen in the thylakoid membranes of the chloroplast and produce ATP.</p></article>
      <footer>Cookie banner and copyright</footer></body></html>`;
    // The Response is made inside the request's handler: Workers forbid sharing bodies across requests.
    const fetchSpy = vi
      .spyOn(globalThis, "fetch")
      .mockImplementationOnce(async () => new Response(article, { headers: { "content-type": "text/html" } }));
    const req = jsonBody({ url: "https://example.org/wiki/Photosynthesis" });
    const res = await call(`/v1/notebooks/${notebookId}/documents`, {
      method: "POST",
      body: req.body,
      headers: { ...req.headers, ...auth },
    });
    expect(res.status).toBe(202);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const doc = await waitForTerminal(auth, ((await res.json()) as DocumentBody).id);
    expect(doc).toMatchObject({ status: "ready", sourceType: "html" });
    expect(doc.title).toMatch(/Photosynthesis/);
    const text = await pageText(auth, doc.id);
    expect(text).toContain("thylakoid membranes");
    expect(text).not.toContain("Log in");

    for (const url of ["http://127.0.0.1:8787/v1/notebooks", "http://169.254.169.254/latest", "file:///etc/passwd"]) {
      const bad = jsonBody({ url });
      const refused = await call(`/v1/notebooks/${notebookId}/documents`, {
        method: "POST",
        body: bad.body,
        headers: { ...bad.headers, ...auth },
      });
      expect(refused.status, url).toBe(422);
    }
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });
});

describe("documents: files that end rejected, with a reason a student understands", () => {
  it("rejects a scan (no text layer), a PDF over the page cap, a second embedding model and a file with only whitespace", async () => {
    const { auth, notebookId } = await setup();
    const scan = await uploadFile(
      auth,
      notebookId,
      makePdf([{ drawingOnly: true }, { drawingOnly: true }]),
      "scan.pdf",
    );
    const scanned = await waitForTerminal(auth, ((await scan.json()) as DocumentBody).id);
    expect(scanned).toMatchObject({ status: "rejected", error: { code: "no_text_layer" } });
    expect(scanned.error?.message).toMatch(/no text layer \(scanned\?\)/);

    const long = await uploadFile(
      auth,
      notebookId,
      makePdf(Array.from({ length: 2001 }, () => ({ lines: ["x"] }))),
      "long.pdf",
    );
    const tooLong = await waitForTerminal(auth, ((await long.json()) as DocumentBody).id);
    expect(tooLong).toMatchObject({ status: "rejected", error: { code: "too_many_pages" } });
    expect(tooLong.error?.message).toMatch(/2,001 pages; the limit is 2,000/);

    const blank = await uploadFile(auth, notebookId, new TextEncoder().encode(" \n\n \t \n"), "blank.txt");
    expect(await waitForTerminal(auth, ((await blank.json()) as DocumentBody).id)).toMatchObject({
      status: "rejected",
      error: { code: "empty" },
    });

    // A notebook indexed with another embedding model never gets vectors of this one mixed in.
    await env.DB.prepare("UPDATE notebook SET embedding_model = 'openai/text-embedding-3-small' WHERE id = ?")
      .bind(notebookId)
      .run();
    const other = await uploadFile(auth, notebookId, new TextEncoder().encode("Mitochondria release energy."), "m.txt");
    const mismatch = await waitForTerminal(auth, ((await other.json()) as DocumentBody).id);
    expect(mismatch).toMatchObject({ status: "rejected", error: { code: "model_mismatch" } });
    expect(mismatch.error?.message).toMatch(/indexed with openai\/text-embedding-3-small.*local\/hashing-512-v1/);
  });
});

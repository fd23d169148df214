import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  bearer,
  call,
  createNotebook,
  type DocumentBody,
  fixture,
  signUp,
  uploadFile,
  waitForTerminal,
} from "../../test/helpers";
import { checkKeywordIndex, tracesOf } from "../../test/ingest-helpers";

async function readyDocument(name = "ntsb/20080102X00002.pdf") {
  const alice = await signUp();
  const auth = bearer(alice);
  const notebookId = await createNotebook(auth);
  const res = await uploadFile(auth, notebookId, fixture(name), "report.pdf");
  const doc = await waitForTerminal(auth, ((await res.json()) as DocumentBody).id);
  expect(doc.status).toBe("ready");
  return { auth, notebookId, doc };
}

describe("documents: tenancy, listing, retry and deletion", () => {
  it("answers another tenant's document exactly like a missing one (404) on every route", async () => {
    const { notebookId, doc } = await readyDocument();
    const bob = bearer(await signUp());
    const routes: [string, string][] = [
      ["GET", `/v1/documents/${doc.id}`],
      ["GET", `/v1/documents/${doc.id}/file`],
      ["GET", `/v1/documents/${doc.id}/pages/1`],
      ["POST", `/v1/documents/${doc.id}/retry`],
      ["DELETE", `/v1/documents/${doc.id}`],
      ["GET", `/v1/notebooks/${notebookId}/documents`],
    ];
    for (const [method, path] of routes) {
      const theirs = await call(path, { method, headers: bob });
      const missing = await call(path.replace(doc.id, "doc_missing").replace(notebookId, "nb_missing"), {
        method,
        headers: bob,
      });
      expect(theirs.status, `${method} ${path}`).toBe(404);
      expect(missing.status).toBe(404);
      expect(((await theirs.json()) as { title: string }).title).toBe(
        ((await missing.json()) as { title: string }).title,
      );
    }
    const upload = await uploadFile(bob, notebookId, new TextEncoder().encode("intruder"), "x.txt");
    expect(upload.status).toBe(404);
    expect((await call(`/v1/documents/${doc.id}`)).status).toBe(401);
  });

  it("lists a notebook's documents newest first with cursor pagination, and serves page text", async () => {
    const { auth, notebookId, doc } = await readyDocument();
    for (const text of ["one", "two"]) {
      await uploadFile(auth, notebookId, new TextEncoder().encode(`Notes ${text}.`), `${text}.txt`);
    }
    const first = (await (await call(`/v1/notebooks/${notebookId}/documents?limit=2`, { headers: auth })).json()) as {
      items: DocumentBody[];
      nextCursor: string;
    };
    expect(first.items.map((d) => d.title)).toEqual(["two", "one"]);
    const second = (await (
      await call(`/v1/notebooks/${notebookId}/documents?limit=2&cursor=${first.nextCursor}`, { headers: auth })
    ).json()) as { items: DocumentBody[]; nextCursor: string | null };
    expect(second.items.map((d) => d.id)).toEqual([doc.id]);
    expect(second.nextCursor).toBeNull();
    expect((await call(`/v1/documents/${doc.id}/pages/99`, { headers: auth })).status).toBe(404);
    expect((await call(`/v1/documents/${doc.id}/pages/0`, { headers: auth })).status).toBe(422);
  });

  it("refuses to retry a ready or rejected document (409), saying why", async () => {
    const { auth, notebookId, doc } = await readyDocument();
    const ready = await call(`/v1/documents/${doc.id}/retry`, { method: "POST", headers: auth });
    expect(ready.status).toBe(409);
    const encrypted = await uploadFile(auth, notebookId, fixture("pdfs/pdfminer-rc4-40.pdf"), "locked.pdf");
    const rejected = await waitForTerminal(auth, ((await encrypted.json()) as DocumentBody).id);
    const res = await call(`/v1/documents/${rejected.id}/retry`, { method: "POST", headers: auth });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/password-protected.*retrying cannot help/);
  });

  it("deletes a document with its file, pages, chunks, keyword rows and vectors", async () => {
    const { auth, notebookId, doc } = await readyDocument();
    const before = await tracesOf(doc.id, notebookId);
    expect(before).toMatchObject({ documents: 1, objects: 1 });
    expect(before.vectors).toBe(doc.chunkCount);
    expect((await call(`/v1/documents/${doc.id}`, { method: "DELETE", headers: auth })).status).toBe(204);
    expect(await tracesOf(doc.id, notebookId)).toEqual({ documents: 0, pages: 0, chunks: 0, vectors: 0, objects: 0 });
    await checkKeywordIndex(notebookId);
    expect((await call(`/v1/documents/${doc.id}`, { headers: auth })).status).toBe(404);
    // The emptied notebook may take another embedding model next time.
    const nb = await env.DB.prepare("SELECT embedding_model FROM notebook WHERE id = ?").bind(notebookId).first();
    expect(nb?.embedding_model).toBeNull();
  });

  it("deleting a notebook removes its documents' R2 objects, rows and vectors", async () => {
    const { auth, notebookId, doc } = await readyDocument("ntsb/20080104X00020.pdf");
    expect((await call(`/v1/notebooks/${notebookId}`, { method: "DELETE", headers: auth })).status).toBe(204);
    expect(await tracesOf(doc.id, notebookId)).toEqual({ documents: 0, pages: 0, chunks: 0, vectors: 0, objects: 0 });
    expect((await env.FILES.list({ prefix: `documents/${notebookId}/` })).objects).toEqual([]);
  });

  it("publishes every documents route, with its status codes, in /v1/openapi.json", async () => {
    const spec = (await (await call("/v1/openapi.json")).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const upload = spec.paths["/v1/notebooks/{notebookId}/documents"];
    expect(Object.keys(upload?.post?.responses ?? {}).sort()).toEqual([
      "200",
      "202",
      "401",
      "402",
      "404",
      "409", // an Idempotency-Key whose first request is still running
      "413",
      "415",
      "422",
      "429",
    ]);
    expect(upload?.get).toBeDefined();
    expect(spec.paths["/v1/documents/{documentId}"]?.get).toBeDefined();
    expect(spec.paths["/v1/documents/{documentId}"]?.delete).toBeDefined();
    expect(spec.paths["/v1/documents/{documentId}/file"]?.get).toBeDefined();
    expect(spec.paths["/v1/documents/{documentId}/pages/{page}"]?.get).toBeDefined();
    expect(Object.keys(spec.paths["/v1/documents/{documentId}/retry"]?.post?.responses ?? {})).toContain("409");
  });
});

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

describe("documents: upload to ready", () => {
  it("ingests an NTSB report end to end: 202, progress, ready with pages and chunks", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth);
    const res = await uploadFile(auth, notebookId, fixture("ntsb/20080109X00035.pdf"), "report.pdf", "application/pdf");
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as DocumentBody;
    expect(accepted.status).toBe("queued");
    expect(accepted.sourceType).toBe("pdf");
    const done = await waitForTerminal(auth, accepted.id);
    expect(done.error).toBeNull();
    expect(done.status).toBe("ready");
    expect(done.pageCount).toBe(5);
    expect(done.chunkCount).toBeGreaterThan(1);
    const page = await call(`/v1/documents/${accepted.id}/pages/1`, { headers: auth });
    expect(((await page.json()) as { text: string }).text).toContain("third landing of the day");
    const chunks = await env.DB.prepare("SELECT count(*) AS n FROM chunk WHERE document_id = ?")
      .bind(accepted.id)
      .first<{ n: number }>();
    expect(chunks?.n).toBe(done.chunkCount);
  });
});

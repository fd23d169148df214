import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { rowsAnywhere } from "../../test/content-of";
import { bearer, createNotebook, signUp, uploadFile, waitForTerminal } from "../../test/helpers";
import { sweepIngestion } from "../ingest/sweep";
import { runCleanup } from "../platform/scheduled";
import { sweepOrphanVectors } from "./orphan-vectors";

const HOUR = 60 * 60 * 1000;

describe("hourly cleanup", () => {
  it("removes and counts planted orphans, and touches nothing of a live document", async () => {
    const user = await signUp();
    const auth = bearer(user);
    const notebookId = await createNotebook(auth);
    const upload = await uploadFile(
      auth,
      notebookId,
      new TextEncoder().encode("Osmosis moves water across a membrane."),
      "live.txt",
      "text/plain",
    );
    const live = await waitForTerminal(auth, ((await upload.json()) as { id: string }).id);
    expect(live.status).toBe("ready");
    const count = async (sql: string, ...args: unknown[]) =>
      (
        await env.DB.prepare(sql)
          .bind(...args)
          .first<{ n: number }>()
      )?.n ?? 0;
    const liveVectors = await rowsAnywhere(
      notebookId,
      "SELECT count(*) AS n FROM chunk_vector WHERE document_id = ?",
      live.id,
    );
    const liveObjects = (await env.FILES.list({ prefix: `documents/${notebookId}/${live.id}/` })).objects.length;
    expect(liveVectors).toBeGreaterThan(0);
    expect(liveObjects).toBeGreaterThan(0);

    // Orphans: an original without a document row, a vector without a chunk, an expired session.
    await env.FILES.put(`documents/${notebookId}/doc_gone_${crypto.randomUUID()}/original`, "left behind");
    const vector = new Uint8Array(new Float32Array([0.5, 0.5]).buffer);
    await env.DB.prepare(
      "INSERT INTO chunk_vector (id, notebook_id, document_id, dimensions, vector) VALUES (?, ?, ?, 2, ?)",
    )
      .bind(`${live.id}:999`, notebookId, live.id, vector)
      .run();
    const expiredToken = `expired-${crypto.randomUUID()}`;
    await env.DB.prepare("INSERT INTO session (id, token, user_id, expires_at) VALUES (?, ?, ?, ?)")
      .bind(crypto.randomUUID(), expiredToken, user.userId, Date.now() - HOUR)
      .run();

    // An hour later (past the grace period that protects uploads in flight), scoped to this notebook.
    const sweep = await sweepIngestion(env, Date.now() + 2 * HOUR, { notebookId });
    expect(sweep.orphanObjects).toBe(1);
    expect(await sweepOrphanVectors(env.DB, { notebookId })).toBe(1);
    const cleanup = await runCleanup(env);
    expect(cleanup.sessions).toBeGreaterThanOrEqual(1);
    expect(await count("SELECT count(*) AS n FROM session WHERE token = ?", expiredToken)).toBe(0);

    // The live document is whole, and the user's live session still works.
    expect(
      await rowsAnywhere(notebookId, "SELECT count(*) AS n FROM chunk_vector WHERE document_id = ?", live.id),
    ).toBe(liveVectors);
    expect((await env.FILES.list({ prefix: `documents/${notebookId}/${live.id}/` })).objects.length).toBe(liveObjects);
    expect((await waitForTerminal(auth, live.id)).status).toBe("ready");
    // A second run finds nothing left.
    expect((await sweepIngestion(env, Date.now() + 2 * HOUR, { notebookId })).orphanObjects).toBe(0);
    expect(await sweepOrphanVectors(env.DB, { notebookId })).toBe(0);
  });
});

// Issue 21, point 4: a notebook's content moves from the primary D1 to its own object through the
// MigrateContent Workflow, verified per table before one guarded switch. Real D1, Durable Objects, Workflows.
import { introspectWorkflow } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ContentMoveJobDto } from "../../../../schemas/content-move";
import { moveAllNotebooks, moveNotebookContent, reportLines } from "../../../../scripts/content-move-client.mjs";
import { bearer, call, createNotebook, signUp } from "../../test/helpers";
import { addText } from "../../test/notebook-helpers";
import { tokenFingerprint } from "../admin/require-admin";
import { app } from "../app";
import { forgetContentLayoutsForTests, notebookObject } from "../content/content-db";
import { CONTENT_TABLES } from "../content/content-schema";
import { keywordRanking } from "../retrieval/reads";
import { moveRefusal } from "./content-move.store";
import { keyOf, readPage, TABLE_SPECS } from "./move-tables";

const ADMIN_TOKEN = "m".repeat(40);
const withAdmin = { ...env, ADMIN_TOKEN } as Env;

function adminCall(path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${ADMIN_TOKEN}`);
  return app.request(new Request(new URL(path, "http://api.test"), { ...init, headers }), undefined, withAdmin);
}
const movePath = (notebookId: string) => `/v1/admin/notebooks/${notebookId}/content-move`;
const start = (notebookId: string, reason = "ticket OPS-51: scale out") =>
  adminCall(movePath(notebookId), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ reason }),
  });

/** Polls the job until the Workflow has ended it (failed, or switched with the D1 rows deleted). */
async function settled(notebookId: string): Promise<ContentMoveJobDto> {
  for (let i = 0; i < 1200; i++) {
    const job = (await (await adminCall(movePath(notebookId))).json()) as ContentMoveJobDto;
    if (job.status === "failed" || job.phase === "done") return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`content move of ${notebookId} still running`);
}

type Modifier = Parameters<Parameters<Awaited<ReturnType<typeof introspectWorkflow>>["modifyAll"]>[0]>[0];

/** Starts a move with the Workflow's sleeps off (and `mock`'s changes), and waits for its end. */
async function moveWith(notebookId: string, mock?: (m: Modifier) => Promise<void>): Promise<ContentMoveJobDto> {
  await using introspector = await introspectWorkflow(env.MIGRATE_CONTENT_WORKFLOW);
  await introspector.modifyAll(async (m) => {
    await m.disableSleeps();
    await mock?.(m);
  });
  expect((await start(notebookId)).status).toBe(202);
  // Awaited here: the introspector is disposed when this function returns, and must outlive the run.
  return await settled(notebookId);
}

const TEXT = (topic: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `Section ${i + 1} on ${topic}. Osmosis moves water across a semipermeable membrane; the gradient of solute concentration drives diffusion, and chloroplasts capture light for photosynthesis in paragraph ${i}. Mitochondria oxidise glucose while ribosomes translate messenger RNA into proteins.`,
  ).join("\n\n");

/**
 * A notebook whose content is in D1, as every notebook created before migration 0021: its layout set to
 * 'd1' before anything is ingested, two real documents ingested, and 1,100 more pages on one of them so the
 * copy crosses pages of 500 rows on a composite key.
 */
async function notebookInD1() {
  const auth = bearer(await signUp());
  const notebookId = await createNotebook(auth, "Biology");
  await env.DB.prepare("UPDATE notebook SET content_layout = 'd1' WHERE id = ?").bind(notebookId).run();
  forgetContentLayoutsForTests();
  const first = await addText(auth, notebookId, { title: "Cells", text: TEXT("cells", 30) });
  await addText(auth, notebookId, { title: "Plants", text: TEXT("plants", 30) });
  const pages = Array.from({ length: 1100 }, (_, i) => i + 100);
  await env.DB.prepare(
    "INSERT INTO document_page (document_id, page_number, text) SELECT ?, value, 'appendix page ' || value FROM json_each(?)",
  )
    .bind(first.id, JSON.stringify(pages))
    .run();
  // A document's ingestion Workflow goes on after `ready` (its concept map): the start waits for it.
  for (let i = 0; (await moveRefusal(env, notebookId)) && i < 600; i++) await new Promise((r) => setTimeout(r, 50));
  expect(await moveRefusal(env, notebookId)).toBeNull();
  return { auth, notebookId };
}

/** The notebook's rows per content table in D1 (the copy's own scopes). */
async function d1Counts(notebookId: string) {
  const counts: Record<string, number> = {};
  for (const spec of TABLE_SPECS) {
    const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${spec.table} WHERE ${spec.d1Scope}`)
      .bind(notebookId)
      .first<{ n: number }>();
    counts[spec.table] = row?.n ?? -1;
  }
  return counts;
}

const layoutOf = async (notebookId: string) =>
  env.DB.prepare("SELECT content_layout AS layout, content_version AS version FROM notebook WHERE id = ?")
    .bind(notebookId)
    .first<{ layout: string; version: number }>();

const QUERY = "osmosis membrane";
const keywordIds = async (db: D1Database, notebookId: string) =>
  (await keywordRanking(db, { notebookId }, QUERY, 10_000)).sort();

describe("content move: a notebook's content from D1 to its own object", () => {
  it("copies, verifies (rows and sha256 per table), switches the layout and deletes the D1 rows", async () => {
    const { notebookId } = await notebookInD1();
    const before = await d1Counts(notebookId);
    expect(before.chunk).toBeGreaterThan(10);
    expect(before.document_page).toBeGreaterThan(1100);
    expect(before.chunk_keyword).toBe(before.chunk);
    const idsInD1 = await keywordIds(env.DB, notebookId);
    expect(idsInD1.length).toBeGreaterThan(5);
    const version = (await layoutOf(notebookId))?.version ?? -1;

    await using introspector = await introspectWorkflow(env.MIGRATE_CONTENT_WORKFLOW);
    await introspector.modifyAll(async (m) => {
      await m.disableSleeps();
    });
    const lines: string[] = [];
    const outcome = await moveNotebookContent({
      api: "http://api.test",
      token: ADMIN_TOKEN,
      notebookId,
      reason: "ticket OPS-51: scale out",
      fetch: ((url: string, init?: RequestInit) => app.request(url, init, withAdmin)) as typeof fetch,
      sleep: () => new Promise((r) => setTimeout(r, 50)),
      print: (line: string) => void lines.push(line),
    });
    expect(outcome.ok).toBe(true);
    const job = await settled(notebookId);
    console.log(`content move verification (${notebookId}):\n${lines.join("\n")}`);
    expect(job).toMatchObject({ status: "switched", phase: "done", failure: null });
    expect(job.report?.passed).toBe(true);
    expect(job.report?.recopied).toEqual([]);
    expect(job.report?.tables.map((t) => t.table)).toEqual([...CONTENT_TABLES]);
    for (const check of job.report?.tables ?? []) {
      expect(check.match).toBe(true);
      expect(check.d1).toEqual(check.object);
      expect(check.d1.rows).toBe(before[check.table]);
    }
    expect(job.report?.keyword).toMatchObject({ d1: expect.any(Number), same: true });
    expect(job.copied).toEqual(before);
    expect(job.d1RowsDeleted).toBe(Object.values(before).reduce((a, b) => a + b, 0));
    expect(lines[0]).toMatch(/^started cmv_\w+: moving /);
    expect(lines.at(-1)).toMatch(/^switched: .* reads its own database; \d+ rows deleted from D1$/);

    expect(await layoutOf(notebookId)).toEqual({ layout: "object", version: version + 1 });
    expect(Object.values(await d1Counts(notebookId)).every((n) => n === 0)).toBe(true);
    const object = notebookObject(env, notebookId);
    expect((await object.stub.stats()).rows).toEqual(before);
    expect(await keywordIds(object as unknown as D1Database, notebookId)).toEqual(idsInD1);
    // The D1 keyword index lost the notebook's rows with its chunks.
    expect(await keywordIds(env.DB, notebookId)).toEqual([]);

    const audit = await env.DB.prepare(
      "SELECT actor, detail FROM admin_audit WHERE action = 'notebook.content-move' AND detail LIKE ?",
    )
      .bind(`%${job.id}%`)
      .first<{ actor: string; detail: string }>();
    expect(audit?.actor).toBe(`admin:${await tokenFingerprint(ADMIN_TOKEN)}`);
    expect(JSON.parse(audit?.detail ?? "{}")).toEqual({
      notebookId,
      jobId: job.id,
      reason: "ticket OPS-51: scale out",
    });
    // Moved once: a second start is refused.
    expect((await start(notebookId)).status).toBe(409);
  });

  it("a table that differs after its recopy fails the move: back to 'd1', D1 untouched, the object cleared", async () => {
    const { notebookId } = await notebookInD1();
    const before = await d1Counts(notebookId);
    const version = (await layoutOf(notebookId))?.version ?? -1;
    const job = await moveWith(notebookId, async (m) => {
      // Both passes over chunk_vector "copy" nothing: the object misses the vectors both times.
      const nothing = { copied: 0, cursor: null, done: true };
      await m.mockStepResult({ name: "copy chunk_vector, page 1" }, nothing);
      await m.mockStepResult({ name: "recopy chunk_vector, page 1" }, nothing);
    });
    expect(job.status).toBe("failed");
    expect(job.report?.passed).toBe(false);
    expect(job.report?.recopied).toEqual(["chunk_vector"]);
    expect(job.failure).toMatch(
      new RegExp(
        `^verification failed after copying again: chunk_vector: D1 ${before.chunk_vector} rows sha256 \\w{12}…, object 0 rows`,
      ),
    );
    expect(job.report?.tables.filter((t) => !t.match).map((t) => t.table)).toEqual(["chunk_vector"]);
    expect(await layoutOf(notebookId)).toEqual({ layout: "d1", version });
    expect(await d1Counts(notebookId)).toEqual(before);
    const stats = await notebookObject(env, notebookId).stub.stats();
    expect(Object.values(stats.rows).every((n) => n === 0)).toBe(true);
    expect(await notebookObject(env, notebookId).stub.isGone()).toBe(false);
  });

  it("a mismatch once is copied again and passes; a failed page step is retried from its cursor", async () => {
    const { notebookId } = await notebookInD1();
    const before = await d1Counts(notebookId);
    const job = await moveWith(notebookId, async (m) => {
      await m.disableRetryDelays();
      // The first check of chunk "differs": chunk and its keyword rows are cleared in the object and copied again.
      const differs = { rows: 1, sha256: "0".repeat(64) };
      await m.mockStepResult(
        { name: "verify chunk" },
        { table: "chunk", d1: differs, object: { ...differs, rows: 0 }, match: false },
      );
      // The second page of pages fails twice (the object unreachable), then resumes after page 1's last key.
      await m.mockStepError({ name: "copy document_page, page 2" }, new Error("object overloaded"), 2);
    });
    expect(job.failure).toBeNull();
    expect(job.status).toBe("switched");
    // Recopying chunk clears its dependent keyword rows, so both are copied again.
    expect(job.report?.recopied).toEqual(["chunk", "chunk_keyword"]);
    expect(job.report?.tables.every((t) => t.match)).toBe(true);
    expect(job.copied).toEqual(before);
    expect((await notebookObject(env, notebookId).stub.stats()).rows).toEqual(before);
    const object = notebookObject(env, notebookId) as unknown as D1Database;
    expect((await keywordIds(object, notebookId)).length).toBeGreaterThan(5);
  });

  it("content that changed after the checks began (content_version moved) loses the switch: back to 'd1'", async () => {
    const { notebookId } = await notebookInD1();
    const before = await d1Counts(notebookId);
    const version = (await layoutOf(notebookId))?.version ?? -1;
    const job = await moveWith(notebookId, async (m) => {
      // As if a document had been removed while the tables were being checked.
      await m.mockStepResult({ name: "phase verify" }, { contentVersion: version - 1 });
    });
    expect(job.status).toBe("failed");
    expect(job.report?.passed).toBe(true);
    expect(job.failure).toBe(
      `the notebook's content changed during the checks (content_version ${version - 1} → ${version}): move it again`,
    );
    expect(await layoutOf(notebookId)).toEqual({ layout: "d1", version });
    expect(await d1Counts(notebookId)).toEqual(before);
    expect(Object.values((await notebookObject(env, notebookId).stub.stats()).rows).every((n) => n === 0)).toBe(true);
  });

  it("rows added to D1 after the checks make the switch lose; D1 changed after the switch keeps its rows", async () => {
    const { notebookId } = await notebookInD1();
    const before = await d1Counts(notebookId);
    const version = (await layoutOf(notebookId))?.version ?? -1;
    {
      const job = await moveWith(notebookId, async (m) => {
        // The checks "counted" one log row fewer than D1 holds at the switch: as if one arrived after them.
        const seen = { rows: (before.concept_extraction_log ?? 0) - 1, sha256: "1".repeat(64) };
        await m.mockStepResult(
          { name: "verify concept_extraction_log" },
          { table: "concept_extraction_log", d1: seen, object: seen, match: true },
        );
      });
      expect(job.status).toBe("failed");
      expect(job.failure).toBe(
        "the notebook's content in D1 changed after the checks (rows added or removed): move it again",
      );
      expect(await layoutOf(notebookId)).toEqual({ layout: "d1", version });
      expect(await d1Counts(notebookId)).toEqual(before);
    }
    const job = await moveWith(notebookId, async (m) => {
      // The same count but other bytes: the switch passes, the recheck after it finds D1 "changed".
      const seen = { rows: before.concept ?? 0, sha256: "2".repeat(64) };
      await m.mockStepResult({ name: "verify concept" }, { table: "concept", d1: seen, object: seen, match: true });
    });
    expect(job).toMatchObject({ status: "switched", phase: "done", d1RowsDeleted: 0 });
    expect(job.failure).toMatch(
      /^after the switch: D1 changed after the checks \(concept\): the notebook's D1 rows are kept/,
    );
    expect((await layoutOf(notebookId))?.layout).toBe("object");
    expect(await d1Counts(notebookId)).toEqual(before);
  });

  it("bulk (npm run content:move -- --all): a move per notebook still in D1 after the cursor; a busy one is skipped", async () => {
    const auth = bearer(await signUp());
    const marker = await createNotebook(auth, "Marker");
    const inD1 = async (title: string) => {
      const id = await createNotebook(auth, title);
      await env.DB.prepare("UPDATE notebook SET content_layout = 'd1' WHERE id = ?").bind(id).run();
      return id;
    };
    const empty = await inD1("Empty");
    const busy = await inD1("Busy");
    const now = Date.now();
    await env.DB.prepare(
      `INSERT INTO reembed_job (id, notebook_id, from_model, to_model, from_generation, to_generation, status, reason,
         actor, created_at, updated_at) VALUES (?, ?, 'a', 'b', 0, 1, 'running', 'test', 'test', ?, ?)`,
    )
      .bind(`rej_${crypto.randomUUID()}`, busy, now, now)
      .run();
    await using introspector = await introspectWorkflow(env.MIGRATE_CONTENT_WORKFLOW);
    await introspector.modifyAll(async (m) => {
      await m.disableSleeps();
    });
    const lines: string[] = [];
    const waits: number[] = [];
    try {
      const outcome = await moveAllNotebooks({
        api: "http://api.test",
        token: ADMIN_TOKEN,
        reason: "OPS-52: everyone",
        after: marker,
        limit: 2,
        fetch: ((url: string, init?: RequestInit) => app.request(url, init, withAdmin)) as typeof fetch,
        sleep: async (ms: number) => void waits.push(ms),
        print: (line: string) => void lines.push(line),
      });
      expect(outcome).toMatchObject({ ok: true, started: 1, next: null });
      expect(outcome.skipped).toEqual([{ notebookId: busy, reason: expect.stringMatching(/re-embed/) }]);
      expect(lines[0]).toBe(`batch: 1 started, 1 skipped; next ${busy}`);
      // One batch a second at most.
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThan(0);
      const job = await settled(empty);
      expect(job).toMatchObject({ status: "switched", phase: "done", d1RowsDeleted: 0 });
      expect(job.report).toMatchObject({ passed: true, keyword: null });
      expect((await layoutOf(empty))?.layout).toBe("object");
      expect((await layoutOf(busy))?.layout).toBe("d1");
    } finally {
      await env.DB.prepare("UPDATE reembed_job SET status = 'failed' WHERE notebook_id = ?").bind(busy).run();
    }
  });

  it("while a notebook moves, reads go on from D1 and uploads get 409 content-move-in-progress with Retry-After", async () => {
    const { auth, notebookId } = await notebookInD1();
    await env.DB.prepare("UPDATE notebook SET content_layout = 'migrating' WHERE id = ?").bind(notebookId).run();
    try {
      const upload = await call(`/v1/notebooks/${notebookId}/documents`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ title: "During", text: "A file added while the notebook's content moves." }),
      });
      expect(upload.status).toBe(409);
      expect(upload.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect(upload.headers.get("retry-after")).toBe("60");
      expect(((await upload.json()) as { type: string }).type).toMatch(/content-move-in-progress$/);
      const search = await call(`/v1/notebooks/${notebookId}/search`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ query: QUERY, mode: "keyword", limit: 3 }),
      });
      expect(search.status).toBe(200);
      expect(((await search.json()) as { results: unknown[] }).results.length).toBeGreaterThan(0);
      // A second move is refused while one is marked.
      expect((await start(notebookId)).status).toBe(409);
    } finally {
      await env.DB.prepare("UPDATE notebook SET content_layout = 'd1' WHERE id = ?").bind(notebookId).run();
    }
  });

  it("each table's copy spec names every column D1 has, keyed on its primary key (a new column fails here)", async () => {
    for (const spec of TABLE_SPECS) {
      const { results } = await env.DB.prepare(`PRAGMA table_info("${spec.table}")`).all<{
        name: string;
        pk: number;
      }>();
      expect([spec.table, [...spec.columns].sort()]).toEqual([spec.table, results.map((c) => c.name).sort()]);
      const primary = results.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      expect([spec.table, spec.key]).toEqual([spec.table, primary.map((c) => c.name)]);
    }
  });

  it("refuses to start while a document is still processing, and for a notebook already in its object", async () => {
    const { notebookId } = await notebookInD1();
    const doc = await env.DB.prepare("SELECT id FROM document WHERE notebook_id = ? LIMIT 1")
      .bind(notebookId)
      .first<{ id: string }>();
    await env.DB.prepare("UPDATE document SET status = 'processing' WHERE id = ?").bind(doc?.id).run();
    const busy = await start(notebookId);
    expect(busy.status).toBe(409);
    expect(((await busy.json()) as { detail: string }).detail).toMatch(/still being processed/);
    await env.DB.prepare("UPDATE document SET status = 'ready' WHERE id = ?").bind(doc?.id).run();
    const fresh = await createNotebook(bearer(await signUp()));
    expect((await start(fresh)).status).toBe(409);
    expect((await adminCall(movePath(fresh))).status).toBe(404);
    // The same read both sides use answers in key order after a cursor.
    const spec = TABLE_SPECS.find((s) => s.table === "document_page");
    if (!spec) throw new Error("no spec");
    const all = await readPage(env.DB, "d1", spec, notebookId, null, 5);
    const third = all[2];
    if (!third) throw new Error("too few pages");
    expect(await readPage(env.DB, "d1", spec, notebookId, keyOf(spec, third), 2)).toEqual(all.slice(3));
    expect(reportLines(null)).toEqual([]);
  });
});

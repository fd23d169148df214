import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { contentOfNotebook } from "../../test/content-of";
import { bearer, call, signUp } from "../../test/helpers";
import { MemoryVectorize } from "../../test/memory-vectorize";
import { addText, notebookWithTexts, search } from "../../test/notebook-helpers";
import { contentDb, readyDocumentTitles } from "../content/content-db";
import { type Embedder, overrideEmbedderForTests } from "../embeddings/embedder";
import { HashingEmbedder } from "../embeddings/hashing-embedder";
import { createLogger } from "../platform/logger";
import { Problem } from "../platform/problem";
import { useVectorIndexForTests } from "../vectors/vector-store";
import { notebookMatch, toFtsMatch } from "./fts-query";
import { tokenSpans } from "./normalize";
import { chunkRowsSql, loadChunks } from "./reads";
import { heavySearches, searchNotebook } from "./search";

const termsOf = (text: string) => tokenSpans(text).map((span) => span.term);

afterEach(() => {
  overrideEmbedderForTests(undefined);
  useVectorIndexForTests(undefined);
});

/** The local embedder, counting the texts it is asked to embed; `onEmbed` runs before it answers. */
function countingEmbedder(onEmbed: () => void = () => {}): Embedder & { calls: number } {
  const real = new HashingEmbedder();
  const counting = {
    model: real.model,
    dimensions: real.dimensions,
    maxBatch: real.maxBatch,
    calls: 0,
    embed: async (texts: string[]) => {
      counting.calls++;
      onEmbed();
      return real.embed(texts);
    },
  };
  return counting;
}

const PARAGRAPH =
  "The carburetor icing reduced engine power during the climb, and the pilot chose a field for a forced landing.";

describe("keyword search scoped inside the index", () => {
  it("matches only the notebook's own rows, whatever other notebooks hold", async () => {
    const auth = bearer(await signUp());
    const mine = await notebookWithTexts(auth, [{ title: "Mine", text: PARAGRAPH }]);
    const other = await notebookWithTexts(auth, [{ title: "Other", text: `${PARAGRAPH} ${PARAGRAPH}` }]);
    const match = toFtsMatch("carburetor icing engine power") as string;
    // The notebook's own database answers for it alone: no SQL filter on chunk.notebook_id, no notebook token.
    const sql =
      "SELECT chunk.notebook_id AS notebookId FROM chunk_terms JOIN chunk ON chunk.seq = chunk_terms.rowid WHERE chunk_terms MATCH ?1";
    const { results } = await (await contentOfNotebook(mine.notebookId))
      .prepare(sql)
      .bind(match)
      .all<{ notebookId: string }>();
    expect(results.length).toBeGreaterThan(0);
    expect(new Set(results.map((r) => r.notebookId))).toEqual(new Set([mine.notebookId]));
    // And the shared D1 holds no row of either notebook (with its notebook token or without).
    for (const m of [notebookMatch(mine.notebookId, match), notebookMatch(other.notebookId, match)]) {
      expect((await env.DB.prepare(sql).bind(m).all()).results).toEqual([]);
    }

    const res = await search(auth, mine.notebookId, { query: "carburetor icing", mode: "keyword" });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => r.documentTitle)).toEqual(["Mine"]);
    expect(other.notebookId).not.toBe(mine.notebookId);
  });

  it("keeps the index consistent when documents are deleted", async () => {
    const auth = bearer(await signUp());
    const { notebookId, docs } = await notebookWithTexts(auth, [
      { title: "Gone", text: PARAGRAPH },
      { title: "Kept", text: `Kept: ${PARAGRAPH}` },
    ]);
    const del = await call(`/v1/documents/${docs.Gone?.id}`, { method: "DELETE", headers: auth });
    expect(del.status).toBe(204);
    await (await contentOfNotebook(notebookId))
      .prepare("INSERT INTO chunk_terms (chunk_terms) VALUES ('integrity-check')")
      .run();
    const res = await search(auth, notebookId, { query: "carburetor", mode: "keyword" });
    expect(res.body.results.map((r) => r.documentTitle)).toEqual(["Kept"]);
  });

  it("with required terms, keeps only the rows that hold one of them", async () => {
    const auth = bearer(await signUp());
    const { notebookId } = await notebookWithTexts(auth, [
      { title: "Graduates", text: "Public high school graduates rose again. Public high school graduates by region." },
      { title: "States", text: "California 374,561 public high school graduates. Texas 279,970." },
    ]);
    const scope = { notebookId, embeddingModel: null, log: createLogger() };
    const query = "How many public high school graduates did California have?";
    const all = await searchNotebook(env, scope, query, { limit: 5, mode: "keyword" });
    expect(new Set(all.results.map((r) => r.documentTitle))).toEqual(new Set(["Graduates", "States"]));
    const named = await searchNotebook(env, scope, query, {
      limit: 5,
      mode: "keyword",
      require: termsOf("California"),
    });
    expect(named.results.map((r) => r.documentTitle)).toEqual(["States"]);
    const none = await searchNotebook(env, scope, query, { limit: 5, mode: "keyword", require: termsOf("Ohio") });
    expect(none.results).toEqual([]);
  });
});

describe("reading a search's chunks", () => {
  it("looks each chunk up by id, never walking the notebook's chunks, and keeps the notebook check", async () => {
    const auth = bearer(await signUp());
    const mine = await notebookWithTexts(auth, [{ title: "Mine", text: PARAGRAPH }]);
    const other = await notebookWithTexts(auth, [{ title: "Other", text: PARAGRAPH }]);
    const content = await contentDb(env, mine.notebookId);
    const idsOf = async (notebookId: string) =>
      (
        await (
          await contentDb(env, notebookId)
        )
          .prepare("SELECT id FROM chunk WHERE notebook_id = ?")
          .bind(notebookId)
          .all<{ id: string }>()
      ).results.map((r) => r.id);
    const ids = [...(await idsOf(mine.notebookId)), ...(await idsOf(other.notebookId))];
    for (const documentIds of [undefined, [mine.docs.Mine?.id as string]]) {
      const scope = { notebookId: mine.notebookId, embeddingModel: null, documentIds, log: createLogger() };
      const ready = await readyDocumentTitles(env.DB, mine.notebookId, documentIds);
      const rows = await loadChunks(content, scope, ids, ready);
      expect([...rows.values()].map((r) => r.title)).toEqual(["Mine"]);
      // Another notebook's ready documents never pass the check, whichever database the ids are looked up in.
      const theirs = await readyDocumentTitles(env.DB, other.notebookId);
      expect((await loadChunks(content, scope, ids, theirs)).size).toBe(0);
      const binds: unknown[] = [mine.notebookId, JSON.stringify(ids)];
      if (documentIds) binds.push(JSON.stringify(documentIds));
      const plan = (
        await content
          .prepare(`EXPLAIN QUERY PLAN ${chunkRowsSql(scope)}`)
          .bind(...binds)
          .all<{ detail: string }>()
      ).results.map((r) => r.detail);
      // A lookup by the chunk's primary key per wanted id, not a walk over chunk_notebook_idx.
      expect(plan.some((d) => /SEARCH c USING INDEX sqlite_autoindex_chunk_1 \(id=\?\)/.test(d))).toBe(true);
      expect(plan.join(" ")).not.toContain("chunk_notebook_idx");
    }
  });
});

describe("hybrid search over local vectors", () => {
  it("runs no kNN when the keyword hits fill the page, and gives the keyword order", async () => {
    const auth = bearer(await signUp());
    const { notebookId } = await notebookWithTexts(auth, [
      { title: "A", text: PARAGRAPH },
      { title: "B", text: `Another report. ${PARAGRAPH}` },
      { title: "C", text: `A third report. ${PARAGRAPH}` },
    ]);
    const embedder = countingEmbedder();
    overrideEmbedderForTests(embedder);
    const hybrid = await search(auth, notebookId, { query: "carburetor icing", mode: "hybrid", limit: 2 });
    expect(hybrid.status).toBe(200);
    expect(embedder.calls).toBe(0);
    expect(hybrid.body.mode).toBe("hybrid");
    const keyword = await search(auth, notebookId, { query: "carburetor icing", mode: "keyword", limit: 2 });
    expect(hybrid.body.results.map((r) => r.chunkId)).toEqual(keyword.body.results.map((r) => r.chunkId));
  });

  it("still asks the vectors when keyword hits cannot fill the page", async () => {
    const auth = bearer(await signUp());
    const { notebookId } = await notebookWithTexts(auth, [{ title: "Only", text: PARAGRAPH }]);
    await addText(auth, notebookId, { title: "Unrelated", text: "Mitochondria convert nutrients into energy." });
    const embedder = countingEmbedder();
    overrideEmbedderForTests(embedder);
    const res = await search(auth, notebookId, { query: "carburetor icing", mode: "hybrid", limit: 5 });
    expect(res.status).toBe(200);
    expect(embedder.calls).toBe(1);
    expect(res.body.results[0]?.documentTitle).toBe("Only");
  });
});

describe("work stops when nobody waits", () => {
  it("answers 503 with Retry-After, as problem+json, once the isolate's heavy searches are all taken", async () => {
    const auth = bearer(await signUp());
    const { notebookId } = await notebookWithTexts(auth, [{ title: "Doc", text: PARAGRAPH }]);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holders = Array.from({ length: heavySearches.maxActive }, () => heavySearches.run(undefined, () => held));
    try {
      const res = await call(`/v1/notebooks/${notebookId}/search`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ query: "carburetor", mode: "semantic" }),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await res.json()) as { type: string }).type).toMatch(/busy$/);
    } finally {
      release();
      await Promise.all(holders);
    }
    const after = await search(auth, notebookId, { query: "carburetor", mode: "semantic" });
    expect(after.status).toBe(200);
  });

  it("stops a search whose client went away before the vector query runs", async () => {
    const auth = bearer(await signUp());
    const { notebookId } = await notebookWithTexts(auth, [{ title: "Doc", text: PARAGRAPH }]);
    const notebook = await env.DB.prepare("SELECT embedding_model, content_version FROM notebook WHERE id = ?")
      .bind(notebookId)
      .first<{ embedding_model: string; content_version: number }>();
    const index = new MemoryVectorize(512);
    let vectorQueries = 0;
    const query = index.query.bind(index);
    index.query = (...args: Parameters<typeof query>) => {
      vectorQueries++;
      return query(...args);
    };
    useVectorIndexForTests(index as unknown as Vectorize);
    const controller = new AbortController();
    // The client disconnects while the query is being embedded.
    overrideEmbedderForTests(countingEmbedder(() => controller.abort()));
    const run = searchNotebook(
      env,
      {
        notebookId,
        embeddingModel: notebook?.embedding_model ?? null,
        contentVersion: notebook?.content_version,
        log: createLogger(),
      },
      "carburetor icing",
      { limit: 5, mode: "semantic", signal: controller.signal },
    );
    const stopped = await run.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(stopped).toBeInstanceOf(Problem);
    expect((stopped as Problem).type).toMatch(/request-abandoned$/);
    expect(vectorQueries).toBe(0);
    expect(heavySearches.running).toBe(0);
  });

  it("does not start a search whose deadline has already passed", async () => {
    const embedder = countingEmbedder();
    overrideEmbedderForTests(embedder);
    const signal = AbortSignal.abort(new DOMException("deadline", "TimeoutError"));
    const error = await searchNotebook(
      env,
      { notebookId: "nb_none", embeddingModel: embedder.model, log: createLogger() },
      "anything",
      {
        limit: 5,
        mode: "hybrid",
        signal,
      },
    ).catch((e: unknown) => e);
    expect((error as Problem).status).toBe(503);
    expect((error as Problem).type).toMatch(/deadline-exceeded$/);
    expect(embedder.calls).toBe(0);
  });
});

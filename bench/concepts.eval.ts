// `npm run bench:concepts` (and the `concepts` row of `npm run bench`): the concept map at scale, inside
// workerd on real local D1. A 2,000-page document (the NTSB pages' sentences reshuffled per page, ~3,000
// characters a page, one chunk per page) goes through the real extraction steps (100 pages each), then the
// graph step, then GET …/concept-map and GET /v1/concepts/{id} are timed. Figures are wall time, which in
// workerd includes D1 I/O: an upper bound of each step's CPU. Also: the largest step result (Workflow state).

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CONCEPT_PAGES_PER_STEP } from "../workers/api/src/concepts/concepts.store";
import { extractConceptRange } from "../workers/api/src/concepts/extract";
import { buildConceptGraph } from "../workers/api/src/concepts/graph";
import { contentDb } from "../workers/api/src/content/content-db";
import { getDb } from "../workers/api/src/db";
import { bearer, call, createNotebook, signUp } from "../workers/api/test/helpers";
import pages from "./retrieval/ntsb-pages.json";

const PAGES = 2000;
const REQUESTS = 20;

const percentile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

describe("concept map at scale", () => {
  it(`extracts a ${PAGES}-page document in Workflow-sized steps and answers the map quickly`, async () => {
    const auth = bearer(await signUp("Bencher"));
    const notebookId = await createNotebook(auth, "Concept bench");
    const owner = await env.DB.prepare("SELECT owner_id FROM notebook WHERE id = ?")
      .bind(notebookId)
      .first<string>("owner_id");
    const sentences = Object.values(pages as Record<string, string[]>)
      .flat()
      .join(" ")
      .split(/(?<=[.!?])\s+/)
      .filter((s) => s.length > 20);
    const documentId = "doc_conceptbench0001";
    await env.DB.prepare(
      `INSERT INTO document (id, notebook_id, owner_id, title, source_type, media_type, size_bytes, sha256, r2_key,
         status, stage, page_count, chunk_count, embedding_model, ready_at)
       VALUES (?1, ?2, ?3, 'Bench', 'pdf', 'application/pdf', 1, 'bench', 'bench', 'ready', 'done', ?4, ?4, 'bench', 0)`,
    )
      .bind(documentId, notebookId, owner, PAGES)
      .run();
    // Pages and chunks go where the notebook's content lives (its own object: content/content-db.ts).
    const content = await contentDb(env, notebookId);
    let characters = 0;
    for (let from = 1; from <= PAGES; from += 100) {
      const rows = Array.from({ length: Math.min(100, PAGES - from + 1) }, (_, i) => {
        const page = from + i;
        let text = "";
        for (let j = 0; text.length < 3000; j++) text += `${sentences[(page * 31 + j * 17) % sentences.length]} `;
        characters += text.length;
        return [page, text.trim()];
      });
      await content.batch([
        content
          .prepare(
            `INSERT INTO document_page (document_id, page_number, text) SELECT ?1, value ->> 0, value ->> 1 FROM json_each(?2)`,
          )
          .bind(documentId, JSON.stringify(rows)),
        content
          .prepare(
            `INSERT INTO chunk (id, document_id, notebook_id, chunk_index, page_start, page_end, start_offset, end_offset,
             text, token_count, embedding_model)
           SELECT ?1 || ':' || (value ->> 0 - 1), ?1, ?2, value ->> 0 - 1, value ->> 0, value ->> 0, 0, length(value ->> 1),
             value ->> 1, 1, 'bench' FROM json_each(?3)`,
          )
          .bind(documentId, notebookId, JSON.stringify(rows)),
      ]);
    }

    const stepMs: number[] = [];
    let largestState = 0;
    let mentions = 0;
    for (let from = 1; from <= PAGES; from += CONCEPT_PAGES_PER_STEP) {
      const started = performance.now();
      const counts = await extractConceptRange(env, documentId, from, from + CONCEPT_PAGES_PER_STEP - 1);
      stepMs.push(performance.now() - started);
      largestState = Math.max(largestState, JSON.stringify(counts).length);
      mentions += counts.mentions;
    }
    const contentVersion = await env.DB.prepare("SELECT content_version FROM notebook WHERE id = ?")
      .bind(notebookId)
      .first<number>("content_version");
    const graphStarted = performance.now();
    const graph = await buildConceptGraph(getDb(content), notebookId, contentVersion ?? 0);
    const graphMs = performance.now() - graphStarted;
    largestState = Math.max(largestState, JSON.stringify(graph).length);

    const mapMs: number[] = [];
    let map: { nodes: { id: string }[]; edges: unknown[]; communities: unknown[] } = {
      nodes: [],
      edges: [],
      communities: [],
    };
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      const res = await call(`/v1/notebooks/${notebookId}/concept-map`, { headers: auth });
      map = await res.json();
      mapMs.push(performance.now() - started);
      expect(res.status).toBe(200);
    }
    // A map limited to documents is read live (the snapshot is the default map's): timed too.
    const docsMapMs: number[] = [];
    for (let i = 0; i < REQUESTS / 4; i++) {
      const started = performance.now();
      const res = await call(`/v1/notebooks/${notebookId}/concept-map?documentIds=${documentId}`, { headers: auth });
      await res.json();
      docsMapMs.push(performance.now() - started);
      expect(res.status).toBe(200);
    }
    const conceptMs: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      const res = await call(`/v1/concepts/${map.nodes[i % map.nodes.length]?.id}`, { headers: auth });
      await res.json();
      conceptMs.push(performance.now() - started);
      expect(res.status).toBe(200);
    }
    const figures = {
      pages: PAGES,
      characters,
      steps: stepMs.length,
      pagesPerStep: CONCEPT_PAGES_PER_STEP,
      stepMsMedian: Math.round(percentile(stepMs, 50)),
      stepMsMax: Math.round(Math.max(...stepMs)),
      msPerPage: Number((stepMs.reduce((a, b) => a + b, 0) / PAGES).toFixed(2)),
      mentions,
      concepts: graph.concepts,
      edges: graph.edges,
      communities: graph.communities,
      graphMs: Math.round(graphMs),
      largestStepStateBytes: largestState,
      mapNodes: map.nodes.length,
      mapEdges: map.edges.length,
      mapMsP50: Math.round(percentile(mapMs, 50)),
      mapMsP95: Math.round(percentile(mapMs, 95)),
      docsMapMsP50: Math.round(percentile(docsMapMs, 50)),
      docsMapMsP95: Math.round(percentile(docsMapMs, 95)),
      conceptMsP50: Math.round(percentile(conceptMs, 50)),
      conceptMsP95: Math.round(percentile(conceptMs, 95)),
    };
    console.log(`CONCEPTS_BENCH ${JSON.stringify(figures)}`);
    expect(map.nodes.length).toBe(150);
  });
});

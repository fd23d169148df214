/** Test helpers of the concept map: ingest text or fixture documents and wait until their map is built. */

import { expect } from "vitest";
import type { ConceptDetailDto, ConceptMapDto } from "../../../../schemas/concepts";
import { contentOfDocument, contentOfNotebook } from "../../test/content-of";
import { call, jsonBody, waitForTerminal } from "../../test/helpers";

/** Waits until the document is ready and its concept steps (which follow readiness) logged their graph step. */
export async function waitForConcepts(auth: Record<string, string>, documentId: string, timeoutMs = 60_000) {
  expect((await waitForTerminal(auth, documentId, timeoutMs)).status).toBe("ready");
  const started = Date.now();
  for (;;) {
    const done = await (await contentOfDocument(documentId))
      .prepare(
        "SELECT 1 AS ok FROM concept_extraction_log WHERE document_id = ?1 AND step = 'concepts: graph' AND error IS NULL",
      )
      .bind(documentId)
      .first("ok");
    if (done) return;
    if (Date.now() - started > timeoutMs) throw new Error(`concepts of ${documentId} not built`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function addText(auth: Record<string, string>, notebookId: string, title: string, text: string) {
  const req = jsonBody({ title, text });
  const res = await call(`/v1/notebooks/${notebookId}/documents`, {
    method: "POST",
    body: req.body,
    headers: { ...req.headers, ...auth },
  });
  expect(res.status, await res.clone().text()).toBe(202);
  const { id } = (await res.json()) as { id: string };
  await waitForConcepts(auth, id);
  return id;
}

export async function getMap(auth: Record<string, string>, notebookId: string, query = ""): Promise<ConceptMapDto> {
  const res = await call(`/v1/notebooks/${notebookId}/concept-map${query}`, { headers: auth });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ConceptMapDto;
}

export async function getConcept(auth: Record<string, string>, conceptId: string): Promise<ConceptDetailDto> {
  const res = await call(`/v1/concepts/${conceptId}`, { headers: auth });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ConceptDetailDto;
}

/** The node whose label contains `text` (case-insensitive). */
export function nodeLabelled(map: ConceptMapDto, text: string) {
  return map.nodes.find((n) => n.label.toLowerCase().includes(text.toLowerCase()));
}

/**
 * The notebook's pair counts as stored (concept_pair, summed over steps) and as recounted from its mentions
 * (the self-join the graph step no longer runs): the incremental counts must always equal the recount.
 */
export async function pairCounts(notebookId: string) {
  const stored = await (await contentOfNotebook(notebookId))
    .prepare(
      `SELECT source_id || ' ' || target_id AS pair, sum(together) AS n FROM concept_pair
     WHERE notebook_id = ?1 GROUP BY source_id, target_id ORDER BY pair`,
    )
    .bind(notebookId)
    .all<{ pair: string; n: number }>();
  const recounted = await (await contentOfNotebook(notebookId))
    .prepare(
      `SELECT x.concept_id || ' ' || y.concept_id AS pair, count(*) AS n FROM concept_mention x
     JOIN concept_mention y ON y.document_id = x.document_id AND y.sentence = x.sentence AND y.concept_id > x.concept_id
     WHERE x.notebook_id = ?1 GROUP BY x.concept_id, y.concept_id ORDER BY pair`,
    )
    .bind(notebookId)
    .all<{ pair: string; n: number }>();
  return { stored: stored.results, recounted: recounted.results };
}

/** The notebook's page counts as stored (concept_page) and as recounted from its mentions. */
export async function pageCounts(notebookId: string) {
  const content = await contentOfNotebook(notebookId);
  const query = (sql: string) =>
    content
      .prepare(sql)
      .bind(notebookId)
      .all<{ row: string }>()
      .then((r) => r.results.map((x) => x.row));
  return {
    stored: await query(
      `SELECT concept_id || ' ' || document_id || ' ' || page || ' ' || chunk_id || ' ' || mentions AS row
       FROM concept_page WHERE notebook_id = ?1 ORDER BY row`,
    ),
    recounted: await query(
      `SELECT concept_id || ' ' || document_id || ' ' || page || ' ' || min(chunk_id) || ' ' || count(*) AS row
       FROM concept_mention WHERE notebook_id = ?1 GROUP BY concept_id, document_id, page ORDER BY row`,
    ),
  };
}

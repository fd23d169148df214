/** Test helpers of the concept map: ingest text or fixture documents and wait until their map is built. */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { ConceptDetailDto, ConceptMapDto } from "../../../../schemas/concepts";
import { call, jsonBody, waitForTerminal } from "../../test/helpers";

/** Waits until the document is ready and its concept steps (which follow readiness) logged their graph step. */
export async function waitForConcepts(auth: Record<string, string>, documentId: string, timeoutMs = 60_000) {
  expect((await waitForTerminal(auth, documentId, timeoutMs)).status).toBe("ready");
  const started = Date.now();
  for (;;) {
    const done = await env.DB.prepare(
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

/**
 * The concept map's body (nodes with their cited pages, the edges among them, their communities): built
 * once per content version by the graph step for the default request and stored as one row, or read live
 * for a map limited to some documents or larger than the default. Both go through `trimMap`, so a
 * snapshot answers exactly what the live query would.
 */
import { type ConceptMapDto, MAP_DEFAULT_NODES } from "../../../../schemas/concepts";
import type { Db } from "../db";

export type MapBody = Pick<ConceptMapDto, "nodes" | "edges" | "communities">;
type Citation = ConceptMapDto["nodes"][number]["citations"][number];

/** Pages cited per node in the map; the concept's own route lists more. */
const NODE_CITATIONS = 3;
/** Below this many concepts mentioned twice or more, concepts mentioned once stay on the map. */
const MIN_REPEATED_NODES = 20;

/**
 * Up to NODE_CITATIONS pages per concept (those mentioning it most, then document and page order), in the
 * documents `documentIds` when given: the first rows of each concept's ranked pages (concept_page_rank_idx).
 */
export async function nodeCitations(
  db: Db,
  conceptIds: readonly string[],
  documentIds: readonly string[] | null,
): Promise<Map<string, Citation[]>> {
  const { results } = await db.$client
    .prepare(
      `SELECT p.concept_id, p.document_id, p.page, p.chunk_id FROM json_each(?1) AS c
       JOIN concept_page p ON p.rowid IN (
         SELECT rowid FROM concept_page WHERE concept_id = c.value
           AND (?2 IS NULL OR document_id IN (SELECT value FROM json_each(?2)))
         ORDER BY mentions DESC, document_id, page LIMIT ?3)
       ORDER BY c.key, p.mentions DESC, p.document_id, p.page`,
    )
    .bind(JSON.stringify(conceptIds), documentIds ? JSON.stringify(documentIds) : null, NODE_CITATIONS)
    .all<{ concept_id: string; document_id: string; page: number; chunk_id: string }>();
  const cited = new Map<string, Citation[]>();
  for (const r of results) {
    cited.set(r.concept_id, [
      ...(cited.get(r.concept_id) ?? []),
      { documentId: r.document_id, page: r.page, chunkId: r.chunk_id },
    ]);
  }
  return cited;
}

/**
 * The heaviest `limit` nodes of a body ordered by weight, the edges among them and their communities.
 * A concept mentioned once is noise beside ones mentioned more often: dropped while enough of those remain.
 */
export function trimMap(body: MapBody, limit: number): MapBody {
  let nodes = body.nodes.slice(0, limit);
  const repeated = nodes.filter((n) => n.weight >= 2);
  if (repeated.length >= MIN_REPEATED_NODES) nodes = repeated;
  const ids = new Set(nodes.map((n) => n.id));
  const communities = new Set(nodes.map((n) => n.communityId));
  return {
    nodes,
    edges: body.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    communities: body.communities.filter((c) => communities.has(c.id)),
  };
}

type EdgeRow = {
  source_id: string;
  target_id: string;
  weight: number;
  relation: string | null;
  relation_source_id: string | null;
  relation_chunk_id: string | null;
  relation_quote: string | null;
};
type CommunityRow = { id: string; label: string; summary: string | null; summary_citations: string | null };
type NodeRow = { id: string; label: string; weight: number; community_id: string | null };

/**
 * The heaviest `limit` concepts (in `documentIds`, or the notebook) with their citations, the edges among
 * them and their communities, untrimmed (`trimMap` cuts it to what a request shows).
 */
export async function readMapBody(
  db: Db,
  notebookId: string,
  documentIds: readonly string[] | null,
  limit: number,
): Promise<MapBody> {
  const client = db.$client;
  const { results: nodes } = documentIds
    ? await client
        .prepare(
          `SELECT c.id, c.label, w.weight, c.community_id FROM (
             SELECT concept_id, sum(mentions) AS weight FROM concept_page
             WHERE document_id IN (SELECT value FROM json_each(?2)) GROUP BY concept_id) w
           JOIN concept c ON c.id = w.concept_id AND c.notebook_id = ?1
           ORDER BY w.weight DESC, c.id LIMIT ?3`,
        )
        .bind(notebookId, JSON.stringify(documentIds), limit)
        .all<NodeRow>()
    : await client
        .prepare(
          `SELECT id, label, mention_count AS weight, community_id FROM concept WHERE notebook_id = ?1
           ORDER BY mention_count DESC, id LIMIT ?2`,
        )
        .bind(notebookId, limit)
        .all<NodeRow>();
  const ids = JSON.stringify(nodes.map((n) => n.id));
  const communityIds = JSON.stringify([
    ...new Set(nodes.map((n) => n.community_id).filter((c): c is string => c !== null)),
  ]);
  const [edges, communities] = await client.batch([
    client
      .prepare(
        `SELECT source_id, target_id, weight, relation, relation_source_id, relation_chunk_id, relation_quote
         FROM concept_edge
         WHERE notebook_id = ?1 AND source_id IN (SELECT value FROM json_each(?2))
           AND target_id IN (SELECT value FROM json_each(?2))`,
      )
      .bind(notebookId, ids),
    client
      .prepare(
        `SELECT id, label, summary, summary_citations FROM concept_community WHERE id IN (SELECT value FROM json_each(?1))
         ORDER BY size DESC, id`,
      )
      .bind(communityIds),
  ]);
  const cited = await nodeCitations(
    db,
    nodes.map((n) => n.id),
    documentIds,
  );
  return {
    nodes: nodes.map((n) => ({
      id: n.id,
      label: n.label,
      weight: Number(n.weight),
      communityId: n.community_id,
      citations: cited.get(n.id) ?? [],
    })),
    edges: ((edges?.results ?? []) as EdgeRow[]).map((e) => ({
      source: e.source_id,
      target: e.target_id,
      weight: e.weight,
      ...(e.relation
        ? {
            relation: e.relation,
            ...(e.relation_source_id ? { relationFrom: e.relation_source_id } : {}),
            ...(e.relation_chunk_id && e.relation_quote
              ? { evidence: { chunkId: e.relation_chunk_id, quote: e.relation_quote } }
              : {}),
          }
        : {}),
    })),
    communities: ((communities?.results ?? []) as CommunityRow[]).map((c) => ({
      id: c.id,
      label: c.label,
      ...(c.summary ? { summary: c.summary, citations: JSON.parse(c.summary_citations ?? "[]") as Citation[] } : {}),
    })),
  };
}

/** Stores the default map (MAP_DEFAULT_NODES, all documents) as the notebook's snapshot for its built version. */
export async function writeMapSnapshot(db: Db, notebookId: string) {
  const body = await readMapBody(db, notebookId, null, MAP_DEFAULT_NODES);
  await db.$client
    .prepare("UPDATE concept_map SET snapshot = ?2 WHERE notebook_id = ?1")
    .bind(notebookId, JSON.stringify(body))
    .run();
}

/** A stored snapshot, or null when there is none (a map built before snapshots existed). */
export function parseSnapshot(json: string | null): MapBody | null {
  if (!json) return null;
  const body = JSON.parse(json) as MapBody;
  return Array.isArray(body.nodes) && Array.isArray(body.edges) && Array.isArray(body.communities) ? body : null;
}

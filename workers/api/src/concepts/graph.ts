/**
 * The notebook's concept graph, built from the mentions: acronym merges and labels (merge.ts), then
 * edges between the top concepts from sentence co-occurrence weighted by normalised PMI, then Louvain
 * communities (graphology) labelled by their top concepts. Stamped with the notebook's content version:
 * a map built before a document was added or removed is rebuilt on its next read.
 */
import Graph from "graphology";
import louvain from "graphology-communities-louvain";
import type { Db } from "../db";
import { readModelOutput, restoreModelOutput } from "./enrich";
import { writeMapSnapshot } from "./map-body";
import { mergeAndLabel } from "./merge";

/**
 * Concepts the graph is built over (by mention count). The map shows at most 150; 2,000 keeps every
 * concept a student could reach through a neighbour, and bounds the co-occurrence join and Louvain
 * (~2 ms per 1,000 nodes, bench `concepts`).
 */
export const GRAPH_CONCEPTS = 2000;
/**
 * Sentences two concepts must share before they are related: once is as often chance as meaning in a
 * large notebook, but a notebook of a few short reports (under SMALL_NOTEBOOK_SENTENCES) has few repeats.
 */
export const MIN_COOCCURRENCES = 2;
const SMALL_NOTEBOOK_SENTENCES = 2000;
/** The weight of a pair that co-occurs exactly as often as chance (NPMI 0). */
const MIN_EDGE_WEIGHT = 0.01;
/** Concepts named in a community's label. */
const LABEL_CONCEPTS = 3;

export type GraphStats = { concepts: number; edges: number; communities: number; merged: number; durationMs: number };

type EdgeRow = { source: string; target: string; together: number; a: number; b: number };

/** Deterministic pseudo-random numbers, so the same graph always gets the same communities. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Normalised PMI of a pair over `total` sentences: 1 always together, 0 independent, below 0 avoiding. */
export function npmi(together: number, a: number, b: number, total: number): number {
  if (together <= 0 || total <= 0) return -1;
  const pab = together / total;
  if (pab >= 1) return 1;
  return Math.log(pab / ((a / total) * (b / total))) / -Math.log(pab);
}

/**
 * Summed pair counts (concept_pair: one row per extraction step and pair) among the top concepts, with
 * each side's sentence count: a scan of one covering index instead of a self-join over every mention.
 */
async function cooccurrences(
  db: Db,
  notebookId: string,
  top: ReadonlyArray<{ id: string; mentions: number }>,
  minimum: number,
): Promise<EdgeRow[]> {
  const { results } = await db.$client
    .prepare(
      `SELECT source_id AS source, target_id AS target, sum(together) AS together FROM concept_pair
       WHERE notebook_id = ?1 AND source_id IN (SELECT value FROM json_each(?2))
         AND target_id IN (SELECT value FROM json_each(?2))
       GROUP BY source_id, target_id HAVING sum(together) >= ?3`,
    )
    .bind(notebookId, JSON.stringify(top.map((t) => t.id)), minimum)
    .all<Omit<EdgeRow, "a" | "b">>();
  const mentions = new Map(top.map((t) => [t.id, t.mentions]));
  return results.map((r) => ({ ...r, a: mentions.get(r.source) ?? 0, b: mentions.get(r.target) ?? 0 }));
}

/** Sentences of the notebook that mention any concept (NPMI's denominator). */
async function mentionedSentences(db: Db, notebookId: string): Promise<number> {
  return (
    (await db.$client
      .prepare(
        `SELECT count(*) AS n FROM (SELECT DISTINCT document_id, sentence FROM concept_mention WHERE notebook_id = ?1)`,
      )
      .bind(notebookId)
      .first<number>("n")) ?? 0
  );
}

/** Rebuilds edges, communities and labels of the notebook's map for `contentVersion`, and its snapshot. */
export async function buildConceptGraph(db: Db, notebookId: string, contentVersion: number): Promise<GraphStats> {
  const started = Date.now();
  const merged = await mergeAndLabel(db, notebookId);
  const { results: top } = await db.$client
    .prepare(
      `SELECT id, label, mention_count AS mentions FROM concept WHERE notebook_id = ?1
       ORDER BY mention_count DESC, id LIMIT ?2`,
    )
    .bind(notebookId, GRAPH_CONCEPTS)
    .all<{ id: string; label: string; mentions: number }>();
  const total = await mentionedSentences(db, notebookId);
  const minimum = total < SMALL_NOTEBOOK_SENTENCES ? 1 : MIN_COOCCURRENCES;
  const edges = (await cooccurrences(db, notebookId, top, minimum))
    .map((e) => ({ ...e, npmi: npmi(e.together, e.a, e.b, total) }))
    // Pairs together at least as often as chance. In a short text everything co-occurs (PMI ~0), so the
    // weight has a floor: the relation stays on the map, the weakest of all.
    .filter((e) => e.npmi >= 0)
    .map((e) => ({ ...e, weight: Math.max(MIN_EDGE_WEIGHT, Math.round(e.npmi * 1000) / 1000) }));

  const graph = new Graph({ type: "undirected" });
  for (const t of top) graph.addNode(t.id);
  for (const e of edges) graph.addEdge(e.source, e.target, { weight: e.weight * Math.log2(1 + e.together) });
  const assignment = graph.size > 0 ? louvain(graph, { getEdgeWeight: "weight", rng: seeded(42) }) : {};
  // Communities of one concept are not communities: those concepts stay unassigned.
  const members = new Map<number, string[]>();
  for (const t of top) {
    const c = assignment[t.id];
    if (c !== undefined && graph.degree(t.id) > 0) members.set(c, [...(members.get(c) ?? []), t.id]);
  }
  const labelOf = new Map(top.map((t) => [t.id, t.label]));
  const communities = [...members.values()]
    .filter((ids) => ids.length >= 2)
    .sort((a, b) => b.length - a.length)
    .map((ids, n) => ({
      id: `${notebookId}:c${n}`,
      label: ids
        .slice(0, LABEL_CONCEPTS)
        .map((id) => labelOf.get(id))
        .join(", "),
      ids,
    }));

  const client = db.$client;
  const saved = await readModelOutput(db, notebookId);
  const json = (rows: unknown[]) => JSON.stringify(rows);
  const statements = [
    client.prepare("DELETE FROM concept_edge WHERE notebook_id = ?1").bind(notebookId),
    client.prepare("DELETE FROM concept_community WHERE notebook_id = ?1").bind(notebookId),
    client.prepare("UPDATE concept SET community_id = NULL WHERE notebook_id = ?1").bind(notebookId),
  ];
  for (let i = 0; i < edges.length; i += 500) {
    const rows = edges.slice(i, i + 500).map((e) => [e.source, e.target, e.together, e.weight]);
    statements.push(
      client
        .prepare(
          `INSERT INTO concept_edge (notebook_id, source_id, target_id, cooccurrences, weight)
           SELECT ?1, value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?2)`,
        )
        .bind(notebookId, json(rows)),
    );
  }
  if (communities.length) {
    statements.push(
      client
        .prepare(
          `INSERT INTO concept_community (id, notebook_id, label, size)
           SELECT value ->> 0, ?1, value ->> 1, value ->> 2 FROM json_each(?2)`,
        )
        .bind(notebookId, json(communities.map((c) => [c.id, c.label, c.ids.length]))),
    );
  }
  const assigned = communities.flatMap((c) => c.ids.map((id) => [id, c.id]));
  for (let i = 0; i < assigned.length; i += 500) {
    statements.push(
      client
        .prepare(
          "UPDATE concept SET community_id = j.value ->> 1 FROM json_each(?1) AS j WHERE concept.id = j.value ->> 0",
        )
        .bind(json(assigned.slice(i, i + 500))),
    );
  }
  statements.push(...restoreModelOutput(db, notebookId, saved));
  const stats = {
    concepts: top.length,
    edges: edges.length,
    communities: communities.length,
    merged,
    durationMs: Date.now() - started,
  };
  statements.push(
    client
      .prepare(
        `INSERT INTO concept_map (notebook_id, content_version, concept_count, edge_count, community_count, duration_ms, built_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (notebook_id) DO UPDATE SET content_version = excluded.content_version,
           concept_count = excluded.concept_count, edge_count = excluded.edge_count,
           community_count = excluded.community_count, duration_ms = excluded.duration_ms, built_at = excluded.built_at`,
      )
      .bind(notebookId, contentVersion, stats.concepts, stats.edges, stats.communities, stats.durationMs, Date.now()),
  );
  await client.batch(statements);
  // Read back through the same query a live request uses, so the snapshot is what that request would answer.
  await writeMapSnapshot(db, notebookId);
  return { ...stats, durationMs: Date.now() - started };
}

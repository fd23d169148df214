/**
 * Reading the concept map: the heaviest concepts (in the selected documents, or the notebook), up to three
 * cited pages each, the edges among them and their communities; and one concept with its neighbours and
 * passages. A map built for an older content version (a document added or deleted since) is rebuilt first.
 */
import { type ConceptDetailDto, type ConceptMapDto, MAP_DEFAULT_NODES } from "../../../../schemas/concepts";
import { documentTitles, notebookObject } from "../content/content-db";
import type { Db } from "../db";
import { notFound } from "../platform/problem";
import { buildConceptGraph } from "./graph";
import { parseSnapshot, readMapBody, trimMap } from "./map-body";

const NEIGHBOURS = 20;
const PASSAGES = 20;
/** Characters of page text either side of a mention when its sentence cannot be cut cleanly. */
const PASSAGE_CONTEXT = 240;

type Notebook = { id: string; contentVersion: number };

/**
 * The map's stored snapshot, after rebuilding the graph (which writes a new one) when it was built for
 * another content version, or never.
 */
export async function ensureFreshGraph(db: Db, notebook: Notebook): Promise<string | null> {
  const read = () =>
    db.$client
      .prepare("SELECT content_version, snapshot FROM concept_map WHERE notebook_id = ?1")
      .bind(notebook.id)
      .first<{ content_version: number; snapshot: string | null }>();
  const built = await read();
  if (built?.content_version === notebook.contentVersion) return built.snapshot;
  await buildConceptGraph(db, notebook.id, notebook.contentVersion);
  return (await read())?.snapshot ?? null;
}

export async function readConceptMap(
  registry: Db,
  db: Db,
  notebook: Notebook,
  options: { documentIds?: readonly string[]; limit: number },
): Promise<ConceptMapDto> {
  const snapshot = await ensureFreshGraph(db, notebook);
  const documentIds = options.documentIds?.length ? options.documentIds : null;
  // The default map is one stored row; a map of some documents, or larger than the default, is read live.
  const stored = !documentIds && options.limit <= MAP_DEFAULT_NODES ? parseSnapshot(snapshot) : null;
  const body = trimMap(stored ?? (await readMapBody(db, notebook.id, documentIds, options.limit)), options.limit);
  return {
    notebookId: notebook.id,
    contentVersion: notebook.contentVersion,
    pendingDocuments: await pending(registry, db, notebook.id),
    ...body,
  };
}

/**
 * Ready documents whose concepts are not on the map yet: no successful graph step since they became ready.
 * The documents are the registry's (D1), the log is the notebook's content database's.
 */
async function pending(registry: Db, db: Db, notebookId: string): Promise<number> {
  const [{ results: ready }, { results: graphed }] = await Promise.all([
    registry.$client
      .prepare("SELECT id, ready_at FROM document WHERE notebook_id = ?1 AND status = 'ready'")
      .bind(notebookId)
      .all<{ id: string; ready_at: number | null }>(),
    db.$client
      .prepare(
        `SELECT document_id, max(created_at) AS at FROM concept_extraction_log
         WHERE notebook_id = ?1 AND step = 'concepts: graph' AND error IS NULL GROUP BY document_id`,
      )
      .bind(notebookId)
      .all<{ document_id: string; at: number }>(),
  ]);
  const last = new Map(graphed.map((g) => [g.document_id, g.at]));
  return ready.filter((d) => !(d.ready_at !== null && (last.get(d.id) ?? -1) >= d.ready_at)).length;
}

/** The sentence of `page` around `at`: from the previous sentence end to the next, bounded either side. */
export function sentenceAround(text: string, at: number): string {
  const from = Math.max(0, at - PASSAGE_CONTEXT);
  const before = text.slice(from, at);
  const lastEnd = Math.max(before.lastIndexOf(". "), before.lastIndexOf("\n\n"));
  // No sentence end within reach: start at a word, not inside one.
  const start = lastEnd >= 0 ? from + lastEnd + 2 : from === 0 ? 0 : from + before.search(/\s/) + 1;
  const after = text.slice(at, at + PASSAGE_CONTEXT);
  const nextEnd = after.search(/[.!?](\s|$)|\n\n/);
  const end = nextEnd >= 0 ? at + nextEnd + 1 : at + after.length;
  return text.slice(start, end).replace(/\s+/g, " ").trim();
}

/** Notebooks asked at once when a concept id is looked for across the caller's notebooks' objects. */
const LOOKUP_FAN_OUT = 16;

/**
 * The caller's notebook holding the concept; 404 alike for a missing concept and another tenant's. A concept
 * id does not name its notebook, so after the notebooks still in D1 (one query) the caller's own notebooks'
 * objects are asked, at most LOOKUP_FAN_OUT at a time: the cost follows the caller's notebook count, never
 * anyone else's data.
 */
export async function ownedConceptNotebook(env: Env, userId: string, conceptId: string): Promise<Notebook> {
  const inD1 = await env.DB.prepare(
    `SELECT n.id, n.content_version FROM concept c JOIN notebook n ON n.id = c.notebook_id
     WHERE c.id = ?1 AND n.owner_id = ?2 AND n.content_layout <> 'object'`,
  )
    .bind(conceptId, userId)
    .first<{ id: string; content_version: number }>();
  if (inD1) return { id: inD1.id, contentVersion: inD1.content_version };
  const { results: owned } = await env.DB.prepare(
    "SELECT id, content_version FROM notebook WHERE owner_id = ?1 AND content_layout = 'object' ORDER BY updated_at DESC",
  )
    .bind(userId)
    .all<{ id: string; content_version: number }>();
  for (let i = 0; i < owned.length; i += LOOKUP_FAN_OUT) {
    const some = owned.slice(i, i + LOOKUP_FAN_OUT);
    const found = await Promise.all(
      some.map((n) =>
        notebookObject(env, n.id)
          .prepare("SELECT 1 AS found FROM concept WHERE id = ?1 AND notebook_id = ?2")
          .bind(conceptId, n.id)
          .first<{ found: number }>(),
      ),
    );
    const at = found.findIndex(Boolean);
    const hit = some[at];
    if (hit) return { id: hit.id, contentVersion: hit.content_version };
  }
  throw notFound(`Concept ${conceptId}`);
}

export async function readConcept(
  registry: Db,
  db: Db,
  notebook: Notebook,
  conceptId: string,
): Promise<ConceptDetailDto> {
  await ensureFreshGraph(db, notebook);
  const client = db.$client;
  const row = await client
    .prepare(
      "SELECT id, label, mention_count, document_count, community_id FROM concept WHERE id = ?1 AND notebook_id = ?2",
    )
    .bind(conceptId, notebook.id)
    .first<{ id: string; label: string; mention_count: number; document_count: number; community_id: string | null }>();
  if (!row) throw notFound("Concept");
  const [aliases, neighbours, mentions, community] = await client.batch([
    client
      .prepare("SELECT DISTINCT surface FROM concept_mention WHERE concept_id = ?1 ORDER BY surface LIMIT 20")
      .bind(conceptId),
    client
      .prepare(
        `SELECT c.id, c.label, e.weight, e.relation FROM concept_edge e
         JOIN concept c ON c.id = CASE WHEN e.source_id = ?1 THEN e.target_id ELSE e.source_id END
         WHERE e.notebook_id = ?2 AND (e.source_id = ?1 OR e.target_id = ?1) ORDER BY e.weight DESC LIMIT ?3`,
      )
      .bind(conceptId, notebook.id, NEIGHBOURS),
    client
      .prepare(
        `SELECT m.document_id, m.page, m.chunk_id, m.start_offset, p.text FROM (
           SELECT document_id, page, min(chunk_id) AS chunk_id, min(start_offset) AS start_offset
           FROM concept_mention WHERE concept_id = ?1 GROUP BY document_id, page ORDER BY document_id, page LIMIT ?2) m
         JOIN document_page p ON p.document_id = m.document_id AND p.page_number = m.page`,
      )
      .bind(conceptId, PASSAGES),
    client.prepare("SELECT id, label, summary FROM concept_community WHERE id = ?1").bind(row.community_id),
  ]);
  const c = community?.results[0] as { id: string; label: string; summary: string | null } | undefined;
  const passages = (mentions?.results ?? []) as Array<{
    document_id: string;
    page: number;
    chunk_id: string;
    start_offset: number;
    text: string;
  }>;
  const titles = await documentTitles(
    registry.$client,
    notebook.id,
    passages.map((m) => m.document_id),
  );
  return {
    id: row.id,
    notebookId: notebook.id,
    label: row.label,
    aliases: ((aliases?.results ?? []) as Array<{ surface: string }>).map((a) => a.surface),
    weight: row.mention_count,
    documentCount: row.document_count,
    community: c ? { id: c.id, label: c.label, ...(c.summary ? { summary: c.summary } : {}) } : null,
    neighbours: (
      (neighbours?.results ?? []) as Array<{ id: string; label: string; weight: number; relation: string | null }>
    ).map((n) => ({ id: n.id, label: n.label, weight: n.weight, ...(n.relation ? { relation: n.relation } : {}) })),
    passages: passages.flatMap((m) => {
      const title = titles.get(m.document_id);
      return title === undefined
        ? []
        : [
            {
              documentId: m.document_id,
              documentTitle: title,
              page: m.page,
              chunkId: m.chunk_id,
              text: sentenceAround(m.text, m.start_offset),
            },
          ];
    }),
  };
}

/**
 * The rest of each retrieved table, for a superlative question ("Which state had the lowest …?"), which is
 * answered by comparing every row of a table. Ingestion stores a long table in several chunks (about twenty rows
 * each, each later one carrying the header in its context), and search returns one or two of them, or only the
 * chunk of the table's caption: Table 6 of the CDC report is three chunks, and "the highest stroke rate" retrieved
 * only its last, which holds Utah alone. This reads, in one query, the chunks of the same documents around each
 * retrieved one, and keeps those that go on with its table: forward while a chunk ends inside a table and the
 * next starts inside it (from a retrieved chunk without rows — a caption, a heading — the next one holding a
 * table), backward while a chunk starts inside a table. A table's first chunk read so, without a heading of its
 * own, gets the last lines of the chunk before it (the caption it was cut from) as its heading. The added
 * passages are given to the superlative answer only; an ordinary answer is built from the retrieved ones.
 */
import { isTableRow } from "../ingest/markdown-table";
import { CAPTION_LINES } from "../ingest/table-caption";
import type { ChunkRow } from "../retrieval/reads";
import type { SearchHit } from "../retrieval/search";
import { passagesOf } from "./passages";
import type { Passage } from "./types";

/**
 * Chunks read each way from a retrieved one: a table of about 160 rows at about twenty rows a chunk. Chosen so,
 * by the largest table of the evaluation's documents (Table 14 of the NCES projections, 56 rows in four chunks).
 */
export const TABLE_REACH = 8;

const lines = (text: string) => text.split("\n").filter((l) => l.trim());
const startsWithRow = (c: ChunkRow) => isTableRow(lines(c.text)[0] ?? "");
const endsWithRow = (c: ChunkRow) => isTableRow(lines(c.text).at(-1) ?? "");
const hasRows = (c: ChunkRow) => lines(c.text).some(isTableRow);
/** A chunk that starts inside a table: its first line a row, its context the table's header rows. */
const continues = (c: ChunkRow) => startsWithRow(c) && lines(c.context ?? "").some(isTableRow);

/** The chunks that complete the tables of `passages`, as passages (none retrieved already). */
export async function tablePieces(
  db: D1Database,
  notebookId: string,
  passages: readonly Passage[],
): Promise<Passage[]> {
  if (passages.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT c.id, c.document_id, c.chunk_index, c.page_start, c.page_end, c.start_offset, c.end_offset, c.text, c.context
         FROM chunk c JOIN chunk r ON r.document_id = c.document_id
          AND c.chunk_index BETWEEN r.chunk_index - ?3 AND r.chunk_index + ?3
        WHERE r.id IN (SELECT value FROM json_each(?1)) AND r.notebook_id = ?2 AND c.notebook_id = ?2
        ORDER BY c.document_id, c.chunk_index`,
    )
    .bind(JSON.stringify(passages.map((p) => p.chunkId)), notebookId, TABLE_REACH)
    .all<ChunkRow>();
  const byKey = new Map(results.map((c) => [`${c.document_id}#${c.chunk_index}`, c]));
  const at = (c: ChunkRow, step: number) => byKey.get(`${c.document_id}#${c.chunk_index + step}`);
  const retrieved = new Set(passages.map((p) => p.chunkId));
  const added = new Map<string, ChunkRow>();
  const add = (c: ChunkRow) => {
    if (!retrieved.has(c.id)) added.set(c.id, c);
  };
  for (const id of retrieved) {
    const start = results.find((c) => c.id === id);
    if (!start) continue;
    for (let c = start, next = at(c, 1); next; c = next, next = at(c, 1)) {
      const goesOn = continues(next) || (c === start && !hasRows(c) && hasRows(next));
      if (!(goesOn && (endsWithRow(c) || !hasRows(c)))) break;
      add(next);
    }
    for (let c = start, prev = at(c, -1); prev && continues(c); c = prev, prev = at(c, -1)) add(prev);
  }
  // A table's first chunk, cut from the caption or heading that ends the chunk before ("Anexo II - Despesa … por
  // Órgão Orçamentário" above "Valores Correntes" and the header row), has it as its heading.
  const headingOf = (c: ChunkRow) => {
    const before = at(c, -1);
    if (c.context || continues(c) || !before || hasRows(before)) return c.context;
    return lines(before.text).slice(-CAPTION_LINES).join("\n");
  };
  const titles = new Map(passages.map((p) => [p.documentId, p.documentTitle]));
  const hits: SearchHit[] = [...added.values()].map((c) => ({
    chunkId: c.id,
    chunkIds: [c.id],
    documentId: c.document_id,
    documentTitle: titles.get(c.document_id) ?? "",
    pageStart: c.page_start,
    pageEnd: c.page_end,
    text: c.text,
    highlights: [],
    score: 0,
    startOffset: c.start_offset,
    endOffset: c.end_offset,
    context: headingOf(c),
  }));
  return passagesOf(db, hits);
}

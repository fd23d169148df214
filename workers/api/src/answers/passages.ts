/**
 * Search results become passages page by page: each result's span (page-relative chunk offsets) is cut
 * out of the stored page texts, so every sentence an answer quotes is known to lie on one page, and the
 * citation can name that page. One D1 query reads every page the results touch.
 */
import type { SearchHit } from "../retrieval/search";
import type { PageSegment, Passage } from "./types";

type PageRow = { document_id: string; page_number: number; text: string };

const pageKey = (documentId: string, page: number) => `${documentId}#${page}`;

/** The stored text of the pages `hits` span, keyed by `documentId#page`. */
async function loadPages(db: D1Database, hits: readonly SearchHit[]): Promise<Map<string, string>> {
  const wanted = hits.flatMap((hit) =>
    Array.from({ length: hit.pageEnd - hit.pageStart + 1 }, (_, i) => [hit.documentId, hit.pageStart + i]),
  );
  if (!wanted.length) return new Map();
  const { results } = await db
    .prepare(
      `SELECT document_id, page_number, text FROM document_page
       WHERE (document_id, page_number) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?1))`,
    )
    .bind(JSON.stringify(wanted))
    .all<PageRow>();
  return new Map(results.map((row) => [pageKey(row.document_id, row.page_number), row.text]));
}

function segmentsOf(hit: SearchHit, pages: Map<string, string>): PageSegment[] | undefined {
  const segments: PageSegment[] = [];
  for (let page = hit.pageStart; page <= hit.pageEnd; page++) {
    const text = pages.get(pageKey(hit.documentId, page));
    if (text === undefined) return undefined;
    const start = page === hit.pageStart ? hit.startOffset : 0;
    const end = page === hit.pageEnd ? hit.endOffset : text.length;
    const slice = text.slice(start, Math.max(start, end));
    if (slice.trim()) segments.push({ page, text: slice });
  }
  return segments.length ? segments : undefined;
}

/** The passages behind search hits, best first; a hit whose pages cannot be read keeps its chunk text. */
export async function passagesOf(db: D1Database, hits: readonly SearchHit[]): Promise<Passage[]> {
  const pages = await loadPages(db, hits);
  return hits.map((hit) => {
    const segments = segmentsOf(hit, pages) ?? [{ page: hit.pageStart, text: hit.text }];
    return {
      chunkId: hit.chunkId,
      documentId: hit.documentId,
      documentTitle: hit.documentTitle,
      pageStart: hit.pageStart,
      pageEnd: hit.pageEnd,
      segments,
      context: hit.context,
      text: segments.map((s) => s.text).join("\n\n"),
      score: hit.score,
    };
  });
}

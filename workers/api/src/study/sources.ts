/**
 * The material a study tool is generated from: a bounded set of chunks read straight from D1 (the
 * notebook's ready documents, or the chosen ones), spread across documents and pages within a token
 * budget, and fenced for the prompt. Generated items cite sources by their number in that fence; only
 * numbers of this set map back to citations, so a model can never cite a chunk it was not given.
 */
import type { CitationDto } from "../../../../schemas/study";
import { contentDb, readyDocumentTitles } from "../content/content-db";
import { announcedSources, createFence, FENCE_RULE, type Fence, SOURCES_ARE_DATA } from "../models/fence";
import { invalidInput, Problem } from "../platform/problem";

export type SourceChunk = CitationDto & { text: string; tokenCount: number };

type ChunkMeta = { id: string; documentId: string; chunkIndex: number; tokenCount: number };

/** Most chunks a prompt holds, whatever the budget (small chunks would otherwise make huge prompts). */
const MAX_SOURCES = 40;
/** Chunk metadata read per generation: plenty for spreading, bounded for huge notebooks. */
const MAX_CANDIDATES = 20_000;

export const noReadyDocuments = () =>
  new Problem({
    status: 409,
    type: "no-ready-documents",
    title: "Nothing to study from yet",
    detail: "This notebook has no ready documents. Add a document and wait until it is ready, then try again.",
  });

/**
 * 0, 1/2, 1/4, 3/4, 1/8, …: positions that cover a document evenly however many are taken (once the
 * denominator reaches n, the steps are at most 1, so every index comes up).
 */
export function spreadOrder(n: number): number[] {
  const order: number[] = [];
  const seen = new Set<number>();
  for (let denominator = 1; order.length < n; denominator *= 2) {
    for (let numerator = 0; numerator < denominator && order.length < n; numerator++) {
      const index = Math.floor((numerator / denominator) * n);
      if (!seen.has(index)) {
        seen.add(index);
        order.push(index);
      }
    }
  }
  return order;
}

/**
 * Picks chunks round-robin across documents, each document's in spread order, preferring chunks not in
 * `covered` (already cited by earlier cards or questions), until the token budget is spent.
 */
export function pickChunks(candidates: ChunkMeta[], tokenBudget: number, covered: ReadonlySet<string>): ChunkMeta[] {
  const byDocument = new Map<string, ChunkMeta[]>();
  for (const c of candidates) byDocument.set(c.documentId, [...(byDocument.get(c.documentId) ?? []), c]);
  const queues = [...byDocument.values()].map((chunks) => {
    chunks.sort((x, y) => x.chunkIndex - y.chunkIndex);
    const spread = spreadOrder(chunks.length).map((i) => chunks[i] as ChunkMeta);
    return [...spread.filter((c) => !covered.has(c.id)), ...spread.filter((c) => covered.has(c.id))];
  });
  const picked: ChunkMeta[] = [];
  let tokens = 0;
  for (let round = 0; picked.length < MAX_SOURCES; round++) {
    let any = false;
    for (const queue of queues) {
      const next = queue[round];
      if (!next) continue;
      any = true;
      if (picked.length >= MAX_SOURCES) break;
      // The first chunk always goes in (a prompt needs material), the rest only within the budget.
      if (picked.length && tokens + next.tokenCount > tokenBudget) continue;
      picked.push(next);
      tokens += next.tokenCount;
    }
    if (!any) break;
  }
  return picked;
}

/** The sources for one generation, in document and page order. */
export async function selectSources(
  env: Env,
  input: { notebookId: string; documentIds?: string[]; tokenBudget: number; covered?: ReadonlySet<string> },
): Promise<SourceChunk[]> {
  const chosen = input.documentIds?.length ? [...new Set(input.documentIds)] : undefined;
  const titles = await readyDocumentTitles(env.DB, input.notebookId, chosen);
  if (chosen) {
    const errors = chosen.flatMap((id, i) =>
      titles.has(id) ? [] : [{ path: `documentIds.${i}`, message: `${id} is not a ready document of this notebook` }],
    );
    if (errors.length) throw invalidInput(errors);
  }
  if (!titles.size) throw noReadyDocuments();

  // The chunks are the notebook's content database's; which documents are ready is the registry's (above).
  const content = await contentDb(env, input.notebookId);
  const candidates = await content
    .prepare(
      `SELECT c.id, c.document_id AS documentId, c.chunk_index AS chunkIndex, c.token_count AS tokenCount
         FROM chunk c WHERE c.notebook_id = ?1 AND c.document_id IN (SELECT value FROM json_each(?2))
        LIMIT ${MAX_CANDIDATES}`,
    )
    .bind(input.notebookId, JSON.stringify([...titles.keys()]))
    .all<ChunkMeta>();
  const inScope = candidates.results.filter((c) => titles.has(c.documentId));
  const picked = pickChunks(inScope, input.tokenBudget, input.covered ?? new Set());
  if (!picked.length) throw noReadyDocuments();

  const rows = await content
    .prepare(
      `SELECT id, document_id AS documentId, chunk_index AS chunkIndex, page_start AS pageStart, page_end AS pageEnd,
              text, token_count AS tokenCount
         FROM chunk WHERE id IN (${picked.map(() => "?").join(", ")})`,
    )
    .bind(...picked.map((c) => c.id))
    .all<{
      id: string;
      documentId: string;
      chunkIndex: number;
      pageStart: number;
      pageEnd: number;
      text: string;
      tokenCount: number;
    }>();
  return rows.results
    .sort((x, y) => x.documentId.localeCompare(y.documentId) || x.chunkIndex - y.chunkIndex)
    .map((r) => ({
      chunkId: r.id,
      documentId: r.documentId,
      documentTitle: titles.get(r.documentId) ?? "",
      pageStart: r.pageStart,
      pageEnd: r.pageEnd,
      text: r.text,
      tokenCount: r.tokenCount,
    }));
}

/**
 * The fenced, numbered sources block, led by the line naming this request's fence token (a fresh one
 * each call: see ../models/fence.ts); numbers are 1-based positions in `sources`.
 */
export function fenceSources(sources: readonly SourceChunk[], fence: Fence = createFence()): string {
  return announcedSources(
    sources.map((s) => ({
      attributes: {
        title: s.documentTitle,
        pages: s.pageStart === s.pageEnd ? `${s.pageStart}` : `${s.pageStart}-${s.pageEnd}`,
      },
      text: s.text.trim(),
    })),
    fence,
  );
}

/**
 * The citation for source number `n` (1-based), narrowed to `page` when the model named one inside the
 * chunk's span; undefined when `n` is not one of the sources given.
 */
export function citationOf(sources: readonly SourceChunk[], n: number, page?: number | null): CitationDto | undefined {
  const source = Number.isInteger(n) ? sources[n - 1] : undefined;
  if (!source) return undefined;
  const narrowed = page != null && page >= source.pageStart && page <= source.pageEnd;
  return {
    chunkId: source.chunkId,
    documentId: source.documentId,
    documentTitle: source.documentTitle,
    pageStart: narrowed ? page : source.pageStart,
    pageEnd: narrowed ? page : source.pageEnd,
  };
}

/** Rules every study-tool prompt shares: sources are data; cite only given source numbers. */
export const SOURCE_RULES = `The sources are excerpts of the student's uploaded material. ${FENCE_RULE} ${SOURCES_ARE_DATA}.
Use only facts stated in the sources. Every item you write cites exactly the source number it comes from (the n of <source-TOKEN id="n">) and, when you can tell, the page within that source's pages. Never cite a number that is not one of the sources.
Write in the language of the sources.`;

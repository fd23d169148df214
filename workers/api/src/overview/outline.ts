/**
 * What each ready document of a notebook is about, without a model: its section headings (from the first
 * line of every chunk that opens with one, and the headings chunks carry as context) and its key phrases
 * (the most frequent runs of one to three non-stop-words in a spread sample of its chunks).
 *
 * Bounded whatever the notebook holds: at most MAX_CHUNK_HEADS chunk heads (160 characters each) are read,
 * and at most SAMPLE_CHARS of chunk text in all for the phrases (~50 pages of prose).
 */
import type { OverviewSourceDto } from "../../../../schemas/overview";
import { isSeparatorRow, isTableRow } from "../ingest/markdown-table";
import { blocksOf } from "../ingest/text-blocks";
import { ANY_STOP_WORD, detectLanguage } from "../retrieval/language";
import { spreadOrder } from "../study/sources";
import { type DocumentTopics, documentTopics, namesNoSection, repeatedOf } from "./topics";

const MAX_CHUNK_HEADS = 20_000;
const SAMPLE_CHARS = 200_000;
const MAX_HEADINGS = 8;
const MAX_PHRASES = 6;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** A document's outline as the overview shows it, plus what its questions are drawn from (not shown). */
export type SourceOutline = OverviewSourceDto & { language: ReturnType<typeof detectLanguage>; topics: DocumentTopics };

type ChunkHead = { documentId: string; chunkIndex: number; head: string; context: string | null };

/** A heading's display text: Markdown hashes and surrounding spaces removed. */
function cleanHeading(line: string): string {
  return line
    .replace(/^#{1,6}\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

function headingOf(text: string | null): string | undefined {
  const line = text?.split("\n", 1)[0]?.trim();
  if (!line) return undefined;
  const [block] = blocksOf(line);
  return block?.kind === "heading" ? cleanHeading(line) : undefined;
}

/** Every heading of a text, in order. */
function headingsIn(text: string): string[] {
  return blocksOf(text)
    .filter((b) => b.kind === "heading")
    .map((b) => cleanHeading(text.slice(b.start, b.end)));
}

/** Every heading the chunks open with (their text unread) or hold (read whole), repeats included; no contexts. */
export function headingOccurrences(chunks: readonly { head: string; text?: string }[]): string[] {
  return chunks.flatMap(({ head, text }) => (text === undefined ? (headingOf(head) ?? []) : headingsIn(text)));
}

/**
 * Headings in reading order, each once (case-insensitively), at most MAX_HEADINGS, without the lines that
 * name no section (`namesNoSection`) and those `repeated` (a running header: lower-case keys): every heading of the
 * chunks whose whole text was read, and for the others the heading they open with or carry as context (in
 * a long document a heading opens a chunk; a short one is read whole).
 */
export function headingsOf(
  chunks: readonly { head: string; context: string | null; text?: string }[],
  repeated: ReadonlySet<string> = new Set(),
): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const { head, context, text } of chunks) {
    const found = [headingOf(context), ...(text === undefined ? [headingOf(head)] : headingsIn(text))];
    for (const heading of found) {
      const key = heading?.toLowerCase();
      // A form's field line ("Location: Belen, NM Accident Number: DEN08CA034") is no section.
      if (!heading || !key || seen.has(key) || heading.length < 3 || repeated.has(key) || namesNoSection(heading))
        continue;
      seen.add(key);
      out.push(heading);
    }
  }
  return out.slice(0, MAX_HEADINGS);
}

/**
 * `text` without its tables' header rows (the row above a `| --- |` line): a column's label, repeated over
 * every table of a document ("THRESHOLD FOR RELEASES to air kg/year" seven times), names no subject of it.
 */
const withoutTableHeaders = (text: string) =>
  text
    .split("\n")
    .filter((line, i, lines) => !(isTableRow(line) && isSeparatorRow(lines[i + 1] ?? "")))
    .join("\n");

/** Addresses ("pubinq@ntsb.gov", "www.ntsb.gov/…"): no phrase, and no lower-case form of a word ("ntsb"). */
const ADDRESS = /[^\s@]+@[^\s@]+|\b(?:https?:\/\/|www\.)\S+/giu;

/** A form with a lower-case letter ("releases"), when there is one, over one in capitals ("RELEASES"). */
const cased = (form: string) => /\p{Ll}/u.test(form);

/** The form a phrase is shown in: the most frequent of those written with a lower-case letter, if any. */
function shownForm(forms: Map<string, number>): string {
  const written = [...forms.entries()].sort((a, b) => b[1] - a[1]);
  return (written.find(([form]) => cased(form)) ?? written[0])?.[0] ?? "";
}

/**
 * Key phrases of `text`: within each clause, every run of one to three words none of which is a stop word;
 * scored by frequency (longer phrases weigh more), a phrase dropped when a longer one holding it is nearly
 * as frequent. Single words need four letters and two occurrences; numbers alone never count; tables'
 * header rows and addresses are not read. A phrase is shown as the text writes it in lower case when it does ("releases",
 * not the header's "RELEASES").
 */
export function keyPhrasesOf(text: string, stopWords: ReadonlySet<string>, max = MAX_PHRASES): string[] {
  const counts = new Map<string, { n: number; forms: Map<string, number>; words: number }>();
  for (const clause of withoutTableHeaders(text)
    .replace(ADDRESS, " ")
    .split(/[.!?;:,()[\]{}"“”«»|\n]+/u)) {
    const words = clause.match(WORD) ?? [];
    let run: string[] = [];
    const flush = () => {
      for (let size = 1; size <= 3; size++) {
        for (let i = 0; i + size <= run.length; i++) {
          const form = run.slice(i, i + size).join(" ");
          const key = form.toLowerCase();
          const entry = counts.get(key) ?? { n: 0, forms: new Map(), words: size };
          entry.n += 1;
          entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
          counts.set(key, entry);
        }
      }
      run = [];
    };
    for (const word of words) {
      const lower = word.toLowerCase();
      if (stopWords.has(lower) || /^\p{N}+$/u.test(word) || word.length < 2) flush();
      else run.push(word);
    }
    flush();
  }
  const scored = [...counts.entries()]
    .filter(([key, e]) => e.n >= 2 && (e.words > 1 || key.length >= 4))
    .map(([key, e]) => ({ key, e, score: e.n * (1 + 0.5 * (e.words - 1)) }))
    .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  const chosen: typeof scored = [];
  for (const candidate of scored) {
    const within = (a: string, b: string) => ` ${b} `.includes(` ${a} `);
    // A longer phrase nearly as frequent says more ("cellular respiration" over "respiration").
    const covered = scored.some(
      (other) =>
        other.e.words > candidate.e.words && within(candidate.key, other.key) && other.e.n >= candidate.e.n * 0.6,
    );
    if (covered || chosen.some((c) => within(candidate.key, c.key) || within(c.key, candidate.key))) continue;
    chosen.push(candidate);
    if (chosen.length >= max) break;
  }
  return chosen.map(({ e }) => shownForm(e.forms));
}

/** Each ready document's outline, in the order the documents were added. */
export async function outlineNotebook(
  db: D1Database,
  content: D1Database,
  notebookId: string,
): Promise<SourceOutline[]> {
  const documents = await db
    .prepare(
      "SELECT id, title, page_count AS pageCount FROM document WHERE notebook_id = ? AND status = 'ready' ORDER BY created_at, id",
    )
    .bind(notebookId)
    .all<{ id: string; title: string; pageCount: number }>();
  if (!documents.results.length) return [];
  const heads = await content
    .prepare(
      `SELECT c.document_id AS documentId, c.chunk_index AS chunkIndex, substr(c.text, 1, 160) AS head, c.context
         FROM chunk c WHERE c.notebook_id = ?1 AND c.document_id IN (SELECT value FROM json_each(?2))
        ORDER BY c.document_id, c.chunk_index LIMIT ${MAX_CHUNK_HEADS}`,
    )
    .bind(notebookId, JSON.stringify(documents.results.map((d) => d.id)))
    .all<ChunkHead>();
  const byDocument = new Map<string, ChunkHead[]>();
  for (const h of heads.results) byDocument.set(h.documentId, [...(byDocument.get(h.documentId) ?? []), h]);

  const budget = Math.floor(SAMPLE_CHARS / documents.results.length);
  const outlines: SourceOutline[] = [];
  for (const doc of documents.results) {
    const chunks = byDocument.get(doc.id) ?? [];
    const texts = await sampleTexts(content, doc.id, chunks, budget);
    const sample = [...texts.values()].join("\n").slice(0, budget);
    const language = detectLanguage(sample);
    const read = chunks.map((c) => ({ ...c, text: texts.get(c.chunkIndex) }));
    const occurrences = headingOccurrences(read);
    const headings = headingsOf(read, repeatedOf(occurrences));
    // Every language's stop words end a phrase: names and quotes mix languages ("Besancon la Veze").
    const keyPhrases = keyPhrasesOf(sample, ANY_STOP_WORD);
    outlines.push({
      documentId: doc.id,
      documentTitle: doc.title,
      pageCount: doc.pageCount,
      headings,
      keyPhrases,
      language,
      topics: documentTopics(
        sample,
        headings,
        occurrences,
        language,
        (text, max) => keyPhrasesOf(text, ANY_STOP_WORD, max),
        keyPhrases,
      ),
    });
  }
  return outlines;
}

/** Whole texts of some chunks of one document, taken in spread order (beginning, middle, quarters…) up to `budget` characters. */
async function sampleTexts(db: D1Database, documentId: string, chunks: readonly ChunkHead[], budget: number) {
  // ~2,000 characters a chunk: enough chunks to fill the budget, at least one.
  const wanted = Math.max(1, Math.floor(budget / 2_000));
  const picked = spreadOrder(chunks.length)
    .slice(0, wanted)
    .map((i) => chunks[i]?.chunkIndex as number);
  const texts = new Map<number, string>();
  if (!picked.length) return texts;
  const rows = await db
    .prepare(
      `SELECT chunk_index AS chunkIndex, text FROM chunk
        WHERE document_id = ? AND chunk_index IN (SELECT value FROM json_each(?)) ORDER BY chunk_index`,
    )
    .bind(documentId, JSON.stringify(picked))
    .all<{ chunkIndex: number; text: string }>();
  for (const row of rows.results) texts.set(row.chunkIndex, row.text);
  return texts;
}

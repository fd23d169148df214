/**
 * Answers as the browser sees them, after the ask contract (POST /v1/notebooks/{id}/ask):
 * an AI SDK UI message whose metadata says {threadId, mode, cached, …}, whose text holds `[n]` markers,
 * and whose `data-citation` parts say what each marker points to. Stored threads (GET /v1/threads/{id})
 * come back as plain {role, text, mode, citations} and are turned into the same UI messages, so one view
 * renders both. The types are the API's own (generated from its OpenAPI document into api-types.ts); the
 * stream's parts are checked here, since the AI SDK hands them over untyped.
 */
import type { UIMessage } from "ai";
import type { components } from "./api-types";

export const ANSWER_MODES = ["generated", "extractive", "not-covered"] as const;
export type AnswerMode = (typeof ANSWER_MODES)[number];

/** What an `[n]` marker points to: the API's AnswerCitation (generated from its OpenAPI document). */
export type Citation = components["schemas"]["AnswerCitation"];

export type AnswerMetadata = {
  threadId?: string;
  mode?: AnswerMode;
  cached?: boolean;
  provider?: string;
  model?: string;
};

export type CitationPart = { type: "data-citation"; id?: string; data: Citation };
export type AnswerMessage = UIMessage<AnswerMetadata, { citation: Citation }>;

export type ThreadSummary = components["schemas"]["Thread"];
export type ThreadPage = components["schemas"]["ThreadPage"];
export type ThreadDetail = components["schemas"]["ThreadDetail"];

/** The conversation answered most recently (threads are listed newest-created first). */
export function lastActive<T extends { updatedAt: string }>(threads: readonly T[]): T | undefined {
  return threads.reduce<T | undefined>((best, t) => (!best || t.updatedAt > best.updatedAt ? t : best), undefined);
}

/** What one message looks like on screen. */
export type AnswerView = {
  role: "user" | "assistant";
  text: string;
  mode: AnswerMode | null;
  cached: boolean;
  citations: Citation[];
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const str = (value: unknown) => (typeof value === "string" ? value : "");
const int = (value: unknown, fallback: number) =>
  typeof value === "number" && Number.isFinite(value) ? Math.trunc(value) : fallback;

export function isAnswerMode(value: unknown): value is AnswerMode {
  return typeof value === "string" && (ANSWER_MODES as readonly string[]).includes(value);
}

/** A citation from the stream or a stored thread; `fallbackN` numbers citations that lack `n`. */
export function parseCitation(value: unknown, fallbackN: number): Citation | null {
  if (!isRecord(value) || typeof value.documentId !== "string") return null;
  const pageStart = Math.max(1, int(value.pageStart, 1));
  const pageEnd = Math.max(pageStart, int(value.pageEnd, pageStart));
  return {
    n: int(value.n, fallbackN),
    chunkId: str(value.chunkId),
    documentId: value.documentId,
    documentTitle: str(value.documentTitle),
    pageStart,
    pageEnd,
    // Answers stored before citations named their page open at the chunk's first page.
    page: Math.min(pageEnd, Math.max(pageStart, int(value.page, pageStart))),
    quote: str(value.quote),
  };
}

/** The on-screen view of a UI message: its text, its mode and its citations in marker order. */
export function answerView(message: UIMessage): AnswerView {
  const citations = new Map<number, Citation>();
  let text = "";
  for (const part of message.parts) {
    if (part.type === "text") text += part.text;
    else if (part.type === "data-citation") {
      const citation = parseCitation((part as { data?: unknown }).data, citations.size + 1);
      if (citation) citations.set(citation.n, citation);
    }
  }
  const metadata = isRecord(message.metadata) ? message.metadata : {};
  return {
    role: message.role === "user" ? "user" : "assistant",
    text,
    mode: message.role === "user" ? null : isAnswerMode(metadata.mode) ? metadata.mode : null,
    cached: metadata.cached === true,
    citations: [...citations.values()].sort((a, b) => a.n - b.n),
  };
}

/** The thread id an answer belongs to (from the `start` chunk's metadata), if any. */
export function threadIdOf(message: UIMessage | undefined): string | undefined {
  const metadata = message && isRecord(message.metadata) ? message.metadata : {};
  return typeof metadata.threadId === "string" ? metadata.threadId : undefined;
}

/** GET /v1/threads/{id} → UI messages, so stored answers render exactly like streamed ones. */
export function threadMessages(thread: ThreadDetail): AnswerMessage[] {
  return thread.messages.map((message) => {
    const parts: AnswerMessage["parts"] = [{ type: "text", text: message.text }];
    for (const data of message.citations) parts.push({ type: "data-citation", id: String(data.n), data });
    const metadata: AnswerMetadata = { threadId: thread.id, cached: message.cached };
    if (message.mode) metadata.mode = message.mode;
    return { id: message.id, role: message.role, parts, metadata };
  });
}

/** The sources an answer drew on: the distinct documents its citations point to, in citation order. */
export function sourcesOf(citations: readonly Citation[]): { documentId: string; title: string }[] {
  const seen = new Map<string, string>();
  for (const c of citations) if (!seen.has(c.documentId)) seen.set(c.documentId, c.documentTitle);
  return [...seen].map(([documentId, title]) => ({ documentId, title }));
}

/** The page a citation chip names ("Source 2: Report title, page 3"): the page its quote is on. */
export function citationPages(citation: Citation): string {
  return `${citation.page}`;
}

/**
 * Where a quote sits in a page's text, ignoring differences of whitespace and case. Long quotes that were
 * trimmed (an ellipsis, a hyphenated line break) still match by their longest leading run that does.
 */
export function findQuote(text: string, quote: string): { start: number; end: number } | null {
  const wanted = quote.replace(/[….]+$/u, "").trim();
  if (!wanted) return null;
  // Map every non-space character of `text` to its offset, then search the squashed, lower-cased text.
  const offsets: number[] = [];
  let squashed = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (/\s/.test(ch)) continue;
    offsets.push(i);
    squashed += ch.toLowerCase();
  }
  const target = wanted.replace(/\s+/g, "").toLowerCase();
  for (let length = target.length; length >= Math.min(24, target.length); length = Math.floor(length * 0.75)) {
    const at = squashed.indexOf(target.slice(0, length));
    if (at >= 0) {
      const start = offsets[at] ?? 0;
      const end = (offsets[at + length - 1] ?? start) + 1;
      return { start, end };
    }
    if (length === Math.min(24, target.length)) break;
  }
  return null;
}

/**
 * A quoted table row's non-empty cells (`| Total net sales | 81,797 |`), or null for prose. A quote of
 * several rows may hold the rule under a header (`| --- | --- |`): markup, not cells.
 */
function rowCells(quote: string): string[] | null {
  const t = quote.trim();
  if (!t.startsWith("|") || !t.endsWith("|")) return null;
  return t
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.replace(/\\\|/g, "|").trim())
    .filter((cell) => cell && !/^:?-{3,}:?$/.test(cell));
}

/** A quoted table row (`| Total net sales | 81,797 |`) as a reader sees it: its cells, separated by " · ". */
export function quoteForReading(quote: string): string {
  return rowCells(quote)?.join(" · ") ?? quote;
}

/**
 * A quote as a PDF page's text layer holds it, for `findQuote` there: a table row's cells one after
 * another (the layer has the cells' words, not the stored row's pipes); prose as it is.
 */
export function quoteOnPdfPage(quote: string): string {
  return rowCells(quote)?.join(" ") ?? quote;
}

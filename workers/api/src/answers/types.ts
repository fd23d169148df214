import type { AnswerCitationDto } from "../../../../schemas/answers";

/** The part of a passage that lies on one page: `text` is a slice of that page's stored text. */
export type PageSegment = { page: number; text: string };

/** A retrieved chunk (or merged neighbours) as the answer builders see it. */
export type Passage = {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  pageStart: number;
  pageEnd: number;
  /** The passage page by page, in order (one or two pages). */
  segments: PageSegment[];
  /** The chunk's nearest heading and table header rows (not on the page at this spot), if any. */
  context: string | null;
  /** The segments joined: what the passage says. */
  text: string;
  score: number;
};

/** A numbered source marker `[n]` in an answer, resolved to a passage, the page it quotes and the quote. */
export type Citation = AnswerCitationDto;

/** One earlier exchange of a thread. */
export type ThreadTurn = {
  question: string;
  /** The standalone query the question was rewritten to, if it was (see `rewriteFollowUp`). */
  standalone?: string;
  answer?: string;
};

/** `citations` is empty exactly when the material does not cover the question. */
export type ExtractiveAnswer = { mode: "extractive"; text: string; citations: Citation[] };

/** The citation number `n` of `passage`, quoting `quote` from `page`. */
export function citationOf(n: number, passage: Passage, page: number, quote: string): Citation {
  const { chunkId, documentId, documentTitle, pageStart, pageEnd } = passage;
  return { n, chunkId, documentId, documentTitle, pageStart, pageEnd, page, quote };
}

/** A passage made of one page's text (tests, and chunks whose pages could not be read). */
export function singlePagePassage(
  fields: Omit<Passage, "segments" | "context" | "text" | "pageEnd"> & { text: string; context?: string | null },
): Passage {
  return {
    ...fields,
    pageEnd: fields.pageStart,
    segments: [{ page: fields.pageStart, text: fields.text }],
    context: fields.context ?? null,
  };
}

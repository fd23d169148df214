/** A retrieved chunk as the answer builders see it (search results carry the same fields). */
export type Passage = {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  pageStart: number;
  pageEnd: number;
  text: string;
  score: number;
};

/** A numbered source marker `[n]` in an answer, resolved to the passage it points to. */
export type Citation = {
  n: number;
  chunkId: string;
  documentId: string;
  documentTitle: string;
  pageStart: number;
  pageEnd: number;
  quote: string;
};

/** One earlier exchange of a thread. */
export type ThreadTurn = {
  question: string;
  /** The standalone query the question was rewritten to, if it was (see `rewriteFollowUp`). */
  standalone?: string;
  answer?: string;
};

/** `citations` is empty exactly when the material does not cover the question. */
export type ExtractiveAnswer = { mode: "extractive"; text: string; citations: Citation[] };

/** The citation of passage number `n` (1-based, the order the passages were given in). */
export function citationOf(n: number, passage: Passage, quote: string): Citation {
  const { chunkId, documentId, documentTitle, pageStart, pageEnd } = passage;
  return { n, chunkId, documentId, documentTitle, pageStart, pageEnd, quote };
}

/** Where the query's terms occur in a chunk, as offsets into the original (unnormalised) text. */
import { queryTerms, tokenSpans } from "./normalize";

/** A half-open range `[start, end)` of UTF-16 offsets into the original text. */
export type Range = [start: number, end: number];

/**
 * Ranges of `text` whose normalised, stemmed form matches a term of `query` (case, diacritics and inflection
 * insensitive: "Aviões" highlights for "aviao"). Sorted; overlapping or touching ranges (CJK bigrams) merged.
 * `query` may also be terms already produced by `queryTerms`.
 */
export function highlightRanges(text: string, query: string | readonly string[]): Range[] {
  const terms = new Set(typeof query === "string" ? queryTerms(query) : query);
  if (terms.size === 0) return [];
  const ranges: Range[] = [];
  for (const span of tokenSpans(text)) {
    if (!terms.has(span.term)) continue;
    const last = ranges.at(-1);
    if (last && span.start <= last[1]) last[1] = Math.max(last[1], span.end);
    else ranges.push([span.start, span.end]);
  }
  return ranges;
}

/**
 * Where a cited passage is on a scanned page's image: a citation names its `page` and `quote`, the page keeps
 * the recognised words with their boxes (when the reader gave them: tesseract does, a vision model does not),
 * and this picks the boxes of the words that make up the quote. The viewer draws them; no import, so both the
 * web app and the API's tests use this one function.
 */

/** A recognised word and its box [x0, y0, x1, y1] in fractions of the page image (the API's OcrWord). */
export type BoxedWord = { t: string; b: number[] };

const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");

/** The boxes of the words of `quote`, in order (the first run of words that spells it), or none. */
export function quoteBoxes(words: BoxedWord[], quote: string): BoxedWord["b"][] {
  const wanted = quote.split(/\s+/).map(norm).filter(Boolean);
  if (!wanted.length) return [];
  const have = words.map((w) => norm(w.t));
  for (let start = 0; start < have.length; start++) {
    let i = start;
    let j = 0;
    while (i < have.length && j < wanted.length) {
      if (!have[i]) i++;
      else if (have[i] === wanted[j]) {
        i++;
        j++;
      } else break;
    }
    if (j === wanted.length) return words.slice(start, i).map((w) => w.b);
  }
  return [];
}

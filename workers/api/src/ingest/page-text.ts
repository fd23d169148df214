/**
 * Page text clean-up shared by every extractor: Unicode NFC, ligatures and invisible characters,
 * hyphenation at line ends joined, whitespace tidied, and repeated headers/footers (running titles,
 * "Page 3 of 12") removed across a document's pages. The stored page text is the result, and chunk
 * offsets point into it.
 */

const LIGATURES: Record<string, string> = {
  "\uFB00": "ff",
  "\uFB01": "fi",
  "\uFB02": "fl",
  "\uFB03": "ffi",
  "\uFB04": "ffl",
  "\uFB05": "st",
  "\uFB06": "st",
};

/** Normalises one page (or section) of extracted text. Idempotent. */
export function normalizePageText(raw: string): string {
  let text = raw.normalize("NFC").replace(/\r\n?/g, "\n");
  text = text.replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c] ?? c);
  // Soft hyphens, zero-width spaces, word joiners, byte-order marks (ZWJ/ZWNJ stay: emoji and Persian need them).
  text = text.replace(/[\u00AD\u200B\u2060\uFEFF]/g, "");
  text = text.replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, " ");
  // Control characters other than tab and newline carry nothing a reader sees.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  text = text.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "");
  // "hyphen-\nation" → "hyphenation": a letter, a hyphen at the end of a line, a lower-case letter next.
  text = text.replace(/(\p{L})[-\u2010]\n[ \t]*(\p{Ll})/gu, "$1$2");
  // A number broken at its hyphen ("demande 2023-\n0379", a case or file number): one token again, the
  // hyphen kept (the line's end would otherwise leave "2023- 0379" in quotes and split it for search).
  text = text.replace(/(\p{N})[-\u2010]\n[ \t]*(\p{N})/gu, "$1-$2");
  text = text
    .split("\n")
    .map((line) => line.replace(/[ ]{2,}/g, " ").trim())
    .join("\n");
  return text.replace(/\n{3,}/g, "\n\n").trim();
}

const EDGE_LINES = 3;

/**
 * A line with its digits generalised, so "Page 3 of 12" and "Page 4 of 12" are the same running line; a
 * number counts as a word of its own, so "47699Federal Register / …" and "47700 Federal Register / …" (the
 * Federal Register's page number, glued to its header on one page, spaced on the next) are the same line too.
 */
function marginKey(line: string): string {
  // A table row is content even when every page's table starts with the same header row.
  if (line.trimStart().startsWith("|")) return "";
  // A sentence (several words and a full stop) is body text even when it repeats with other numbers.
  if (/[.!?;]$/.test(line.trim()) && line.trim().split(/\s+/).length > 4) return "";
  return line.toLowerCase().replace(/\d+/g, " # ").replace(/\s+/g, " ").trim();
}

const PAGE_NUMBER_LINE =
  /^(?:(?:page|p\.|pág\.?|página|seite)\s*)?[-–—([]?\s*#\s*[-–—)\]]?(?:\s*(?:of|de|\/|von)\s*#)?$/i;

function edgeIndexes(lines: string[]): { top: number[]; bottom: number[] } {
  const nonEmpty = lines.map((l, i) => (l.trim() ? i : -1)).filter((i) => i >= 0);
  return { top: nonEmpty.slice(0, EDGE_LINES), bottom: nonEmpty.slice(-EDGE_LINES) };
}

/**
 * Removes running headers and footers: lines near the top or bottom of a page that repeat (digits
 * aside) on at least half of the pages (and on two or more, in documents of three pages or more), plus
 * bare page numbers at the edges.
 */
export function removeRepeatedMargins(pages: string[]): string[] {
  const split = pages.map((p) => p.split("\n"));
  const seen = new Map<string, Set<number>>();
  split.forEach((lines, pageIndex) => {
    const { top, bottom } = edgeIndexes(lines);
    for (const i of new Set([...top, ...bottom])) {
      const key = marginKey(lines[i] ?? "");
      if (!key) continue;
      let set = seen.get(key);
      if (!set) {
        set = new Set();
        seen.set(key, set);
      }
      set.add(pageIndex);
    }
  });
  // In one- and two-page documents nothing can be told apart as "running"; only bare page numbers go.
  const threshold = pages.length < 3 ? Number.POSITIVE_INFINITY : Math.max(2, Math.ceil(pages.length / 2));
  const repeated = new Set([...seen].filter(([, set]) => set.size >= threshold).map(([key]) => key));
  return split.map((lines) => {
    const { top, bottom } = edgeIndexes(lines);
    const drop = new Set<number>();
    for (const i of new Set([...top, ...bottom])) {
      const key = marginKey(lines[i] ?? "");
      if (repeated.has(key) || PAGE_NUMBER_LINE.test(key)) drop.add(i);
    }
    if (!drop.size) return lines.join("\n");
    return lines
      .filter((_, i) => !drop.has(i))
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  });
}

/** Normalises every page and removes running headers and footers. */
export function cleanPages(rawPages: string[]): string[] {
  return removeRepeatedMargins(rawPages.map(normalizePageText));
}

/** Target size of a section (sources without real pages); also its hard ceiling. */
export const SECTION_CHARS = 4000;

/** The end of the last sentence (punctuation, then whitespace) in `text` after `from`, or -1. */
function lastSentenceEnd(text: string, from: number): number {
  let end = -1;
  for (const match of text.slice(from).matchAll(/[.!?…;:]["'”’)\]]*\s/gu)) end = from + match.index + match[0].length;
  return end;
}

/**
 * Cuts text longer than `max` into pieces of at most `max` characters: at the last line break in the
 * window, else the last sentence end, else the last space, else (one endless "word") anywhere but inside
 * a surrogate pair. A cut is only taken in the window's second half, so pieces stay near `max`.
 */
export function cutLongText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > max) {
    const window = text.slice(start, start + max);
    const half = Math.floor(max / 2);
    let cut = window.lastIndexOf("\n");
    if (cut < half) cut = lastSentenceEnd(window, half);
    if (cut < half) cut = window.lastIndexOf(" ");
    if (cut < half) {
      cut = max;
      const code = window.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    const piece = window.slice(0, cut).trim();
    if (piece) pieces.push(piece);
    start += cut;
  }
  const rest = text.slice(start).trim();
  if (rest) pieces.push(rest);
  return pieces;
}

/**
 * Sources without real pages (text, HTML, DOCX) are cut into numbered sections of at most 4,000
 * characters at paragraph boundaries, so citations and the pages API work the same way for them. A
 * paragraph longer than a section (text without blank lines) is cut at lines, sentences or words: a
 * section is a page of the quota, so its size is bounded whatever the input.
 */
export function splitIntoSections(text: string, target = SECTION_CHARS): string[] {
  const paragraphs = normalizePageText(text).split(/\n{2,}/);
  const sections: string[] = [];
  let current = "";
  for (const paragraph of paragraphs) {
    const pieces = paragraph.length > target ? cutLongText(paragraph, target) : [paragraph];
    for (const piece of pieces) {
      if (current && current.length + piece.length + 2 > target) {
        sections.push(current);
        current = "";
      }
      current = current ? `${current}\n\n${piece}` : piece;
    }
  }
  if (current.trim()) sections.push(current);
  return sections;
}

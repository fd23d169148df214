/**
 * Citation markers in a generated answer: `[1]`, `[1, 3]`, `[2-4]`. A number that does not point to one of
 * the retrieved passages (1-based, in the order they were given to the model) is dropped; a marker left with
 * no number disappears with the spaces before it. Works on a whole answer or on a stream of text deltas.
 */
import { type Citation, citationOf, type Passage } from "./types";

const ITEM = String.raw`\d{1,3}(?:\s*[-–]\s*\d{1,3})?`;
const MARKER = new RegExp(String.raw`[ \t]*\[\s*(${ITEM}(?:\s*,\s*${ITEM})*)\s*\]`, "g");
/** The longest tail of a text that could still grow into a marker: hold it back while streaming. */
const MARKER_PREFIX = /[ \t]*(?:\[[\d,\s\-–]*)?$/;
const MAX_RANGE = 20;
const QUOTE_LENGTH = 280;

function numbersIn(list: string): number[] {
  return list.split(",").flatMap((item) => {
    const [from, to] = item.split(/[-–]/).map((n) => Number.parseInt(n.trim(), 10)) as [number, number?];
    if (to === undefined) return [from];
    if (to < from || to - from > MAX_RANGE) return [];
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

function quoteOf(passage: Passage): string {
  const text = passage.text.replace(/\s+/g, " ").trim();
  if (text.length <= QUOTE_LENGTH) return text;
  const cut = text.slice(0, QUOTE_LENGTH - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), QUOTE_LENGTH / 2))}…`;
}

function cleaner(passages: readonly Passage[], used: Map<number, Citation>) {
  return (text: string): string =>
    text.replace(MARKER, (marker: string, list: string) => {
      const valid = [...new Set(numbersIn(list))].filter((n) => Number.isInteger(n) && n >= 1 && n <= passages.length);
      for (const n of valid)
        if (!used.has(n)) used.set(n, citationOf(n, passages[n - 1] as Passage, quoteOf(passages[n - 1] as Passage)));
      if (valid.length === 0) return "";
      const lead = /^[ \t]*/.exec(marker)?.[0] ?? "";
      return `${lead}[${valid.join(", ")}]`;
    });
}

/** The answer without invalid markers, and the citations it still uses (in order of first use). */
export function validateCitations(text: string, passages: readonly Passage[]): { text: string; citations: Citation[] } {
  const used = new Map<number, Citation>();
  return { text: cleaner(passages, used)(text), citations: [...used.values()] };
}

export type CitationStream = {
  /** Feed a text delta; returns the text that is safe to show now. */
  push(delta: string): string;
  /** End of stream: the held-back tail. */
  flush(): string;
  /** Citations used so far, in order of first use. */
  citations(): Citation[];
};

/**
 * The streaming form of `validateCitations`: the concatenated output equals `validateCitations(whole).text`
 * however the text is split. It holds back only a trailing run of spaces and a half-written `[…`.
 */
export function createCitationStream(passages: readonly Passage[]): CitationStream {
  const used = new Map<number, Citation>();
  const clean = cleaner(passages, used);
  let pending = "";
  return {
    push(delta) {
      pending += delta;
      const cut = MARKER_PREFIX.exec(pending)?.index ?? pending.length;
      const ready = pending.slice(0, cut);
      pending = pending.slice(cut);
      return clean(ready);
    },
    flush() {
      const rest = clean(pending);
      pending = "";
      return rest;
    },
    citations: () => [...used.values()],
  };
}

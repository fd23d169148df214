/**
 * Citation markers in a generated answer: `[1]`, `[1, 3]`, `[2-4]`. A number that does not point to one of
 * the prompt's sources (1-based; one source per page of a retrieved passage) is dropped; a marker left with
 * no number disappears with the spaces before it. Each citation quotes the sentence or table row of its
 * source page that best matches the claim the marker ends, so the viewer can open that page and find it.
 * Works on a whole answer or on a stream of text deltas.
 */
import { tokenSpans } from "../retrieval/normalize";
import { answerUnits } from "./answer-units";
import type { PromptSource } from "./prompt";
import { type Citation, citationOf } from "./types";

const ITEM = String.raw`\d{1,3}(?:\s*[-–]\s*\d{1,3})?`;
const MARKER = new RegExp(String.raw`[ \t]*\[\s*(${ITEM}(?:\s*,\s*${ITEM})*)\s*\]`, "g");
/** The longest tail of a text that could still grow into a marker: hold it back while streaming. */
const MARKER_PREFIX = /[ \t]*(?:\[[\d,\s\-–]*)?$/;
const MAX_RANGE = 20;
const QUOTE_LENGTH = 280;
/** The claim a marker ends: the text after the last sentence end before it. */
const CLAIM_START = /(?:^|[.!?…]\s+|\n)(?=[^.!?…\n]*$)/u;

function numbersIn(list: string): number[] {
  return list.split(",").flatMap((item) => {
    const [from, to] = item.split(/[-–]/).map((n) => Number.parseInt(n.trim(), 10)) as [number, number?];
    if (to === undefined) return [from];
    if (to < from || to - from > MAX_RANGE) return [];
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

function firstWords(text: string): string {
  const squashed = text.replace(/\s+/g, " ").trim();
  if (squashed.length <= QUOTE_LENGTH) return squashed;
  const cut = squashed.slice(0, QUOTE_LENGTH);
  return cut.slice(0, Math.max(cut.lastIndexOf(" "), QUOTE_LENGTH / 2));
}

/** The sentence or row of `source` sharing most terms with `claim` (the first one when none does). */
export function quoteFor(source: PromptSource, claim: string): string {
  const units = answerUnits([
    { ...source.passage, segments: [{ page: source.page, text: source.text }], text: source.text },
  ]);
  const wanted = new Set(tokenSpans(claim).map((span) => span.term));
  let best = units[0];
  let bestShared = 0;
  for (const unit of units) {
    let shared = 0;
    for (const term of unit.terms) if (wanted.has(term)) shared++;
    if (shared > bestShared) [best, bestShared] = [unit, shared];
  }
  return best?.quote ?? firstWords(source.text);
}

function cleaner(sources: readonly PromptSource[], used: Map<number, Citation>) {
  let said = "";
  return (text: string): string => {
    const cleaned = text.replace(MARKER, (marker: string, list: string, offset: number) => {
      const valid = [...new Set(numbersIn(list))].filter((n) => Number.isInteger(n) && n >= 1 && n <= sources.length);
      const before = `${said}${text.slice(0, offset)}`;
      const claim = before.slice(CLAIM_START.exec(before)?.index ?? 0);
      for (const n of valid) {
        const source = sources[n - 1] as PromptSource;
        if (!used.has(n)) used.set(n, citationOf(n, source.passage, source.page, quoteFor(source, claim)));
      }
      if (valid.length === 0) return "";
      const lead = /^[ \t]*/.exec(marker)?.[0] ?? "";
      return `${lead}[${valid.join(", ")}]`;
    });
    said = `${said}${cleaned}`.slice(-2_000);
    return cleaned;
  };
}

/** The answer without invalid markers, and the citations it still uses (in order of first use). */
export function validateCitations(
  text: string,
  sources: readonly PromptSource[],
): { text: string; citations: Citation[] } {
  const used = new Map<number, Citation>();
  return { text: cleaner(sources, used)(text), citations: [...used.values()] };
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
export function createCitationStream(sources: readonly PromptSource[]): CitationStream {
  const used = new Map<number, Citation>();
  const clean = cleaner(sources, used);
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

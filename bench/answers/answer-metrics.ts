/**
 * Pure measures for `npm run eval:answers` and `npm run bench:questions:answers` (the checker imports this file
 * with Node's type stripping, so it holds erasable TypeScript only and imports nothing).
 */

/** Case, Unicode form, typographic quotes and runs of whitespace do not count. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, " ").trim().toLowerCase();
}

/**
 * `normalizeText`, then thousands separators dropped: "1.658.610" (pt), "81,797" (en) and "81797" compare equal.
 * A separator counts when a digit precedes it and exactly three digits follow, so "338.4" and "12559.72" keep
 * their decimal point; applied to both sides, the rare "0.001" → "0001" cannot make a false match.
 */
export function normalizeFact(text: string): string {
  return normalizeText(text).replace(/(\d)[.,](?=\d{3}(?!\d))/g, "$1");
}

const DIGIT = /\p{N}/u;
const ALNUM = /[\p{L}\p{N}]/u;

/** What may not touch a fact's edge: a digit next to a figure, a letter or digit next to a word. */
function joins(edge: string, neighbour: string): boolean {
  if (DIGIT.test(edge)) return DIGIT.test(neighbour);
  return ALNUM.test(edge) && ALNUM.test(neighbour);
}

/**
 * Whether `text` contains the key fact, after `normalizeFact` on both. The fact must not sit inside a longer
 * number or word: "462" is not found in "1,462", "17.1" not in "17.15", "pollo" is found in "pan con pollo".
 * A letter may touch a figure, as extracted PDF text glues footers to numbers ("835Página 16").
 */
export function containsFact(text: string, fact: string): boolean {
  const haystack = normalizeFact(text);
  const needle = normalizeFact(fact);
  if (needle === "") return false;
  const first = needle[0] ?? "";
  const last = needle[needle.length - 1] ?? "";
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1] ?? "";
    const after = haystack[at + needle.length] ?? "";
    if (!joins(first, before) && !joins(last, after)) return true;
  }
  return false;
}

/** Whitespace runs collapsed, ends trimmed; nothing else changes (a quote must be the page's text). */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A citation's quote with a leading or trailing ellipsis (the API marks cut quotes so) removed. */
export function quoteCore(quote: string): string {
  return collapseWhitespace(quote.replace(/^\s*(…|\.\.\.)/, "").replace(/(…|\.\.\.)\s*$/, ""));
}

/**
 * How a quote is unfinished, if it is (since 2026-12-03): it ends in ":" — a form field with no value, or a label
 * alone ("Occupational Pilot: Last Flight Review or Equivalent:") — or leaves a bracket open ("26 hours (Last 90
 * days,"). Counted over all citations; a quote cut honestly ends in "…" and is not counted.
 */
export function unfinishedQuote(quote: string): "empty field" | "open bracket" | null {
  const t = collapseWhitespace(quote);
  if (/(…|\.\.\.)$/.test(t)) return null;
  if (t.endsWith(":")) return "empty field";
  const opened = t.match(/[([]/g)?.length ?? 0;
  const closed = t.match(/[)\]]/g)?.length ?? 0;
  return opened > closed ? "open bracket" : null;
}

/** Whether the quote (ellipses aside) is text of the page, whitespace-normalised on both sides. */
export function quoteOnPage(quote: string, pageText: string): boolean {
  const core = quoteCore(quote);
  return core !== "" && collapseWhitespace(pageText).includes(core);
}

export type CitedSpan = { pageStart: number; pageEnd: number; page?: number | null };

/** The page a viewer opens for a citation: `page` when the API gives it, else the chunk's first page. */
export function citedPage(citation: CitedSpan): number {
  return typeof citation.page === "number" ? citation.page : citation.pageStart;
}

/** How many pages a citation's chunk spans. */
export function citationSpan(citation: CitedSpan): number {
  return citation.pageEnd - citation.pageStart + 1;
}

/** Every page a search result covers, as `${document}#${page}` keys, in page order. */
export function resultPages(document: string, span: CitedSpan): string[] {
  return Array.from({ length: citationSpan(span) }, (_, i) => `${document}#${span.pageStart + i}`);
}

/** Precision and recall of a binary prediction; null where undefined (nothing predicted, nothing to find). */
export function precisionRecall(rows: ReadonlyArray<{ actual: boolean; predicted: boolean }>) {
  const tp = rows.filter((r) => r.actual && r.predicted).length;
  const fp = rows.filter((r) => !r.actual && r.predicted).length;
  const fn = rows.filter((r) => r.actual && !r.predicted).length;
  return {
    tp,
    fp,
    fn,
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: tp + fn === 0 ? null : tp / (tp + fn),
  };
}

/** Mean of the values, null for none. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** What the eval records for one question: on-topic ones carry retrieval and answer checks, off-topic ones not. */
export type QuestionRun = {
  lang: string;
  offTopic: boolean;
  /** A search result among the first five covers a labelled page (on-topic only). */
  hitAt5?: boolean;
  /** The answer text contains the key fact (on-topic only). */
  factInAnswer?: boolean;
  /** Citation 1's quote (the unit the answer puts first) contains the key fact (on-topic only). */
  factCitedFirst?: boolean;
  notCovered: boolean;
  quotesFound: number;
  quotesChecked: number;
  spans: number[];
};

export type RunSummary = {
  questions: number;
  offTopic: number;
  hitAt5: number | null;
  factInAnswer: number | null;
  factCitedFirst: number | null;
  quotesFound: number;
  quotesChecked: number;
  quoteShare: number | null;
  spanMean: number | null;
  spanMax: number | null;
  notCoveredPrecision: number | null;
  notCoveredRecall: number | null;
};

/** The figures of one slice of runs (one language, or all). */
export function summarizeRuns(runs: readonly QuestionRun[]): RunSummary {
  const onTopic = runs.filter((r) => !r.offTopic);
  const share = (flags: Array<boolean | undefined>) => mean(flags.map((f) => (f ? 1 : 0)));
  const spans = runs.flatMap((r) => r.spans);
  const quotesFound = runs.reduce((n, r) => n + r.quotesFound, 0);
  const quotesChecked = runs.reduce((n, r) => n + r.quotesChecked, 0);
  const nc = precisionRecall(runs.map((r) => ({ actual: r.offTopic, predicted: r.notCovered })));
  return {
    questions: onTopic.length,
    offTopic: runs.length - onTopic.length,
    hitAt5: share(onTopic.map((r) => r.hitAt5)),
    factInAnswer: share(onTopic.map((r) => r.factInAnswer)),
    factCitedFirst: share(onTopic.map((r) => r.factCitedFirst)),
    quotesFound,
    quotesChecked,
    quoteShare: quotesChecked === 0 ? null : quotesFound / quotesChecked,
    spanMean: mean(spans),
    spanMax: spans.length === 0 ? null : Math.max(...spans),
    notCoveredPrecision: nc.precision,
    notCoveredRecall: nc.recall,
  };
}

const figure = (value: number | null, digits = 2) => (value === null ? "–" : value.toFixed(digits));

/** A Markdown table: one row per language present (in `langs` order), then "all". */
export function formatRunTable(runs: readonly QuestionRun[], langs: readonly string[]): string {
  const header =
    "| lang | questions (+off-topic) | hit@5 page | key fact in answer | key fact cited first | quote on cited page | span mean / max | not-covered P / R |";
  const slices: Array<[string, QuestionRun[]]> = [
    ...langs.map((lang): [string, QuestionRun[]] => [lang, runs.filter((r) => r.lang === lang)]),
    ["all", [...runs]],
  ];
  const rows = slices
    .filter(([, slice]) => slice.length > 0)
    .map(([lang, slice]) => {
      const s = summarizeRuns(slice);
      return `| ${lang} | ${s.questions} (+${s.offTopic}) | ${figure(s.hitAt5)} | ${figure(s.factInAnswer)} | ${figure(s.factCitedFirst)} | ${figure(s.quoteShare)} (${s.quotesFound}/${s.quotesChecked}) | ${figure(s.spanMean)} / ${figure(s.spanMax, 0)} | ${figure(s.notCoveredPrecision)} / ${figure(s.notCoveredRecall)} |`;
    });
  return [header, "|---|---|---|---|---|---|---|---|", ...rows].join("\n");
}

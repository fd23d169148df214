/**
 * Superlative questions answered from a table: "Which state had the lowest coronary heart disease death rate?",
 * "Qual órgão tem a menor despesa total?", "¿Qué área de salud tuvo la mayor tasa de ETA en 2018?". When the
 * question asks for the row with the highest or lowest value of something, and a retrieved table has exactly
 * one column of figures whose header says that something best ("Coronary heart disease Rate"), the answer
 * quotes the row whose figure in that column is the extreme — computed from the parsed figures
 * (`table-numbers.ts`), TOTAL rows and subtotals left out — under the row label's and that column's headers,
 * cited to the row's page. Anything less certain (no superlative, no column or two equally good, figures that
 * cannot be read, more than `MAX_TIED` rows sharing the extreme) gives null: the ordinary answer stands.
 */
import { formatMarkdownTable } from "../ingest/markdown-table";
import { detectLanguage, type Language } from "../retrieval/language";
import { queryTerms, tokenSpans } from "../retrieval/normalize";
import { withoutGlosses } from "./acronyms";
import type { AnswerUnit } from "./answer-units";
import { cellValue, columnGrouping } from "./table-numbers";
import { type Citation, citationOf, type ExtractiveAnswer, type Passage } from "./types";

export type Extreme = "max" | "min";

type Asked = "en" | "pt" | "es";

/** Outside a word (JavaScript's \b knows no accents: "más", "demás"). */
const word = (alternatives: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, "iu");

/**
 * The superlatives of each language, and the phrases that hold one without asking for an extreme: "at least",
 * "more than" ("mais de 100", "más de 100"), "at most".
 */
const SUPERLATIVES: Record<Asked, { max: RegExp; min: RegExp; not: RegExp }> = {
  en: {
    max: word("highest|largest|greatest|biggest|most"),
    min: word("lowest|smallest|fewest|least"),
    not: new RegExp(word("at (?:most|least)|most (?:likely|of)|least \\d").source, "giu"),
  },
  pt: {
    max: word("maior|mais"),
    min: word("menor|menos"),
    not: new RegExp(
      word("(?:mais|menos|maior|menor) (?:de|do|da|que)|pelo menos|no máximo|mais ou menos").source,
      "giu",
    ),
  },
  es: {
    max: word("mayor|más"),
    min: word("menor|menos"),
    not: new RegExp(word("(?:más|menos|mayor|menor) (?:de|del|que)|al menos|por lo menos").source, "giu"),
  },
};

/** The extreme the question asks for and the superlative's word, or null (none, or both "highest" and "lowest"). */
export function superlativeOf(question: string, lang: Language): { extreme: Extreme; word: string } | null {
  if (lang !== "en" && lang !== "pt" && lang !== "es") return null;
  const { max, min, not } = SUPERLATIVES[lang];
  const text = question.replace(not, " ");
  const high = text.match(max)?.[0];
  const low = text.match(min)?.[0];
  if (Boolean(high) === Boolean(low)) return null;
  return high ? { extreme: "max", word: high } : { extreme: "min", word: low as string };
}

/** At most this many rows sharing the extreme are quoted; more say nothing about which one. */
export const MAX_TIED = 4;
/** A column of figures: at least this share of its non-blank cells are readable numbers. */
export const MIN_READABLE_SHARE = 0.8;

/** TOTAL, Totals, Total País, SUBTOTAL (D), "Exportaciones totales pesqueras", Todos, Todas. */
const TOTAL_LABEL = /(?<![\p{L}])(?:sub-?)?tota(?:l|ls|les|is|ux)(?![\p{L}])|^(?:todos|todas|all)$/iu;

const termsOf = (text: string) => new Set(tokenSpans(text).map((s) => s.term));

/**
 * Words that ask for a figure without saying which (a table need not hold them to answer): "number", "valor",
 * "cantidad", and the verbs of "which state had / qual órgão tem / qué área tuvo".
 */
const FIGURE_WORDS = termsOf(
  "number amount value figure count quantity level had has have did recorded reported " +
    "número quantidade valor montante tem teve tinha têm registrou apresentou " +
    "cantidad monto tuvo tiene tienen registró reportó presentó procesó",
);

/** A table's rows as the answer units of one or more retrieved pieces of it. */
type Table = {
  rows: AnswerUnit[];
  header: string[];
  caption: string;
  /** The document's title and the chunk's heading: what the table is about besides its caption. */
  title: string;
  doc: string;
  lang: Language;
  pages: number[];
  /** The chunk's index in its document (from its id, `${documentId}:${chunkIndex}`): pieces join in that order. */
  chunk: number;
};

/** "Table 14 (continued)", "Quadro 3 (continuação)", "Cuadro 2 (continuación)". */
const CONTINUED = /continu(?:ed|ação|acao|ación|acion)|\(cont\.?\)/iu;

/**
 * The tables of the retrieved rows. A piece of a table joins the piece of the same document with the same header
 * on the same or the previous page when it goes on from it: its chunk starts inside the table (the header from
 * the chunk's context), or it has no caption of its own, the same caption, or one that says "continued" (the
 * 2015 Brazilian Anexo II repeats its header at the top of its second page). Another caption is another table,
 * however alike the headers ("AREA DE SALUD | 2017 Casos | …" heads six tables of one Guatemalan report). Rows
 * that overlapping chunks repeat count once.
 */
function tablesOf(units: readonly AnswerUnit[], passages: readonly Passage[]): Table[] {
  const pieces = new Map<string, Table>();
  for (const u of units) {
    if (u.kind !== "row" || !u.header || u.header.length < 2) continue;
    const key = `${u.passage}:${u.table}`;
    const passage = passages[u.passage] as Passage;
    const piece = pieces.get(key) ?? {
      rows: [],
      header: u.header,
      caption: u.caption ?? "",
      title: `${passage.documentTitle}\n${passage.context ?? ""}`,
      doc: passage.documentId,
      lang: detectLanguage(passage.text),
      pages: [],
      chunk: Number(/:(\d+)$/.exec(passage.chunkId)?.[1] ?? 0),
    };
    piece.rows.push(u);
    if (!piece.pages.includes(u.page)) piece.pages.push(u.page);
    pieces.set(key, piece);
  }
  const tables: Table[] = [];
  // A table's start before its continuations, and its continuations in document order, whichever the search
  // ranked first: a region is seen as the sum of the states right below it only when they are.
  const ordered = [...pieces.values()].sort(
    (a, b) =>
      Number(a.rows[0]?.continues) - Number(b.rows[0]?.continues) ||
      Math.min(...a.pages) - Math.min(...b.pages) ||
      (a.doc === b.doc ? a.chunk - b.chunk : 0),
  );
  for (const piece of ordered) {
    const same = (t: Table) => t.doc === piece.doc && t.header.join("\u0001") === piece.header.join("\u0001");
    const first = Math.min(...piece.pages);
    const goesOn = (t: Table) =>
      piece.rows[0]?.continues || piece.caption === "" || piece.caption === t.caption || CONTINUED.test(piece.caption);
    const joins = tables.find((t) => same(t) && t.pages.some((p) => p === first || p === first - 1) && goesOn(t));
    if (!joins) {
      tables.push({ ...piece, rows: [...piece.rows], pages: [...piece.pages] });
      continue;
    }
    for (const row of piece.rows) {
      if (!joins.rows.some((r) => r.page === row.page && r.quote === row.quote)) joins.rows.push(row);
    }
    for (const p of piece.pages) if (!joins.pages.includes(p)) joins.pages.push(p);
  }
  return tables;
}

/** The index of a row's label: its first cell with a letter. */
const labelIndex = (cells: readonly string[]) => cells.findIndex((c) => /\p{L}/u.test(c));

type Figure = { row: AnswerUnit; label: string; cell: string; value: number; decimals: number; at: number };

type Column = { index: number; score: number; figures: Figure[]; unreadable: number };

/** A column's readable figures (in table order, TOTAL rows left out), or null when it is no column of figures. */
function columnOf(table: Table, index: number, labelAt: number): Omit<Column, "score"> | null {
  const rows = table.rows.filter((r) => !TOTAL_LABEL.test((r.cells ?? [])[labelIndex(r.cells ?? [])] ?? ""));
  const cells = rows.map((r) => (r.cells ?? [])[index] ?? "");
  const grouping = columnGrouping(cells, table.lang);
  if (!grouping) return null;
  const figures: Figure[] = [];
  let unreadable = 0;
  rows.forEach((row, at) => {
    const value = cellValue(cells[at] as string, grouping);
    if (value.kind === "unreadable") unreadable++;
    if (value.kind !== "number") return;
    const label = (row.cells ?? [])[labelAt] ?? "";
    figures.push({ row, label, cell: cells[at] as string, value: value.value, decimals: value.decimals, at });
  });
  if (figures.length < 2 || figures.length < MIN_READABLE_SHARE * (figures.length + unreadable)) return null;
  return { index, figures, unreadable };
}

/** The column of a table's row labels: the one most of its rows are labelled in. */
function labelColumn(table: Table): number {
  const counts = new Map<number, number>();
  for (const r of table.rows) {
    const at = labelIndex(r.cells ?? []);
    if (at >= 0) counts.set(at, (counts.get(at) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

/** How many of `wanted` the header of a table's label column holds: "state" in "State/Area". */
const labelNamed = (table: Table, wanted: ReadonlySet<string>) => {
  const terms = termsOf(table.header[labelColumn(table)] ?? "");
  return [...wanted].filter((t) => terms.has(t)).length;
};

/** The column of `table` whose header holds the most of `wanted`; null when none holds any, or two tie. */
function bestColumn(table: Table, wanted: ReadonlySet<string>): (Column & { labelAt: number }) | null {
  const labelAt = labelColumn(table);
  const labelTerms = termsOf(table.header[labelAt] ?? "");
  const columns = table.header
    .map((name, index) => (index === labelAt || !/\p{L}/u.test(name) ? null : columnOf(table, index, labelAt)))
    .filter((c): c is Omit<Column, "score"> => c !== null);
  // A table with one column of figures ("VALOR") says what they are in its caption ("DESPESA DO ORÇAMENTO DE
  // INVESTIMENTO"); with several, each column's header says it, a word the fewer headers hold the more ("Totals"
  // beside 24 headers that all begin "NICS Firearm Background Checks November - 2015").
  const captionTerms = columns.length === 1 ? termsOf(table.caption) : new Set<string>();
  const headerTerms = columns.map((c) => new Set([...termsOf(table.header[c.index] ?? ""), ...captionTerms]));
  const weight = (t: string) => Math.log(1 + columns.length / headerTerms.filter((terms) => terms.has(t)).length);
  const scored = columns.map((c, i) => {
    const terms = headerTerms[i] as Set<string>;
    const score = [...wanted].filter((t) => terms.has(t) && !labelTerms.has(t)).reduce((sum, t) => sum + weight(t), 0);
    return { ...c, score };
  });
  scored.sort((a, b) => b.score - a.score);
  const [best, next] = scored;
  if (!best || best.score === 0 || (next && next.score === best.score)) return null;
  return { ...best, labelAt };
}

/** Half a unit of the last decimal shown, per figure summed: what rounding may leave between parts and total. */
const tolerance = (figures: readonly Figure[]) => figures.reduce((sum, f) => sum + 0.5 * 10 ** -f.decimals, 0) + 1e-9;

/**
 * Whether a figure is a subtotal of the others: the sum of the two or more rows right below it or right above it
 * ("Property crime" over Burglary, Larceny-theft, Motor vehicle theft and Arson; a region over its states), or
 * of all the others, or half of them (a country over its regions and their states).
 */
function isSubtotal(f: Figure, figures: readonly Figure[]): boolean {
  const i = figures.indexOf(f);
  for (const step of [1, -1]) {
    let sum = 0;
    const run: Figure[] = [];
    for (let j = i + step; j >= 0 && j < figures.length; j += step) {
      const g = figures[j] as Figure;
      sum += g.value;
      run.push(g);
      if (run.length >= 2 && Math.abs(sum - f.value) <= tolerance(run)) return true;
      if (sum > f.value + tolerance(run)) break;
    }
  }
  const others = figures.filter((g) => g !== f);
  const rest = others.reduce((sum, g) => sum + g.value, 0);
  const slack = tolerance(others);
  return others.length >= 2 && (Math.abs(rest - f.value) <= slack || Math.abs(rest / 2 - f.value) <= slack);
}

/** The rows with the extreme figure (subtotals left out when the highest is asked for), or null. */
function extremeOf(figures: readonly Figure[], extreme: Extreme): Figure[] | null {
  if (figures.some((f) => f.value < 0) && extreme === "max") return null;
  const sorted = [...figures].sort((a, b) => (extreme === "max" ? b.value - a.value : a.value - b.value));
  const parts = extreme === "max" ? sorted.filter((f) => !isSubtotal(f, figures)) : sorted;
  const top = parts[0];
  if (!top) return null;
  const tied = parts.filter((f) => f.value === top.value);
  return tied.length > MAX_TIED ? null : tied;
}

/** The lead: which extreme of which column, over how many rows, of the table on which page(s) ("4", "2–3"). */
const LEAD: Record<Asked, (extreme: Extreme, column: string, rows: number, pages: string) => string> = {
  en: (e, c, n, p) =>
    `The ${e === "max" ? "highest" : "lowest"} “${c}” among the ${n} rows compared in the table on ${p.includes("–") ? "pages" : "page"} ${p}`,
  pt: (e, c, n, p) =>
    `O ${e === "max" ? "maior" : "menor"} valor de “${c}” entre as ${n} linhas comparadas da tabela ${p.includes("–") ? "nas páginas" : "na página"} ${p}`,
  es: (e, c, n, p) =>
    `El ${e === "max" ? "mayor" : "menor"} valor de “${c}” entre las ${n} filas comparadas de la tabla ${p.includes("–") ? "en las páginas" : "en la página"} ${p}`,
};

const UNREADABLE: Record<Asked, (n: number) => string> = {
  en: (n) => `${n} ${n === 1 ? "row" : "rows"} without a readable figure left out`,
  pt: (n) => `${n} ${n === 1 ? "linha" : "linhas"} sem valor legível deixadas de fora`,
  es: (n) => `${n} ${n === 1 ? "fila" : "filas"} sin cifra legible dejadas fuera`,
};

/**
 * The answer to a superlative question from the best-fitting retrieved table, or null. `rank` orders the
 * candidates as the ordinary answer ranks them (passage, order), to choose between equally fitting tables.
 */
export function superlativeAnswer(
  question: string,
  passages: readonly Passage[],
  units: readonly AnswerUnit[],
  rank: (u: AnswerUnit) => number,
  lang: Language,
): ExtractiveAnswer | null {
  const asked = superlativeOf(question, lang);
  if (!asked || (lang !== "en" && lang !== "pt" && lang !== "es")) return null;
  const skip = termsOf(asked.word);
  // A gloss's letters ("(CHD)") need not be in the table: its words are (acronyms.ts).
  const wanted = new Set(queryTerms(withoutGlosses(question), lang).filter((t) => !skip.has(t)));
  const tables = tablesOf(units, passages);
  // When a table's label column names the kind of row asked for ("Which state"), only such a table answers,
  // even when it cannot be compared: Table 1's rows by sex and race are no states.
  const namedMost = Math.max(0, ...tables.map((t) => labelNamed(t, wanted)));
  const fits = tables
    .filter((table) => labelNamed(table, wanted) === namedMost)
    .map((table) => {
      const column = bestColumn(table, wanted);
      if (!column) return null;
      // Of the tables left, the one whose chosen column's header, label header and caption hold most of the
      // question; on a tie, the one whose rows the ordinary ranking puts first.
      const label = termsOf(table.header[column.labelAt] ?? "");
      const about = new Set([...termsOf(table.header[column.index] ?? ""), ...label, ...termsOf(table.caption)]);
      // The table must be about all the question asks: "la menor tasa de disentería" is not answered from the
      // diarrhoea table beside it, however alike their headers.
      const labels = table.rows.flatMap((r) => [...termsOf((r.cells ?? [])[column.labelAt] ?? "")]);
      const held = new Set([...about, ...table.header.flatMap((h) => [...termsOf(h)]), ...termsOf(table.title)]);
      for (const t of labels) held.add(t);
      const missing = [...wanted].filter((t) => !held.has(t) && !FIGURE_WORDS.has(t));
      if (missing.length > 0) return null;
      const fit = [...wanted].filter((t) => about.has(t)).length;
      return { table, column, fit, first: Math.min(...table.rows.map(rank)) };
    })
    .filter((f) => f !== null)
    .sort((a, b) => b.fit - a.fit || a.first - b.first);
  const chosen = fits[0];
  if (!chosen) return null;
  const { table, column } = chosen;
  const tied = extremeOf(column.figures, asked.extreme);
  if (!tied) return null;
  const citations: Citation[] = tied.map((f, i) =>
    citationOf(i + 1, passages[f.row.passage] as Passage, f.row.page, f.row.quote),
  );
  const header = [table.header[column.labelAt] ?? "", table.header[column.index] ?? ""];
  const shown = formatMarkdownTable({ header, rows: tied.map((f) => [f.label, f.cell]) });
  const pages = [...new Set(column.figures.map((f) => f.row.page))].sort((a, b) => a - b);
  const where = pages.length > 1 ? `${pages[0]}–${pages.at(-1)}` : String(pages[0]);
  const lead = LEAD[lang](asked.extreme, header[1] as string, column.figures.length, where);
  const note = column.unreadable > 0 ? ` (${UNREADABLE[lang](column.unreadable)})` : "";
  const markers = citations.map((c) => c.n).join(", ");
  return { mode: "extractive", text: `${lead}${note} [${markers}]:\n\n${shown}`, citations };
}

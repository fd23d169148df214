/**
 * The candidates an extractive answer chooses from: the complete sentences and table rows of the retrieved
 * passages, each with the page it lies on and its quote — text of that page, whitespace normalised. A
 * sentence that runs over a page break is shown whole but quoted (and cited) from the page it starts on.
 * Table rows keep their column headers (from the table, or from the chunk's context when the chunk starts
 * inside a table), so a row of figures can be shown under the headers that say what the figures are.
 */
import { isBoilerplate } from "../ingest/boilerplate";
import { isSeparatorRow, isTableRow, parseMarkdownTable, rowCells } from "../ingest/markdown-table";
import { CAPTION_START, captionLines } from "../ingest/table-caption";
import { tokenSpans } from "../retrieval/normalize";
import { closedPrefix, fieldLine, secondLabels, withoutEmptyField } from "./form-fields";
import { labelTermsOf, phrasesOf } from "./phrases";
import { splitSentences } from "./sentences";
import type { Passage } from "./types";

export type AnswerUnit = {
  passage: number;
  page: number;
  kind: "sentence" | "row";
  /** What the answer shows. */
  text: string;
  /** What the citation quotes: on `page`, whitespace normalised. */
  quote: string;
  /** Rows: the column headers and the row's cells; `table` identifies the table within the passage. */
  header?: string[] | null;
  cells?: string[];
  table?: number;
  /** Rows: the table's caption (the prose just above it, or the chunk's heading), and whether the chunk starts
   * inside the table (its header taken from the chunk's context: an earlier piece of the table is elsewhere). */
  caption?: string;
  continues?: boolean;
  terms: Set<string>;
  /** Rows: the terms of the row's own cells (without header and caption). */
  cellTerms?: Set<string>;
  /** Rows: the two-word phrases of the row's own cells, and the content terms of its label (`phrases.ts`). */
  cellPhrases?: Set<string>;
  labelTerms?: Set<string>;
  /**
   * Sentences whose last form field is empty ("Occupational Pilot: Last Flight Review or Equivalent:"): the terms
   * only the text after the leading label holds, which may be that empty field's label and answer nothing.
   */
  valueless?: Set<string>;
  /** Position in reading order within the passage. */
  order: number;
};

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/** An agenda or section number before a heading: "1. ", "2.3 ", "4) ", "(a) ", "b) ". */
const NUMBERING = /^(?:\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+|\(?[a-z]\))\s+/u;

/**
 * "Probable Cause and Findings", "1. Ouverture de la séance": a heading names a topic but answers nothing. Its
 * number is no figure: the heading is judged without it.
 */
function isHeadingLike(sentence: string, tokenCount: number): boolean {
  const unnumbered = sentence.replace(NUMBERING, "");
  const tokens = unnumbered === sentence ? tokenCount : tokenSpans(unnumbered).length;
  return tokens <= 6 && !/[.!?…:\d]/.test(unnumbered);
}

/**
 * Titles quoted as answers say what a table holds, never a figure of it: "Table 6. Number of deaths…",
 * "AUTORIZAÇÕES ESPECÍFICAS DE QUE TRATA O ART. 169", "Actual and projected numbers …: School years 2003–04".
 */
function isCaptionLike(sentence: string): boolean {
  const t = sentence.trim();
  if (CAPTION_START.test(t)) return true;
  const letters = t.replace(/[^\p{L}]/gu, "");
  if (letters.length >= 12 && letters === letters.toUpperCase()) return true;
  // A long line with no sentence end and no "Label: value" form: a title. A clause ending in ";" is no title: a
  // resolution's preamble ("ATTENDU QUE … ;"), a list of findings ("(a) the pilot's failure to … ;").
  return !/[.!?…;]["'”’)\]]*$/u.test(t) && !/^[^:]{1,40}:\s*\S/u.test(t) && t.split(/\s+/).length >= 8;
}

/** The caption of the table below a prose region (ingest/table-caption.ts). */
function captionOf(region: Region | undefined): string | null {
  if (region?.kind !== "prose") return null;
  return captionLines(region.text).join(" ") || null;
}

type Region = { kind: "prose" | "table"; text: string };

/** A segment's text cut into prose and table regions, in order. */
function regionsOf(text: string): Region[] {
  const regions: Region[] = [];
  for (const line of text.split("\n")) {
    const kind = isTableRow(line) ? "table" : "prose";
    const last = regions.at(-1);
    if (last && last.kind === kind) last.text += `\n${line}`;
    else regions.push({ kind, text: line });
  }
  return regions;
}

/** The header cells a chunk's context carries for a table it starts inside of. */
function contextHeader(context: string | null): string[] | null {
  if (!context) return null;
  const lines = context.split("\n").filter(isTableRow);
  return lines.length ? (parseMarkdownTable(lines.join("\n"))?.header ?? null) : null;
}

function termsOf(text: string): Set<string> {
  return new Set(tokenSpans(text).map((span) => span.term));
}

/** Every sentence and table row of `passages` that could answer something. */
export function answerUnits(passages: readonly Passage[]): AnswerUnit[] {
  const units: AnswerUnit[] = [];
  passages.forEach((passage, pi) => {
    let order = 0;
    let table = 0;
    /** A sentence left open at the end of the previous page, waiting for its continuation. */
    let open: AnswerUnit | undefined;
    passage.segments.forEach((segment, si) => {
      const regions = regionsOf(segment.text);
      regions.forEach((region, ri) => {
        if (region.kind === "table") {
          table++;
          const parsed = parseMarkdownTable(region.text);
          const startsChunk = si === 0 && ri === 0;
          const continues = !parsed?.header && startsChunk;
          const header = parsed?.header ?? (continues ? contextHeader(passage.context) : null);
          const lines = region.text.split("\n").filter((l) => isTableRow(l) && !isSeparatorRow(l));
          const body = parsed?.header ? lines.slice(lines.length - parsed.rows.length) : lines;
          // What the table is about: its caption (the prose just above it) or the chunk's heading.
          const caption = captionOf(regions[ri - 1]) ?? (startsChunk ? passage.context : null) ?? "";
          for (const line of body) {
            const cells = rowCells(line);
            if (!cells.some((c) => /\p{L}|\d/u.test(c))) continue;
            const terms = termsOf([...cells, ...(header ?? []), caption].join(" "));
            units.push({
              passage: pi,
              page: segment.page,
              kind: "row",
              text: squash(line),
              quote: squash(line),
              header,
              cells,
              table,
              caption,
              continues,
              terms,
              cellTerms: termsOf(cells.join(" ")),
              cellPhrases: phrasesOf(cells),
              labelTerms: labelTermsOf(cells),
              order: order++,
            });
          }
          open = undefined;
          return;
        }
        const sentences = splitSentences(region.text);
        /** The heading the sentence before was, if it was one. */
        let heading: string | undefined;
        sentences.forEach((sentence, k) => {
          const under = heading;
          heading = undefined;
          // The continuation of the previous page's last sentence: shown with it, quoted from its page.
          if (open && k === 0 && ri === 0 && /^\p{Ll}/u.test(sentence.text)) {
            open.text = `${open.text} ${sentence.text}`;
            for (const term of termsOf(sentence.text)) open.terms.add(term);
            open = undefined;
            return;
          }
          const tokens = tokenSpans(sentence.text).length;
          // The page's last sentence may run on into the next page: judged by its end there, not here.
          const runsOn = k === sentences.length - 1 && ri === regions.length - 1 && si < passage.segments.length - 1;
          if (isHeadingLike(sentence.text, tokens)) heading = sentence.text;
          // A one- or two-word entry under a heading ("3. Période de question du public" / "Aucune question.") is the
          // heading's answer: it holds the heading's terms too, as a table row holds its headers'.
          const entry = tokens > 0 && tokens < 3 && under !== undefined && /[.!?…]$/u.test(sentence.text);
          if ((tokens < 3 && !entry) || heading || (!runsOn && isCaptionLike(sentence.text))) return;
          if (isBoilerplate(sentence.text, "paragraph")) return;
          // A label with no value ("Precipitation and Obscuration:") answers nothing, unless the next page holds it.
          if (!runsOn && fieldLine(sentence.text).labelOnly) return;
          const unit: AnswerUnit = {
            passage: pi,
            page: segment.page,
            kind: "sentence",
            text: sentence.text,
            quote: sentence.text,
            terms: termsOf(entry ? `${under} ${sentence.text}` : sentence.text),
            order: order++,
          };
          units.push(unit);
          const last = k === sentences.length - 1 && ri === regions.length - 1;
          open = last && !/[.!?…:;]["'”’)\]]*$/u.test(sentence.text) ? unit : undefined;
        });
      });
    });
  });
  const known = secondLabels(units.filter((u) => u.kind === "sentence").map((u) => u.text));
  return units.flatMap((u) => formFieldsChecked(u, known));
}

/**
 * A sentence cut inside an open bracket (its passage ends mid field) is cut back to its last complete item and
 * marked "…". A sentence ending in an empty field loses that field's label when other lines of the form show
 * where it starts ("Landing Gear Type: Tricycle Seats:" → "Landing Gear Type: Tricycle"), and is dropped when
 * nothing else is left; otherwise it names the terms only that field's side of it holds.
 */
function formFieldsChecked(unit: AnswerUnit, known: Map<string, Set<string>>): AnswerUnit[] {
  if (unit.kind !== "sentence" || unit.quote !== unit.text) return [unit];
  const prefix = closedPrefix(unit.text);
  const trimmed = prefix === null ? withoutEmptyField(unit.text, known) : null;
  if (trimmed === "") return [];
  const shown = prefix ?? trimmed;
  const u = shown ? { ...unit, text: prefix ? `${prefix} …` : shown, quote: shown, terms: termsOf(shown) } : unit;
  const field = fieldLine(u.text);
  if (!field.endsEmpty || !field.label) return [u];
  const labelTerms = termsOf(field.label);
  const valueless = new Set([...u.terms].filter((t) => !labelTerms.has(t)));
  return [valueless.size ? { ...u, valueless } : u];
}

/**
 * Sentence splitting for extracted document text (PDF lines, forms, lists) in en/pt/es: stops at . ! ? …
 * unless the period ends an abbreviation (Dr., U.S., e.g., Sra.), an initial (Robert J. Gretz) or sits
 * inside a number (3.5); also at blank lines, and at line breaks that start a form field, list item or
 * follow a heading. A plain line break inside a wrapped sentence is not a boundary.
 */

import { fieldLine, openBrackets } from "./form-fields";

export type Sentence = { text: string; start: number; end: number };

const words = (list: string) => new Set(list.split(/\s+/));
/** Abbreviations whose period never ends a sentence. */
const ABBREVIATIONS = words(`mr mrs ms dr dra drs prof profa sr sra srta jr st vs cf al approx dept inc ltd co corp
  lt col gen capt sgt cmdr gov sen rep av blvd obs sta sto ud uds`);
/** Abbreviations that only hold on before a number ("No. 5", "Mar. 3", "p. 12"): "mar" is also a word. */
const NUMBERED = words(`no nos p pp pag pags fig figs vol vols art cap num tel jan feb mar apr jun jul aug sep sept
  oct nov dec`);

/** A line that starts a new unit: a form field ("Wind Direction: …"), a list item, a numbered finding. */
const LINE_START = /^\s*(?:[-•*▪–]\s|\d{1,3}[.)]\s|\(?[a-z]\)\s|[\p{Lu}][\p{L}\p{N} /&()'.#,-]{0,40}:(?:\s|$))/u;
const OPENERS = /[\p{Lu}\p{N}"'“‘«¿¡([]/u;

function foldWord(word: string): string {
  return word
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .toLowerCase();
}

/** Does the period at `dot` end an abbreviation, an initial or belong to a number? */
function periodIsPartOfWord(text: string, dot: number): boolean {
  if (/\d/.test(text[dot - 1] ?? "") && /\d/.test(text[dot + 1] ?? "")) return true;
  if (/(?:^|\n)[ \t]*\d{1,3}$/.test(text.slice(Math.max(0, dot - 12), dot))) return true; // "1. " list marker
  const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, dot - 20), dot))?.[1] ?? "";
  if (word === "") return false;
  const bare = word.replace(/^\.+/, "");
  if (/^\p{Lu}$/u.test(bare)) return true; // an initial
  if (/^(?:\p{L}\.)+\p{L}$/u.test(bare)) return true; // U.S, e.g, a.m
  const folded = foldWord(bare);
  if (NUMBERED.has(folded)) return /^\s*\d/.test(text.slice(dot + 1, dot + 4));
  return ABBREVIATIONS.has(folded);
}

/** A short line without punctuation or figures ("Aircraft and Owner/Operator Information"): a heading. */
const isHeadingLine = (line: string) => line.split(/\s+/).length <= 6 && !/[.!?…:,;\d]/u.test(line);

/**
 * A form field's value wrapped onto the next line: "26 hours (Last 90 days,⏎all aircraft), 5 hours …" (a bracket
 * the line leaves open and the next line closes) or "Seatbelt, Shoulder⏎harness" (the next line starts in lower
 * case, so it starts no field), or a label alone on its line whose value is the next one ("Secrétaire :⏎Mme Ariane
 * Bélanger, greffière adjointe, Service du greffe") unless that line is a heading ("Flight Time:⏎Aircraft and
 * Owner/Operator Information"). One field per line otherwise: the next line is a field of its own.
 */
function continuesField(line: string, nextLine: string): boolean {
  if (/^\p{Ll}/u.test(nextLine)) return true;
  if (nextLine && fieldLine(line).labelOnly && !isHeadingLine(nextLine)) return true;
  return openBrackets(line) > 0 && openBrackets(nextLine) < 0;
}

function boundaries(text: string): number[] {
  const cuts: number[] = [];
  const terminal = /[.!?…]+["'”’»)\]]*(?=\s)/gu;
  for (const match of text.matchAll(terminal)) {
    const end = match.index + match[0].length;
    const next = /\S/u.exec(text.slice(end, end + 20));
    if (!next || !OPENERS.test(next[0])) continue;
    const singlePeriod = /^\.["'”’»)\]]*$/u.test(match[0]);
    if (singlePeriod && periodIsPartOfWord(text, match.index)) continue;
    cuts.push(end);
  }
  for (const match of text.matchAll(/\n/g)) {
    const lineStart = text.lastIndexOf("\n", match.index - 1) + 1;
    const line = text.slice(lineStart, match.index).trim();
    const nextBreak = text.indexOf("\n", match.index + 1);
    const nextLine = text.slice(match.index + 1, nextBreak === -1 ? undefined : nextBreak).trimStart();
    const blank = line === "" || nextLine === "";
    const heading = line.length > 0 && line.length <= 40 && !/[.,;:]$/.test(line) && /^\p{Lu}/u.test(nextLine);
    const fieldEnds = LINE_START.test(line) && !continuesField(line, nextLine);
    if (blank || heading || LINE_START.test(nextLine) || fieldEnds) cuts.push(match.index);
  }
  return [...new Set(cuts)].sort((a, b) => a - b);
}

/** Sentences of `text` with their offsets; whitespace inside a sentence collapsed to single spaces. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let from = 0;
  for (const cut of [...boundaries(text), text.length]) {
    const raw = text.slice(from, cut);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) {
      const start = from + lead;
      sentences.push({ text: trimmed.replace(/\s+/g, " "), start, end: start + trimmed.length });
    }
    from = cut;
  }
  return sentences;
}

/**
 * Blocks of a page that answer no student's question and would only crowd out real passages: tables of
 * contents, filing cover-page check boxes, signatures, certifications and legal notices. Running headers and
 * footers are removed earlier, across pages (page-text.ts); these are recognised one block at a time, by
 * phrases that only such text uses (en/pt/es), so a false positive needs an unusual sentence, and a missed
 * one merely stays searchable. The page text keeps them: the viewer still shows the whole page.
 */
import type { BlockKind } from "./text-blocks";

/** Section titles whose whole section is boilerplate. */
const BOILERPLATE_HEADING =
  /^(?:#{1,6}\s*)?(?:table of contents|contents|signatures?|index|índice|indice|sumário|sumario|contenido|assinaturas?|firmas?)\s*$/iu;

/** Phrases of legal notices, filing covers, certifications and signature blocks. */
const BOILERPLATE_PHRASES = [
  /indicate by check mark/i,
  /pursuant to the requirements of the securities exchange act/i,
  /securities registered pursuant to section/i,
  /commission file number/i,
  /(?:^|\s)\/s\/\s*\p{Lu}/mu,
  /\bhereby certif(?:y|ies)\b/i,
  /\bcertify that:?\s*(?:\(?1\)?|1\.)/i,
  /pursuant to 18 u\.?s\.?c\.? section 1350/i,
  /section 906 of the sarbanes-oxley act/i,
  /private securities litigation reform act/i,
  /\bin witness whereof\b/i,
  // The certifications every filing repeats (Exhibits 31 and 32, Item 4): no student asks about them.
  /disclosure controls and procedures/i,
  /internal control over financial reporting/i,
  /\ball rights reserved\b/i,
  /todos os direitos reservados/i,
  /todos los derechos reservados/i,
  /assinado digitalmente/i,
  /documento firmado (?:digital|electr[oó]nica)mente/i,
];

/** A table-of-contents line: a title, dot leaders or a tab, a page number at the end. */
const TOC_LINE = /(?:\.{4,}|…{2,}|(?:\s\.){4,}|\t)\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$/iu;

function isTableOfContents(text: string): boolean {
  const lines = text.split("\n").filter((line) => line.trim());
  if (lines.length < 3) return false;
  const leaders = lines.filter((line) => TOC_LINE.test(line.trim())).length;
  return leaders >= 3 && leaders / lines.length >= 0.6;
}

/** Is this block boilerplate to keep out of the index? */
export function isBoilerplate(text: string, kind: BlockKind): boolean {
  const t = text.trim();
  if (!t) return false;
  if (kind === "heading") return BOILERPLATE_HEADING.test(t);
  if (kind === "code" || kind === "formula") return false;
  if (isTableOfContents(t)) return true;
  return BOILERPLATE_PHRASES.some((phrase) => phrase.test(t));
}

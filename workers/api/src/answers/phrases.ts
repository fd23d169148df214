/**
 * What a table row's label says, for matching it against a question: its content words, and its two-word
 * phrases. A row label is a name ("1. RECEITAS CORRENTES", "Exportaciones totales pesqueras", "Aggravated
 * assault"), so the question that asks for that row names it with the same words side by side ("o total da
 * receita corrente"). Words are index terms (`tokenSpans`: folded, stemmed, so "receita corrente" meets
 * "RECEITAS CORRENTES"); the stop words of every known language are skipped ("Receita de Serviços" pairs
 * receita with serviços); a pair is kept in either order ("exportaciones totales" meets "total de las
 * exportaciones").
 */
import { ANY_STOP_WORD } from "../retrieval/language";
import { tokenSpans } from "../retrieval/normalize";

const isStop = (norm: string) => ANY_STOP_WORD.has(norm);

/** The key of a pair of terms, whichever comes first. */
const pairKey = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);

/** The terms of `text` without the stop words of every known language, in order. */
function contentTerms(text: string): string[] {
  return tokenSpans(text)
    .filter((s) => !isStop(s.norm))
    .map((s) => s.term);
}

/** The pairs of consecutive content terms of each text; a pair never runs from one text (cell) into the next. */
export function phrasesOf(texts: readonly string[]): Set<string> {
  const pairs = new Set<string>();
  for (const text of texts) {
    const terms = contentTerms(text);
    for (let i = 0; i + 1 < terms.length; i++) {
      const [a, b] = [terms[i] as string, terms[i + 1] as string];
      if (a !== b) pairs.add(pairKey(a, b));
    }
  }
  return pairs;
}

/** The question's phrases: its pairs of consecutive content terms whose terms are both among `terms`. */
export function questionPhrases(question: string, terms: readonly string[]): string[] {
  const wanted = new Set(terms);
  return [...phrasesOf([question])].filter((key) => key.split(" ").every((t) => wanted.has(t)));
}

/**
 * The content terms of a row's label: its first cell with a letter, its numbering left out ("1. RECEITAS
 * CORRENTES": receit, corrent); a row without words is labelled by its first non-empty cell (a year, "2008").
 */
export function labelTermsOf(cells: readonly string[]): Set<string> {
  const worded = cells.find((c) => /\p{L}/u.test(c));
  if (!worded) return new Set(contentTerms(cells.find((c) => c.trim()) ?? ""));
  const terms = contentTerms(worded);
  const words = terms.filter((t) => /\p{L}/u.test(t));
  return new Set(words.length ? words : terms);
}

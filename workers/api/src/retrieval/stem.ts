/**
 * A light stemmer for folded (lower-case, diacritic-free) English, Portuguese and Spanish words.
 *
 * Why one stemmer for three languages instead of picking one per text: the keyword index and the query must
 * produce the same stem for the same word, and a Portuguese question over an English report (our most common
 * case) or a mixed-language notebook would otherwise be stemmed by two different rule sets. Every rule here is
 * either specific to one language's spelling (pt "-ções", es "-ciones", en "-ing") or harmless to the others,
 * and the Latin cognate endings are mapped to one form so "information", "información" and "informação" meet.
 * It is Porter2/RSLP/Snowball-lite, not a full implementation: plurals, -ing/-ed/-ly/-ness, -mente,
 * -ção/-ción/-tion, -idade/-idad/-ity and the final a/e/o vowel.
 */

const MIN_STEM = 3;
const VOWELS = new Set(["a", "e", "i", "o", "u", "y"]);
const UNDOUBLE = new Set(["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);

/** [suffix, replacement, minimum word length]; the first match wins. */
const PLURALS: ReadonlyArray<readonly [string, string, number]> = [
  ["ciones", "cion", 7], // es: informaciones
  ["siones", "sion", 7], // es: decisiones
  ["coes", "cao", 5], // pt: ações, informações
  ["oes", "ao", 6], // pt: limões, aviões
  ["aes", "ao", 5], // pt: capitães
  ["ais", "al", 5], // pt: animais, principais
  ["eis", "el", 5], // pt: papéis, níveis
  ["ois", "ol", 5], // pt: lençóis
  ["sses", "ss", 5], // en: classes
  ["xes", "x", 5], // en: boxes
  ["ches", "ch", 6], // en: matches (es coches -> coch, like coche)
  ["shes", "sh", 6], // en: crashes
  ["ies", "y", 5], // en: families
];

/** Cognate endings mapped to one spelling; [suffix, replacement, minimum stem left]. */
const COGNATES: ReadonlyArray<readonly [string, string, number]> = [
  ["idade", "idad", 3], // pt capacidade -> es capacidad
  ["ity", "idad", 4], // en capacity -> capacidad
  ["tion", "cion", 3], // en information -> es informacion
  ["cao", "cion", 2], // pt informacao -> informacion
  ["sao", "sion", 3], // pt decisao -> decision
];

function hasVowel(s: string): boolean {
  for (const ch of s) if (VOWELS.has(ch)) return true;
  return false;
}

function isConsonant(ch: string | undefined): boolean {
  return ch !== undefined && !VOWELS.has(ch);
}

/** hop -> hope: after -ing/-ed, a short consonant-vowel-consonant stem gets its silent e back (Porter). */
function restoreE(stem: string): string {
  const [a, b, c] = stem;
  if (stem.length === 3 && isConsonant(a) && !isConsonant(b) && isConsonant(c) && !"wxy".includes(c ?? "")) {
    return `${stem}e`;
  }
  return stem;
}

function stripPlural(w: string): string {
  for (const [suffix, replacement, minLength] of PLURALS) {
    if (w.length >= minLength && w.endsWith(suffix)) return w.slice(0, -suffix.length) + replacement;
  }
  if (w.endsWith("s") && !/(?:ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

function stripVerbal(w: string, suffix: "ing" | "ed"): string | undefined {
  if (!w.endsWith(suffix)) return undefined;
  if (suffix === "ed" && w.endsWith("ied") && w.length >= 5) return `${w.slice(0, -3)}y`;
  const stem = w.slice(0, -suffix.length);
  if (stem.length < MIN_STEM || !hasVowel(stem)) return undefined;
  if (UNDOUBLE.has(stem.slice(-2))) return stem.slice(0, -1);
  return restoreE(stem);
}

function stripSuffix(w: string): string {
  if (w.endsWith("mente") && w.length - 5 >= 4) return w.slice(0, -5); // pt/es adverbs: rapidamente
  if (w.endsWith("ly") && w.length - 2 >= 4) return w.slice(0, -2); // en adverbs: rapidly
  if (w.endsWith("ness") && w.length - 4 >= 4) return w.slice(0, -4);
  const verbal = stripVerbal(w, "ing") ?? stripVerbal(w, "ed");
  if (verbal) return verbal;
  for (const [suffix, replacement, minStem] of COGNATES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= minStem) return w.slice(0, -suffix.length) + replacement;
  }
  return w;
}

/** Stems one folded, lower-case token. Tokens with digits or non a–z letters are returned unchanged. */
export function stemWord(word: string): string {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
  let w = stripSuffix(stripPlural(word));
  // Final a/e/o: pt/es gender and the e of es plurals (flores -> flore -> flor), en silent e (engine, engines).
  if (w.length >= 5 && /[aeo]$/.test(w)) w = w.slice(0, -1);
  // pt -m/-ns (homem, homens): one spelling for both.
  if (w.length >= 4 && w.endsWith("em")) w = `${w.slice(0, -2)}en`;
  return w;
}

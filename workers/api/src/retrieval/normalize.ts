/**
 * The one normalisation used by the keyword index, the query and the highlighter, so the three always agree:
 * NFKC, lower case, zero-width characters removed, Latin/Greek diacritics folded (é→e, ç→c, ß→ss), tokens of
 * Unicode letters and digits (CJK as overlapping bigrams, other scripts untouched), then `stemWord`.
 */
import { detectLanguage, type Language, STOP_WORDS } from "./language";
import { stemWord } from "./stem";

/** A token with its offsets `[start, end)` in the ORIGINAL text, its folded form and its stem. */
export type TokenSpan = { start: number; end: number; norm: string; term: string };

/** Longer tokens are cut (identically at index and query time): nobody searches for a 10 KB word. */
export const MAX_TERM_LENGTH = 64;
export const MAX_QUERY_TERMS = 32;

const CJK = String.raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30FC`;
const ZERO_WIDTH = String.raw`\u00AD\u200B-\u200D\u2060\uFEFF`;
const START = String.raw`[[\p{L}\p{N}]--[${CJK}]]`;
const INNER = String.raw`[[\p{L}\p{N}\p{M}${ZERO_WIDTH}]--[${CJK}]]`;
const TOKEN = new RegExp(
  [
    // Han also holds symbols (radicals ⺀): only letters and numerals make CJK tokens.
    String.raw`(?<cjk>[[${CJK}]&&[\p{L}\p{N}]]+)`,
    // 1,500 and 12.345.678: digit groups are one number (a single trailing group of 3 only, so 30.27 stays two).
    String.raw`(?<num>\d{1,3}(?:[,.]\d{3})+(?!\d|[.,]\d))`,
    `(?<word>${START}${INNER}*(?:['’]${START}${INNER}*)*)`,
  ].join("|"),
  "gv",
);
const ZERO_WIDTH_RE = new RegExp(`[${ZERO_WIDTH}]`, "gu");
const SUB_TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const SPECIAL_FOLDS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
  ς: "σ",
};

/** NFKC, lower case, no zero-width characters, Latin and Greek diacritics folded; other scripts keep their marks. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(ZERO_WIDTH_RE, "")
    .normalize("NFD")
    .replace(/([\p{sc=Latin}\p{sc=Greek}])\p{Mn}+/gu, "$1")
    .replace(/[ßæœøłđðþıς]/g, (ch) => SPECIAL_FOLDS[ch] ?? ch)
    .normalize("NFC");
}

function truncate(term: string): string {
  return term.length <= MAX_TERM_LENGTH ? term : Array.from(term).slice(0, MAX_TERM_LENGTH).join("");
}

/** pilot's -> pilot, l'avion -> avion, don't -> dont. */
function resolveApostrophes(word: string): string {
  if (!/['’]/.test(word)) return word;
  const parts = word.split(/['’]/);
  const first = parts[0] ?? "";
  if (parts.length === 2 && (parts[1] === "s" || parts[1] === "")) return first;
  if (first.length <= 2 && parts.length === 2 && (parts[1]?.length ?? 0) >= 2) return parts[1] ?? "";
  return parts.join("");
}

function* wordSpans(raw: string, start: number, end: number): Generator<TokenSpan> {
  // NFKC can expand one character into several tokens (½ -> 1⁄2): all of them keep the original span.
  for (const sub of resolveApostrophes(normalizeText(raw)).match(SUB_TOKEN) ?? []) {
    const norm = truncate(sub);
    yield { start, end, norm, term: stemWord(norm) };
  }
}

function* cjkSpans(run: string, offset: number): Generator<TokenSpan> {
  const chars: Array<{ ch: string; start: number; end: number }> = [];
  let at = offset;
  for (const ch of run) {
    chars.push({ ch: ch.normalize("NFKC"), start: at, end: at + ch.length });
    at += ch.length;
  }
  if (chars.length === 1) {
    const only = chars[0] as (typeof chars)[number];
    yield { start: only.start, end: only.end, norm: only.ch, term: only.ch };
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i] as (typeof chars)[number];
    const b = chars[i + 1] as (typeof chars)[number];
    yield { start: a.start, end: b.end, norm: a.ch + b.ch, term: a.ch + b.ch };
  }
}

/** Every token of `text` with its offsets in `text` itself. */
export function tokenSpans(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const raw = match[0];
    if (match.groups?.cjk) spans.push(...cjkSpans(raw, start));
    else if (match.groups?.num) {
      const norm = raw.replace(/[,.]/g, "");
      spans.push({ start, end: start + raw.length, norm, term: norm });
    } else spans.push(...wordSpans(raw, start, start + raw.length));
  }
  return spans;
}

/** The normalised, stemmed token stream to store in the FTS5 keyword table (stop words kept). */
export function indexText(text: string): string {
  return tokenSpans(text)
    .map((span) => span.term)
    .join(" ");
}

/**
 * Distinct stemmed query terms, in order, without the stop words of the query's language
 * (unless the query is nothing but stop words). At most `MAX_QUERY_TERMS`.
 */
export function queryTerms(text: string, lang: Language = detectLanguage(text)): string[] {
  const spans = tokenSpans(text);
  const stop = lang === "other" ? undefined : STOP_WORDS[lang];
  const content = stop ? spans.filter((span) => !stop.has(span.norm)) : spans;
  const chosen = content.length > 0 ? content : spans;
  return [...new Set(chosen.map((span) => span.term))].slice(0, MAX_QUERY_TERMS);
}

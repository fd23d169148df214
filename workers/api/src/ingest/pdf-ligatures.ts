/**
 * Ligature glyphs whose ToUnicode entry names only one of their letters. Some PDF writers (the CDC's MMWR
 * reports among them) give a simple font an encoding whose Differences name the glyphs `fi`, `fl`, `ff`,
 * `ffi`, `T_h` and a ToUnicode CMap that maps those codes to the last letter alone (`<1C> <0069>`: "fi" →
 * "i"). PDF.js follows ToUnicode, as the specification says, so "first" reads "irst" and "The" "he". The
 * glyph name is the file's own record of what the glyph is: where a code's glyph name spells a ligature and
 * its Unicode is one letter of that spelling, the spelling is what the page says (docs/pdf-text.md).
 *
 * Text items carry no character codes, so a page of such a document is also read as an operator list (its
 * glyphs in drawing order, each with its code) and the two are aligned character by character, whitespace
 * aside; where they do not align (right-to-left text, which PDF.js reorders), the page is left as it is.
 * Only documents whose file names a ligature glyph in a Differences array and has a ToUnicode CMap pay for
 * this (`namesLigatureGlyphs`, a scan of the raw bytes before PDF.js opens them).
 */
import type { PositionedItem } from "./pdf-lines";
import { indexOfText, latin1Of } from "./pdf-streams";

/** Adobe Glyph List names of the Latin ligatures, and their letters. */
const LIGATURE_NAMES: Record<string, string> = { ff: "ff", fi: "fi", fl: "fl", ffi: "ffi", ffl: "ffl" };

/**
 * The letters a glyph name spells when it names a ligature: an AGL ligature name, `uniFB00`–`uniFB06`, or
 * components joined by `_` (the AGL specification's rule: `f_f_i`, `T_h`); a suffix after `.` (`fi.sc`) is
 * a variant of the same glyph. Undefined for every other name.
 */
export function ligatureOf(glyphName: string): string | undefined {
  const base = glyphName.split(".")[0] ?? "";
  const named = LIGATURE_NAMES[base];
  if (named) return named;
  const code = /^uniFB0([0-6])$/.exec(base)?.[1];
  if (code) return String.fromCharCode(0xfb00 + Number(code)).normalize("NFKC");
  const parts = base.split("_");
  if (parts.length > 1 && parts.every((p) => /^[A-Za-z]$/.test(p))) return parts.join("");
  return undefined;
}

/** Names of a Differences array shaped like a ligature's (`/fi`, `/T_h`, `/uniFB01.sc`), confirmed by `ligatureOf`. */
const LIGATURE_TOKEN =
  /\/((?:f{1,2}[il]?|uniFB0[0-6]|[A-Za-z](?:_[A-Za-z])+)(?:\.[^\s/[\]()<>{}%]*)?)(?=[\s/[\]()<>{}%]|$)/g;
const DIFFERENCES = "/Differences";

/** The longest Differences array read: 256 codes of names up to ~30 characters. */
const MAX_DIFFERENCES_BYTES = 8192;
/**
 * Bytes of Differences arrays read in all, each array counted as at least `MIN_DIFFERENCES_CHARGE`: 8,192
 * short arrays or 2 MiB of long ones. A subset font's array lists the glyphs it uses (the corpus's longest:
 * 1.3 KB), so a 2,000-page document with a font of its own on every page stays below it; a hostile file of
 * 20 MB of "/Differences" took 1.5 s without it (75 ms a MB read), 0.16–0.39 s with it (Node 24, measured).
 */
const MAX_DIFFERENCES_READ = 2 * 1024 * 1024;
const MIN_DIFFERENCES_CHARGE = 256;

/**
 * Whether the file, as stored, has a ToUnicode CMap and a Differences array that names a ligature glyph.
 * Objects inside compressed object streams are not seen (the corpus's affected files keep their fonts in
 * plain objects; docs/pdf-text.md).
 */
export function namesLigatureGlyphs(bytes: Uint8Array): boolean {
  if (indexOfText(bytes, "/ToUnicode", 0) === -1) return false;
  let read = 0;
  for (let at = indexOfText(bytes, DIFFERENCES, 0); at !== -1 && read < MAX_DIFFERENCES_READ; ) {
    const start = at + DIFFERENCES.length;
    const window = bytes.subarray(start, start + MAX_DIFFERENCES_BYTES);
    const close = window.indexOf(0x5d); // "]"
    const array = close === -1 ? window : window.subarray(0, close);
    for (const [, name] of latin1Of(array).matchAll(LIGATURE_TOKEN)) if (name && ligatureOf(name)) return true;
    read += Math.max(MIN_DIFFERENCES_CHARGE, array.length);
    // On from the array's end: each byte is read once, however many arrays (or "/Differences") a file holds.
    at = indexOfText(bytes, DIFFERENCES, start + array.length);
  }
  return false;
}

/** The parts of PDF.js's operator list and font objects read here (fontExtraProperties on). */
type Glyph = { unicode?: string; originalCharCode?: number };
type FontData = { differences?: unknown };
export type GlyphSource = {
  fnArray: number[];
  argsArray: unknown[];
  font: (loadedName: string) => FontData | undefined;
  ops: { setFont: number; showText: number };
};

function glyphNameOf(font: FontData | undefined, code: number | undefined): string | undefined {
  const differences = font?.differences;
  if (code === undefined || !differences) return undefined;
  const name = differences instanceof Map ? differences.get(code) : (differences as Record<number, unknown>)[code];
  return typeof name === "string" ? name : undefined;
}

/** Each glyph's Unicode as drawn, and the letters to write instead where its ToUnicode names a part only. */
function* glyphsOf(source: GlyphSource): Generator<{ unicode: string; spelled?: string }> {
  let font: FontData | undefined;
  for (const [i, fn] of source.fnArray.entries()) {
    const args = source.argsArray[i] as unknown[] | null;
    if (fn === source.ops.setFont) font = source.font(String(args?.[0]));
    if (fn !== source.ops.showText || !Array.isArray(args?.[0])) continue;
    for (const glyph of args[0] as Array<Glyph | number>) {
      if (typeof glyph !== "object" || glyph === null) continue;
      const unicode = glyph.unicode ?? "";
      const name = glyphNameOf(font, glyph.originalCharCode);
      const letters = name ? ligatureOf(name) : undefined;
      // One of the ligature's letters, never a spelling of it ("fi", U+FB01) nor a space.
      const partial = letters && unicode.length === 1 && /\S/.test(unicode) && letters.includes(unicode);
      yield partial ? { unicode, spelled: letters } : { unicode };
    }
  }
}

/** The non-white characters of the items (NFKC, as PDF.js writes ligatures), each with where it stands. */
function* itemChars(items: PositionedItem[]): Generator<{ char: string; item: number; at: number; length: number }> {
  for (const [item, { str }] of items.entries()) {
    let at = 0;
    for (const point of str) {
      for (const char of point.normalize("NFKC")) if (/\S/.test(char)) yield { char, item, at, length: point.length };
      at += point.length;
    }
  }
}

/**
 * The items with each partially mapped ligature written out in full. The items are returned unchanged
 * when the glyphs and the items' characters do not align one for one.
 */
export function spellLigatures(items: PositionedItem[], source: GlyphSource): PositionedItem[] {
  const chars = itemChars(items);
  const edits: Array<{ item: number; at: number; length: number; text: string }> = [];
  for (const glyph of glyphsOf(source)) {
    for (const char of glyph.unicode.normalize("NFKC")) {
      if (!/\S/.test(char)) continue;
      const next = chars.next();
      if (next.done || next.value.char !== char) return items;
      if (glyph.spelled)
        edits.push({ item: next.value.item, at: next.value.at, length: next.value.length, text: glyph.spelled });
    }
  }
  if (!chars.next().done || !edits.length) return items;
  const out = items.map((item) => ({ ...item }));
  for (const edit of edits.reverse()) {
    const item = out[edit.item] as PositionedItem;
    item.str = item.str.slice(0, edit.at) + edit.text + item.str.slice(edit.at + edit.length);
  }
  return out;
}

/**
 * The figures of a table column, read honestly for comparing rows ("which state had the lowest rate?"): a cell
 * is a number, blank (nothing to compare: "", "—", "–", "-", "(X)", "n/a") or unreadable (anything else:
 * "(182.2–204.8)", "11,062 6" whose decimal point the PDF lost). Thousands separators and decimal marks are
 * told apart by the column itself where one of its cells shows them ("1.658.610.787.122" groups by ".", so
 * "0,42" is a decimal; "12559.72" has a decimal point, so "756,338" groups by ","), else by the document's
 * language ("157.531" is 157531 in Spanish, "1,104" is 1104 in English). Footnote marks ("*", "†", "(*)") and a
 * trailing "%" do not count.
 */
import type { Language } from "../retrieval/language";

export type CellValue =
  | { kind: "number"; value: number; decimals: number }
  | { kind: "blank" }
  | { kind: "unreadable" };

/** Which mark groups thousands: "," (2,753,438 and 79.7) or "." (277.028.371 and 79,7). */
export type Grouping = "," | ".";

const BLANK = /^(?:|[-–—‐−]+|\.{2,3}|…|\(x\)|x|n\/?a|s\/d|nd)$/iu;
const FOOTNOTE = /(?:\(\*+\)|[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+)/gu;

/** A cell without footnote marks, a trailing "%" or currency sign, and spaces at its ends. */
function bare(cell: string): string {
  return cell
    .replace(FOOTNOTE, "")
    .replace(/\s*%$/u, "")
    .replace(/^(?:US?\$|R\$|u\$s|\$|€)\s*/iu, "")
    .trim();
}

/** The grouping a cell shows beyond doubt, if it does: two groups, or a decimal part not of three digits. */
export function groupingShown(cell: string): Grouping | null {
  const t = bare(cell).replace(/^[-−]/u, "");
  if (/^\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$/u.test(t) || /^\d{1,3}(?:,\d{3})+\.\d+$/u.test(t)) return ",";
  if (/^\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$/u.test(t) || /^\d{1,3}(?:\.\d{3})+,\d+$/u.test(t)) return ".";
  if (/^\d+\.(?:\d{1,2}|\d{4,})$/u.test(t)) return ",";
  if (/^\d+,(?:\d{1,2}|\d{4,})$/u.test(t)) return ".";
  return null;
}

/**
 * The grouping a column's cells show, else the document language's; null when its cells disagree: some show ","
 * and others "." beyond doubt, or it holds both "6.837" and "1,250" (the Argentine table mixes the two marks
 * for thousands), so that no reading of it can be trusted.
 */
export function columnGrouping(cells: readonly string[], lang: Language): Grouping | null {
  const shown = new Set(cells.map(groupingShown).filter((g): g is Grouping => g !== null));
  const bareCells = cells.map((c) => bare(c).replace(/^[-−]/u, ""));
  const dotted = bareCells.some((c) => /^\d{1,3}\.\d{3}$/u.test(c));
  const commaed = bareCells.some((c) => /^\d{1,3},\d{3}$/u.test(c));
  if (shown.size > 1 || (shown.size === 0 && dotted && commaed)) return null;
  const [only] = shown;
  if (only) return only;
  return lang === "pt" || lang === "es" || lang === "fr" ? "." : ",";
}

/** One cell's value under the column's grouping. */
export function cellValue(cell: string, grouping: Grouping): CellValue {
  const t = bare(cell);
  if (BLANK.test(t)) return { kind: "blank" };
  const negative = /^[-−]/u.test(t);
  const digits = negative ? t.slice(1).trim() : t;
  const decimal = grouping === "," ? "." : ",";
  const group = grouping === "," ? /^\d{1,3}(?:,\d{3})+/u : /^\d{1,3}(?:\.\d{3})+/u;
  let whole: string;
  let fraction = "";
  // "98 452" (a space between the groups, as one state's row of the NICS table has it) groups too.
  const spaced = /^\d{1,3}(?: \d{3})+$/u.test(digits);
  if (spaced) whole = digits.replace(/ /g, "");
  else {
    const grouped = digits.match(group)?.[0];
    const rest = grouped ? digits.slice(grouped.length) : digits;
    const plain = grouped ? "" : (rest.match(/^\d+/u)?.[0] ?? "");
    whole = (grouped ?? plain).replace(/[.,]/g, "");
    const tail = rest.slice(plain.length);
    if (tail !== "") {
      if (tail[0] !== decimal || !/^\d+$/u.test(tail.slice(1))) return { kind: "unreadable" };
      fraction = tail.slice(1);
    }
  }
  if (whole === "") return { kind: "unreadable" };
  const value = Number(`${whole}${fraction ? `.${fraction}` : ""}`);
  if (!Number.isFinite(value)) return { kind: "unreadable" };
  return { kind: "number", value: negative ? -value : value, decimals: fraction.length };
}

/**
 * Form fields in extracted text ("Flight Time: 1364 hours (Total, all aircraft), …"). A form's PDF often puts two
 * columns on one line, so a line can hold two fields, and an empty field leaves its label alone:
 * "Occupational Pilot: Last Flight Review or Equivalent:" is two labels and no value. The text alone cannot say
 * where a value ends and the next label starts ("Landing Gear Type: Tricycle Seats:" holds the value "Tricycle"),
 * so only what is certain is used: the label a line starts with, and that a line ending in ":" ends in an empty
 * field.
 */

/** The label a form line starts with: a capital, at most 41 characters, a colon, then a space or the end. */
export const FIELD_LABEL = /^\s*[\p{Lu}][\p{L}\p{N} /&()'.#,-]{0,40}:(?=\s|$)/u;

/** How many brackets `text` leaves open: "26 hours (Last 90 days," leaves one. */
export function openBrackets(text: string): number {
  return (text.match(/[([]/g)?.length ?? 0) - (text.match(/[)\]]/g)?.length ?? 0);
}

export type FieldLine = {
  /** The label the unit starts with ("Occupational Pilot:"), or null when it starts with none. */
  label: string | null;
  /** Its last field is empty: the unit ends in ":". */
  endsEmpty: boolean;
  /** The unit is one label and nothing else ("Precipitation and Obscuration:"). */
  labelOnly: boolean;
};

export function fieldLine(text: string): FieldLine {
  const t = text.trim();
  const label = FIELD_LABEL.exec(t)?.[0].trim() ?? null;
  const endsEmpty = label !== null && t.endsWith(":");
  return { label, endsEmpty, labelOnly: label !== null && label.length === t.length };
}

/**
 * A unit cut inside an open bracket (its passage ends there, mid field) is cut back to the end of its last
 * complete item (a comma or semicolon before the item that opens the bracket), to be shown with an ellipsis;
 * null when it is not cut there, or when no complete item comes before the cut.
 */
export function closedPrefix(text: string): string | null {
  if (openBrackets(text) <= 0) return null;
  // The innermost bracket left open: the last "(" or "[" whose close is not in the text.
  let depth = 0;
  let open = -1;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i] as string;
    if (c === ")" || c === "]") depth++;
    else if (c === "(" || c === "[") {
      if (depth === 0) {
        open = i;
        break;
      }
      depth--;
    }
  }
  if (open < 0) return null;
  const before = text.slice(0, open);
  const itemEnd = Math.max(before.lastIndexOf(", "), before.lastIndexOf("; "));
  if (itemEnd <= 0) return null;
  const prefix = before.slice(0, itemEnd).trimEnd();
  // Still open further out ("(a, b (c"): no complete item to show.
  return openBrackets(prefix) === 0 && /[\p{L}\p{N})\]]$/u.test(prefix) ? prefix : null;
}

/** A unit's leading label and the text up to its next label's colon: "Landing Gear Type:" and "Tricycle Seats". */
function firstTwoFields(text: string): { label: string; middle: string } | null {
  const label = FIELD_LABEL.exec(text)?.[0].trim();
  if (!label) return null;
  const middle = /^(.*?\S):(?=\s|$)/u.exec(text.trim().slice(label.length).trim())?.[1];
  return middle ? { label, middle } : null;
}

/** The words two texts end with in common, from the first capitalised word without digits ("Seats"). */
function commonLabelSuffix(a: string, b: string): string | null {
  const x = a.split(" ");
  const y = b.split(" ");
  let n = 0;
  while (n < x.length && n < y.length && x[x.length - 1 - n] === y[y.length - 1 - n]) n++;
  const words = x.slice(x.length - n);
  while (words.length && !/^\p{Lu}\D*$/u.test(words[0] as string)) words.shift();
  return words.length ? words.join(" ") : null;
}

/**
 * The second labels a form's lines are seen to hold, by leading label: lines that start with the same label and
 * differ before the next colon share that next label as their common ending — "Landing Gear Type: Tricycle
 * Seats:" and "Landing Gear Type: Tailwheel Seats: 2" hold "Seats". Learned from the candidates themselves (the
 * same form in other passages), so nothing is known about a line whose form appears once.
 */
export function secondLabels(texts: readonly string[]): Map<string, Set<string>> {
  const middles = new Map<string, Set<string>>();
  for (const text of texts) {
    const f = firstTwoFields(text);
    if (f) middles.set(f.label, (middles.get(f.label) ?? new Set()).add(f.middle));
  }
  const labels = new Map<string, Set<string>>();
  for (const [label, set] of middles) {
    const list = [...set];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const common = commonLabelSuffix(list[i] as string, list[j] as string);
        if (common) labels.set(label, (labels.get(label) ?? new Set()).add(common));
      }
    }
  }
  return labels;
}

/**
 * A line ending in an empty field whose second label is known: "Landing Gear Type: Tricycle" (its value kept, the
 * empty label dropped), or "" when the line is labels only ("Airport Elevation: Runway Surface Condition:").
 * Null when the line does not end in an empty second field or that field's label is not known.
 */
export function withoutEmptyField(text: string, known: Map<string, Set<string>>): string | null {
  const t = text.trim();
  const f = firstTwoFields(t);
  if (!f || !t.endsWith(":") || t !== `${f.label} ${f.middle}:`) return null;
  // The longest known label first: "Runway Surface Condition" before "Condition".
  for (const second of [...(known.get(f.label) ?? [])].sort((a, b) => b.length - a.length)) {
    if (f.middle === second) return "";
    if (f.middle.endsWith(` ${second}`)) return `${f.label} ${f.middle.slice(0, -second.length).trimEnd()}`;
  }
  return null;
}

/** A note written out as a text source: its title, its text, then its citations as plain text. */
import type { Citation } from "../answers/types";

export function noteAsSourceText(note: { title: string; text: string; citations: readonly Citation[] }): string {
  const parts = [`# ${note.title}`, note.text.trim()];
  if (note.citations.length) {
    const lines = note.citations.map((c) => `[${c.n}] ${c.documentTitle}, page ${c.page}: “${c.quote.trim()}”`);
    parts.push(`Sources\n\n${lines.join("\n")}`);
  }
  return `${parts.join("\n\n")}\n`;
}

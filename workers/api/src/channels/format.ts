/**
 * Turning an answer into chat messages: the model's Markdown into WhatsApp's markup, the citations as
 * "[1] Title, p. 12" lines with a link that opens the viewer at that page, and the whole split to the
 * provider's message size on paragraph, line or word boundaries (never inside a word).
 */
import type { AnswerCitationDto } from "../../../../schemas/answers";
import type { ChannelLanguage } from "./commands";
import { reply } from "./replies";

/** Markdown the answers use → WhatsApp markup: **bold** → *bold*, headings → bold lines, [text](url) → text (url). */
export function toChatMarkup(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s+(.+)$/gm, "*$1*")
    .replace(/\*\*(.+?)\*\*/g, "*$1*")
    .replace(/__(.+?)__/g, "*$1*")
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, "$1 ($2)")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The web page that opens `documentId` at `page` in the notebook's source viewer. */
export function viewerUrl(appUrl: string, notebookId: string, documentId: string, page: number): string {
  const url = new URL(`/notebooks/${encodeURIComponent(notebookId)}`, appUrl);
  url.searchParams.set("source", documentId);
  url.searchParams.set("page", String(page));
  return url.toString();
}

/** "[1] Title, p. 12 — link" per citation, in citation order, one line each. */
export function citationLines(
  citations: AnswerCitationDto[],
  input: { appUrl: string; notebookId: string; lang: ChannelLanguage },
): string[] {
  return [...citations]
    .sort((a, b) => a.n - b.n)
    .map((c) => {
      const page = reply(input.lang, "page", { page: c.page });
      return `[${c.n}] ${c.documentTitle}, ${page} — ${viewerUrl(input.appUrl, input.notebookId, c.documentId, c.page)}`;
    });
}

/** The answer and its sources as one text (split later if it is too long). */
export function answerText(
  answer: string,
  citations: AnswerCitationDto[],
  input: { appUrl: string; notebookId: string; lang: ChannelLanguage },
): string {
  const body = toChatMarkup(answer);
  if (!citations.length) return body;
  return `${body}\n\n*${reply(input.lang, "sourcesLabel")}*\n${citationLines(citations, input).join("\n")}`;
}

/**
 * Splits `text` into parts of at most `limit` characters: at the last paragraph break that fits, else the
 * last line break, else the last space; a single word longer than the limit is cut (a URL can be).
 */
export function splitMessage(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const at = [window.lastIndexOf("\n\n"), window.lastIndexOf("\n"), window.lastIndexOf(" ")].find(
      (i) => i > limit / 3,
    );
    const cut = at ?? limit;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

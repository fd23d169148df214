/** Web pages and uploaded HTML: the readable article (Readability over linkedom's DOM), as structured text. */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { htmlToStructuredText } from "./html-text";

export type ExtractedHtml = { title: string | null; text: string };

export function extractHtml(html: string): ExtractedHtml {
  const { document } = parseHTML(html);
  const title = document.title?.trim() || null;
  let article: { title?: string | null; content?: string | null } | null = null;
  try {
    // Readability mutates the DOM it reads; it gets its own parse.
    article = new Readability(parseHTML(html).document as unknown as ConstructorParameters<typeof Readability>[0], {
      charThreshold: 200,
    }).parse();
  } catch {
    article = null;
  }
  const fromArticle = article?.content ? htmlToStructuredText(article.content) : "";
  // Pages Readability does not recognise as an article (a list, a short note) keep their whole body.
  const text = fromArticle.trim().length >= 200 ? fromArticle : htmlToStructuredText(document.body?.innerHTML ?? html);
  return { title: article?.title?.trim() || title, text };
}

/**
 * An answer's Markdown → HTML: GitHub-flavoured Markdown by `marked`, math ($…$, $$…$$) by KaTeX when it
 * has been loaded (until then the TeX shows as code), and `[n]` markers turned into citation chips.
 * Raw HTML written by the model is escaped, never passed through; the component still runs the result
 * through DOMPurify before it touches the DOM (defence in depth: marked is not a sanitiser).
 */
import { Marked } from "marked";
import { type Citation, citationPages } from "./answers";

export type RenderMath = (tex: string, display: boolean) => string;
export type ChipLabel = (citation: Citation) => string;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // The model's raw HTML (block or inline) is shown as text.
    html: ({ text }) => escapeHtml(text),
    // Images would fetch third-party URLs from an answer: show their alt text instead.
    image: ({ text }) => escapeHtml(text),
  },
});

/** Display math first ($$…$$, may span lines), then inline $…$ that does not look like prices. */
const MATH = /\$\$([\s\S]+?)\$\$|(?<![\\$\w])\$(?![\s$])((?:\\\$|[^$\n])+?)(?<!\s)\$(?![\d$])/g;
const TOKEN = /\uE000M(\d+)\uE000/g;

export function hasMath(markdown: string): boolean {
  MATH.lastIndex = 0;
  return MATH.test(markdown);
}

/**
 * Renders an answer. `renderMath` is KaTeX's `renderToString` (or absent while it loads); `chipLabel`
 * gives each chip its accessible name. Markers without a known citation stay as text.
 */
export function renderAnswerHtml(
  markdown: string,
  citations: readonly Citation[],
  options: { renderMath?: RenderMath; chipLabel: ChipLabel },
): string {
  const formulas: { tex: string; display: boolean }[] = [];
  const withTokens = markdown.replace(MATH, (_, display?: string, inline?: string) => {
    formulas.push({ tex: (display ?? inline ?? "").trim(), display: display !== undefined });
    return `\uE000M${formulas.length - 1}\uE000`;
  });

  let html = marked.parse(withTokens, { async: false });

  html = html.replace(TOKEN, (_, index: string) => {
    const formula = formulas[Number(index)];
    if (!formula) return "";
    if (options.renderMath) {
      try {
        return options.renderMath(formula.tex, formula.display);
      } catch {
        // Invalid TeX: fall through to showing the source.
      }
    }
    const code = `<code class="tex">${escapeHtml(formula.tex)}</code>`;
    return formula.display ? `<span class="math-display">${code}</span>` : code;
  });

  const byN = new Map(citations.map((c) => [c.n, c]));
  const chip = (citation: Citation) =>
    `<button type="button" class="chip" data-cite="${citation.n}" aria-label="${escapeHtml(options.chipLabel(citation))}" title="${escapeHtml(`${citation.documentTitle} · ${citationPages(citation)}`)}">${citation.n}</button>`;
  // Markers never sit inside tags (attributes are ours and contain none), so a text-level replace is safe.
  // A group ("[1, 2]": the rows of one table, or a generated claim with two sources) is a chip per number.
  return html.replace(/\[(\d{1,3}(?:, ?\d{1,3})*)\]/g, (marker, list: string) => {
    const cited = list.split(/, ?/).map((n) => byN.get(Number(n)));
    if (cited.some((c) => !c)) return marker;
    return (cited as Citation[]).map(chip).join(" ");
  });
}

/**
 * Turns HTML (a web article after Readability, or a DOCX after mammoth) into plain text that keeps
 * its structure for chunking: `#` headings, `- ` list items, tables as `|`-separated rows, blank lines
 * between blocks. Scripts, styles and navigation chrome are dropped.
 */
import { parseHTML } from "linkedom";

const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "CANVAS", "IFRAME", "HEAD", "BUTTON", "FORM"]);
const BLOCK = new Set([
  "P",
  "DIV",
  "SECTION",
  "ARTICLE",
  "MAIN",
  "HEADER",
  "FOOTER",
  "ASIDE",
  "BLOCKQUOTE",
  "FIGURE",
  "FIGCAPTION",
  "DL",
  "DT",
  "DD",
  "ADDRESS",
  "DETAILS",
  "SUMMARY",
  "CAPTION",
]);

type NodeLike = {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<NodeLike>;
  getAttribute?: (name: string) => string | null;
};

const inline = (text: string) => text.replace(/\s+/g, " ");

function cellText(node: NodeLike): string {
  return inline(node.textContent ?? "")
    .replace(/\|/g, "/")
    .trim();
}

function tableText(table: NodeLike, out: string[]) {
  const rows: string[] = [];
  const visit = (node: NodeLike) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeName === "TR") {
        const cells = Array.from(child.childNodes).filter((c) => c.nodeName === "TD" || c.nodeName === "TH");
        rows.push(`| ${cells.map(cellText).join(" | ")} |`);
      } else if (child.nodeType === 1 && child.nodeName !== "TABLE") visit(child);
    }
  };
  visit(table);
  if (rows.length) out.push(rows.join("\n"));
}

function walk(node: NodeLike, out: string[], line: { text: string }, listDepth: number) {
  const flush = () => {
    const text = line.text.trim();
    if (text) out.push(text);
    line.text = "";
  };
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) {
      line.text += inline(child.textContent ?? "");
      continue;
    }
    if (child.nodeType !== 1 || SKIP.has(child.nodeName)) continue;
    const name = child.nodeName;
    if (/^H[1-6]$/.test(name)) {
      flush();
      const text = inline(child.textContent ?? "").trim();
      if (text) out.push(`${"#".repeat(Number(name[1]))} ${text}`);
    } else if (name === "BR") {
      line.text += "\n";
    } else if (name === "LI") {
      flush();
      const item = { text: "" };
      const nested: string[] = [];
      walk(child, nested, item, listDepth + 1);
      const own = item.text.trim();
      const indent = "  ".repeat(Math.max(0, listDepth - 1));
      if (own) out.push(`${indent}- ${own}`);
      out.push(...nested);
    } else if (name === "UL" || name === "OL") {
      flush();
      walk(child, out, line, listDepth + 1);
    } else if (name === "TABLE") {
      flush();
      tableText(child, out);
    } else if (name === "PRE") {
      flush();
      out.push(`\`\`\`\n${(child.textContent ?? "").replace(/\n+$/, "")}\n\`\`\``);
    } else if (name === "HR") {
      flush();
    } else if (BLOCK.has(name)) {
      flush();
      walk(child, out, line, listDepth);
      flush();
    } else {
      walk(child, out, line, listDepth);
    }
  }
  if (listDepth === 0) flush();
}

/** Structured plain text from an HTML fragment or document. */
export function htmlToStructuredText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const out: string[] = [];
  const line = { text: "" };
  walk(document.body as unknown as NodeLike, out, line, 0);
  if (line.text.trim()) out.push(line.text.trim());
  return out.join("\n\n");
}

/**
 * The bench corpus's text (bench/corpus.ts, bench/scale/*): real prose in a fixed order, so every run builds the same
 * corpus on the same lockfile — the ten NTSB accident reports (public domain; bench/retrieval/ntsb-pages.json, one
 * entry per page), then every Markdown file over 2 KB under node_modules (READMEs, changelogs, guides of the pinned
 * packages), fenced code removed, sorted by path, split into pages of about 3,000 characters at paragraph breaks.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { PageText } from "../workers/api/src/ingest/chunking";

const ROOT = path.resolve(import.meta.dirname, "..");
const PAGE_CHARS = 3000;

export type SourceDoc = { title: string; pages: PageText[] };

function markdownFiles(dir: string, out: string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = path.join(dir, name);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(full);
    } catch {
      continue;
    }
    if (st.isDirectory()) markdownFiles(full, out);
    else if (name.toLowerCase().endsWith(".md") && st.size > 2048) out.push(full);
  }
  return out;
}

/** Text split into pages of about PAGE_CHARS at paragraph breaks. */
function paginate(text: string): PageText[] {
  const pages: PageText[] = [];
  let current = "";
  for (const para of text.split(/\n{2,}/)) {
    if (current && current.length + para.length > PAGE_CHARS) {
      pages.push({ page: pages.length + 1, text: current });
      current = "";
    }
    current = current ? `${current}\n\n${para}` : para;
  }
  if (current.trim()) pages.push({ page: pages.length + 1, text: current });
  return pages;
}

export function sourceDocuments(): SourceDoc[] {
  const docs: SourceDoc[] = [];
  const ntsb = JSON.parse(readFileSync(path.join(ROOT, "bench/retrieval/ntsb-pages.json"), "utf8")) as Record<
    string,
    string[]
  >;
  for (const [file, pages] of Object.entries(ntsb)) {
    docs.push({ title: file, pages: pages.map((text, i) => ({ page: i + 1, text })) });
  }
  for (const file of markdownFiles(path.join(ROOT, "node_modules"))) {
    const text = readFileSync(file, "utf8")
      .replace(/```[\s\S]*?```/g, "")
      .replace(/<[^>]+>/g, " ")
      .trim();
    if (text.length < 1500) continue;
    docs.push({ title: path.relative(ROOT, file), pages: paginate(text) });
  }
  return docs;
}

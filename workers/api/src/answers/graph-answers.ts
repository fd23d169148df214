/**
 * Answers over the concept map, global questions (issue 16, point 5): "what are the main themes?" is
 * answered from the map's largest communities, each with a sentence of the page where its heaviest concept
 * is mentioned most; "how does X relate to Y?" from the shortest path between the two concepts on the map,
 * each hop with a sentence that names both ends. Every quote is a sentence of the cited page. Switches:
 * GRAPH_THEMES_ENABLED (on) and GRAPH_PATHS_ENABLED (off), as docs/retrieval-eval.md's evaluation decided.
 */
import type { AnswerCitationDto } from "../../../../schemas/answers";
import { conceptKey } from "../concepts/concept-key";
import { sentenceAround } from "../concepts/concept-map";
import { conceptsByKey, type NamedConcept, questionPhrases } from "../concepts/question-concepts";
import { documentTitles } from "../content/content-db";
import { detectLanguage } from "../retrieval/language";

const THEMES = [
  /\b(?:main|key|major|central)\s+(?:themes?|topics?|ideas?|subjects?)\b/i,
  /\bwhat\s+(?:is|are)\s+(?:this|these|the)\s+(?:notebook|documents?|sources?|material|reports?)\s+about\b/i,
  /\bprincipais\s+(?:temas|tópicos|assuntos|ideias)\b/i,
  /\bsobre\s+o\s+que\s+(?:é|são|trata|tratam)\b/i,
  /\bprincipales\s+(?:temas|tópicos|asuntos|ideas)\b/i,
  /\bde\s+qu[ée]\s+(?:trata|tratan)\b/i,
];
const RELATION = [
  /\bhow\s+(?:does|do|is|are)\s+(.+?)\s+(?:relate|related|connected|connect|linked)\s+(?:to|with)\s+(.+?)\s*\??$/i,
  /\brela[çc][ãa]o\s+entre\s+(.+?)\s+e\s+(.+?)\s*\??$/i,
  /\brelaci[óo]n\s+(?:hay\s+)?entre\s+(.+?)\s+y\s+(.+?)\s*\??$/i,
];

export type GlobalQuestion = { kind: "themes" } | { kind: "relation"; a: string; b: string };

/** Whether `question` is about the whole notebook (its themes) or about how two things relate. */
export function globalQuestion(question: string): GlobalQuestion | null {
  if (THEMES.some((re) => re.test(question))) return { kind: "themes" };
  for (const re of RELATION) {
    const m = question.match(re);
    if (m?.[1] && m[2]) return { kind: "relation", a: m[1], b: m[2] };
  }
  return null;
}

/** Communities listed in a themes answer, and hops followed between two concepts. */
const THEME_COMMUNITIES = 5;
const MAX_HOPS = 3;

type Cited = { chunkId: string; documentId: string; page: number; start: number };
export type GraphAnswer = { text: string; citations: AnswerCitationDto[] };

/** One citation per cited sentence, in order; a sentence whose chunk or page is gone is left out (undefined). */
async function citationsFor(
  db: D1Database,
  registry: D1Database,
  notebookId: string,
  cited: readonly Cited[],
): Promise<Array<AnswerCitationDto | undefined>> {
  const out: Array<AnswerCitationDto | undefined> = [];
  const titles = await documentTitles(
    registry,
    notebookId,
    cited.map((c) => c.documentId),
  );
  for (const c of cited) {
    const found = await db
      .prepare(
        `SELECT c.id, c.document_id, c.page_start, c.page_end, p.text FROM chunk c
         JOIN document_page p ON p.document_id = c.document_id AND p.page_number = ?2
         WHERE c.id = ?1`,
      )
      .bind(c.chunkId, c.page)
      .first<{ id: string; document_id: string; page_start: number; page_end: number; text: string }>();
    const title = found ? titles.get(found.document_id) : undefined;
    const row = found && title !== undefined ? { ...found, title } : null;
    out.push(
      row
        ? {
            n: 0,
            chunkId: row.id,
            documentId: row.document_id,
            documentTitle: row.title,
            pageStart: row.page_start,
            pageEnd: row.page_end,
            page: c.page,
            quote: sentenceAround(row.text, c.start),
          }
        : undefined,
    );
  }
  return out;
}

/** "- label: quote [n]" lines for the items that kept a citation, numbered in order. */
function listAnswer(
  labels: readonly string[],
  cited: ReadonlyArray<AnswerCitationDto | undefined>,
): GraphAnswer | null {
  const lines: string[] = [];
  const citations: AnswerCitationDto[] = [];
  labels.forEach((label, i) => {
    const c = cited[i];
    if (!c) return;
    citations.push({ ...c, n: citations.length + 1 });
    lines.push(`- ${label}: ${c.quote} [${citations.length}]`);
  });
  return citations.length ? { text: lines.join("\n"), citations } : null;
}

/** The answer to a global question from the map, or null when the map cannot answer it. */
export async function graphAnswer(
  db: D1Database,
  registry: D1Database,
  notebookId: string,
  question: string,
  switches: { graphThemes: boolean; graphPaths: boolean },
): Promise<GraphAnswer | null> {
  const global = globalQuestion(question);
  if (global?.kind === "themes" && switches.graphThemes) return themesAnswer(db, registry, notebookId);
  if (global?.kind === "relation" && switches.graphPaths) {
    return relationAnswer(db, registry, notebookId, global.a, global.b);
  }
  return null;
}

/** The largest communities, each with the sentence where its heaviest concept is mentioned on its best page. */
export async function themesAnswer(
  db: D1Database,
  registry: D1Database,
  notebookId: string,
): Promise<GraphAnswer | null> {
  const { results } = await db
    .prepare(
      `SELECT k.label, m.chunk_id, m.document_id, m.page, m.start_offset FROM concept_community k
       JOIN concept c ON c.id = (SELECT id FROM concept WHERE community_id = k.id ORDER BY mention_count DESC, id LIMIT 1)
       JOIN concept_page p ON p.rowid = (SELECT rowid FROM concept_page WHERE concept_id = c.id
                                         ORDER BY mentions DESC, document_id, page LIMIT 1)
       JOIN concept_mention m ON m.rowid = (SELECT rowid FROM concept_mention WHERE concept_id = c.id
                                            AND document_id = p.document_id AND page = p.page ORDER BY sentence LIMIT 1)
       WHERE k.notebook_id = ?1 ORDER BY k.size DESC, k.id LIMIT ?2`,
    )
    .bind(notebookId, THEME_COMMUNITIES)
    .all<{ label: string; chunk_id: string; document_id: string; page: number; start_offset: number }>();
  if (!results.length) return null;
  const cited = await citationsFor(
    db,
    registry,
    notebookId,
    results.map((r) => ({ chunkId: r.chunk_id, documentId: r.document_id, page: r.page, start: r.start_offset })),
  );
  return listAnswer(
    results.map((r) => r.label),
    cited,
  );
}

/**
 * The notebook's concept a phrase of the question names (by key): the phrase's own, else of the word runs
 * within it that name a concept and lie inside no longer such run, the most mentioned.
 */
async function conceptNamed(db: D1Database, notebookId: string, phrase: string): Promise<string | null> {
  const runs = questionPhrases(phrase);
  const whole = conceptKey(phrase, detectLanguage(phrase));
  if (whole) runs.push({ key: whole, from: 0, to: Number.POSITIVE_INFINITY });
  const byKey = new Map(
    (await conceptsByKey(db, notebookId, [...new Set(runs.map((r) => r.key))])).map((c) => [c.key, c]),
  );
  const named = runs.filter((r) => byKey.has(r.key));
  const outermost = named.filter(
    (r) => !named.some((o) => o.from <= r.from && r.to <= o.to && o.to - o.from > r.to - r.from),
  );
  const [best] = outermost
    .map((r) => byKey.get(r.key) as NamedConcept)
    .sort((x, y) => y.mentionCount - x.mentionCount || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return best?.id ?? null;
}

/** Breadth-first over the map's edges, at most MAX_HOPS: the concepts from `from` to `to`, or null. */
async function shortestPath(db: D1Database, notebookId: string, from: string, to: string): Promise<string[] | null> {
  const parent = new Map<string, string | null>([[from, null]]);
  let frontier = [from];
  for (let hop = 0; hop < MAX_HOPS && frontier.length; hop++) {
    const { results } = await db
      .prepare(
        `SELECT source_id AS a, target_id AS b FROM concept_edge
         WHERE notebook_id = ?1 AND (source_id IN (SELECT value FROM json_each(?2)) OR target_id IN (SELECT value FROM json_each(?2)))
         ORDER BY weight * cooccurrences DESC`,
      )
      .bind(notebookId, JSON.stringify(frontier))
      .all<{ a: string; b: string }>();
    const next: string[] = [];
    const inFrontier = new Set(frontier);
    for (const { a, b } of results) {
      const [here, there] = inFrontier.has(a) ? [a, b] : [b, a];
      if (parent.has(there)) continue;
      parent.set(there, here);
      next.push(there);
      if (there === to) {
        const path = [to];
        for (let at = parent.get(to); at; at = parent.get(at) ?? null) path.unshift(at);
        return path;
      }
    }
    frontier = next;
  }
  return null;
}

/** Each hop of the path between the concepts `a` and `b` name, with a sentence naming both of its ends. */
export async function relationAnswer(
  db: D1Database,
  registry: D1Database,
  notebookId: string,
  a: string,
  b: string,
): Promise<GraphAnswer | null> {
  const [from, to] = await Promise.all([conceptNamed(db, notebookId, a), conceptNamed(db, notebookId, b)]);
  if (!from || !to || from === to) return null;
  const path = await shortestPath(db, notebookId, from, to);
  if (!path) return null;
  const hops: Cited[] = [];
  const labels: string[] = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const row = await db
      .prepare(
        `SELECT x.chunk_id, x.document_id, x.page, min(x.start_offset, y.start_offset) AS start, cx.label AS lx, cy.label AS ly
         FROM concept_mention x
         JOIN concept_mention y ON y.document_id = x.document_id AND y.sentence = x.sentence AND y.concept_id = ?2
         JOIN concept cx ON cx.id = x.concept_id JOIN concept cy ON cy.id = y.concept_id
         WHERE x.concept_id = ?1 ORDER BY x.document_id, x.sentence LIMIT 1`,
      )
      .bind(path[i], path[i + 1])
      .first<{ chunk_id: string; document_id: string; page: number; start: number; lx: string; ly: string }>();
    if (!row) return null;
    hops.push({ chunkId: row.chunk_id, documentId: row.document_id, page: row.page, start: row.start });
    labels.push(`${row.lx} — ${row.ly}`);
  }
  return listAnswer(labels, await citationsFor(db, registry, notebookId, hops));
}

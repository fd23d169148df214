/**
 * Without a model, studyAI answers by matching the question's words against the sources, so a question in
 * one language over sources in another ("Quantas mortes por doença cardíaca?" over an English report) finds
 * nothing, and "not covered" alone would tell the student something false. When every source in scope is in
 * another language than the question, the not-covered answer says so, and which language to ask in.
 */
import { and, eq, inArray, lt } from "drizzle-orm";
import { chunk } from "../../../../schemas/db";
import { readyDocumentTitles } from "../content/content-db";
import type { Db } from "../db";
import { detectLanguage, type Language } from "../retrieval/language";

type Known = Exclude<Language, "other">;

/** Chunks read per source (its first ones) and sources looked at: enough for the detector, one query. */
const CHUNKS_PER_SOURCE = 2;
const MAX_SOURCES = 12;

/** The languages the ready sources in scope are written in (detected from their first chunks), each once. */
export async function sourceLanguages(
  registry: D1Database,
  content: Db,
  notebookId: string,
  documentIds?: readonly string[],
): Promise<Language[]> {
  const ready = [...(await readyDocumentTitles(registry, notebookId, documentIds)).keys()].slice(0, MAX_SOURCES);
  if (!ready.length) return [];
  const rows = await content
    .select({ documentId: chunk.documentId, text: chunk.text })
    .from(chunk)
    .where(
      and(eq(chunk.notebookId, notebookId), lt(chunk.chunkIndex, CHUNKS_PER_SOURCE), inArray(chunk.documentId, ready)),
    )
    .limit(CHUNKS_PER_SOURCE * MAX_SOURCES);
  const bySource = new Map<string, string>();
  for (const row of rows) bySource.set(row.documentId, `${bySource.get(row.documentId) ?? ""} ${row.text}`);
  return [...new Set([...bySource.values()].map((text) => detectLanguage(text)))];
}

const NAMES: Record<Known, Record<Known, string>> = {
  en: { en: "English", pt: "Portuguese", es: "Spanish", fr: "French" },
  pt: { en: "inglês", pt: "português", es: "espanhol", fr: "francês" },
  es: { en: "inglés", pt: "portugués", es: "español", fr: "francés" },
  fr: { en: "anglais", pt: "portugais", es: "espagnol", fr: "français" },
};

const HINT: Record<Known, (names: string) => string> = {
  en: (names) =>
    `Your sources seem to be in ${names}. Without an AI model, studyAI can only match your words, so try asking in ${names}.`,
  pt: (names) =>
    `Suas fontes parecem estar em ${names}. Sem um modelo de IA, o studyAI só consegue comparar as suas palavras: tente perguntar em ${names}.`,
  es: (names) =>
    `Tus fuentes parecen estar en ${names}. Sin un modelo de IA, studyAI solo puede comparar tus palabras: prueba a preguntar en ${names}.`,
  fr: (names) =>
    `Vos sources semblent être en ${names}. Sans modèle d’IA, studyAI ne peut que comparer vos mots : essayez de poser la question en ${names}.`,
};

/**
 * The sentence to add to a not-covered answer, in the question's language, or null when a source shares the
 * question's language (then "not covered" is the honest answer) or a language is not one studyAI knows.
 */
export function languageHint(question: Language, sources: readonly Language[]): string | null {
  if (question === "other" || sources.length === 0 || sources.includes(question)) return null;
  if (sources.some((lang) => lang === "other")) return null;
  const names = (sources as Known[]).map((lang) => NAMES[question][lang]);
  const or = { en: " or ", pt: " ou ", es: " o ", fr: " ou en " }[question];
  return HINT[question](names.length > 1 ? `${names.slice(0, -1).join(", ")}${or}${names.at(-1)}` : (names[0] ?? ""));
}

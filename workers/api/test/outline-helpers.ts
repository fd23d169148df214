/** The overview's outline of a document from its chunks, as outlineNotebook builds it when every chunk was read. */
import { headingOccurrences, headingsOf, keyPhrasesOf, type SourceOutline } from "../src/overview/outline";
import { documentTopics, repeatedOf } from "../src/overview/topics";
import { ANY_STOP_WORD, detectLanguage } from "../src/retrieval/language";

/** An outline of one document "t" from what the questions are drawn from. */
export const outlineWith = (
  o: Pick<SourceOutline, "headings" | "keyPhrases" | "language" | "topics">,
): SourceOutline => ({
  documentId: "d",
  documentTitle: "t",
  pageCount: 1,
  ...o,
});

/** `chunks` as ingestion stores them (text, context), all read whole. */
export function outlineOf(chunks: readonly { context: string | null; text: string }[]): SourceOutline {
  const read = chunks.map((c) => ({ ...c, head: c.text.slice(0, 160) }));
  const sample = chunks.map((c) => c.text).join("\n");
  const language = detectLanguage(sample);
  const occurrences = headingOccurrences(read);
  const headings = headingsOf(read, repeatedOf(occurrences));
  const keyPhrases = keyPhrasesOf(sample, ANY_STOP_WORD);
  const phrasesOf = (t: string, max: number) => keyPhrasesOf(t, ANY_STOP_WORD, max);
  const topics = documentTopics(sample, headings, occurrences, language, phrasesOf, keyPhrases);
  return outlineWith({ headings, keyPhrases, language, topics });
}

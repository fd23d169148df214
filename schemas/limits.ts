/**
 * Length limits and accepted file types shared by the API's zod schemas and the web app's forms. Plain
 * constants, no zod: the web app imports this module in the browser, where a schema module would bring
 * the whole of zod along.
 */

/** A question: a long paragraph; the retrieval only needs its terms, and the model prompt stays small. */
export const MAX_QUESTION_LENGTH = 2_000;

/** A conversation's title: the first question cut at a word, a model's few words, or the student's own. */
export const MAX_THREAD_TITLE_LENGTH = 120;

/** A card's sides: a question fits a line or two, an answer a paragraph. */
export const FLASHCARD_FRONT_MAX = 1000;
export const FLASHCARD_BACK_MAX = 4000;

/** A notebook's title: a course or subject name, shown whole in the list. */
export const NOTEBOOK_TITLE_MAX = 200;

/** A document's title: long enough for a paper's full title, short enough for a list. */
export const DOCUMENT_TITLE_MAX = 300;

/** A web page's address: 2,048 characters is what browsers and CDNs reliably handle. */
export const SOURCE_URL_MAX = 2048;

/**
 * The kinds of file a notebook takes. The API detects the kind from the bytes (documents/detect-type.ts),
 * never from the name; this list is what the file picker offers and what the page says is accepted.
 */
export const UPLOAD_FILE_TYPES = [
  { label: "PDF", extensions: [".pdf"], mediaTypes: ["application/pdf"] },
  {
    label: "Word (.docx)",
    extensions: [".docx"],
    mediaTypes: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  },
  { label: "Markdown", extensions: [".md", ".markdown"], mediaTypes: ["text/markdown"] },
  { label: "HTML", extensions: [".html", ".htm"], mediaTypes: ["text/html"] },
  { label: "Text", extensions: [".txt"], mediaTypes: ["text/plain"] },
] as const;

declare namespace Cloudflare {
  interface Env {
    /** The answers-evaluation PDFs as base64 by file name; bound by vitest.eval.config.ts only. */
    EVAL_DOCUMENTS?: Record<string, string>;
    /** eval:suggest's trial PDFs (bench/overview/docs) as base64 by file name; vitest.eval.config.ts only. */
    OVERVIEW_EVAL_DOCUMENTS?: Record<string, string>;
    /** The concept-quality eval's text documents (bench/concepts/docs/*.txt) by file name; vitest.eval.config.ts only. */
    CONCEPT_EVAL_DOCUMENTS?: Record<string, string>;
    /** Question ids whose retrieval and answer `npm run eval:answers` prints (comma-separated); eval config only. */
    EVAL_TRACE?: string;
  }
}

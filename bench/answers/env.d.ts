declare namespace Cloudflare {
  interface Env {
    /** The answers-evaluation PDFs as base64 by file name; bound by vitest.eval.config.ts only. */
    EVAL_DOCUMENTS?: Record<string, string>;
  }
}

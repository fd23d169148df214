import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { bothWorkersInOne, readFixtures } from "./vitest.config";

/**
 * The PDFs of one evaluation folder (bench/answers/docs, bench/overview/docs), base64 by file name, {} when the
 * folder is absent: only evals carry them. Each folder is its own binding: eval:answers uploads every PDF of
 * its own, so another eval's documents must not join its notebook.
 */
function readEvalPdfs(folder: string): Record<string, string> {
  const root = path.join(import.meta.dirname, folder);
  const docs: Record<string, string> = {};
  if (!existsSync(root)) return docs;
  for (const name of readdirSync(root).filter((n) => n.endsWith(".pdf"))) {
    docs[name] = readFileSync(path.join(root, name)).toString("base64");
  }
  return docs;
}

/** The concept-quality eval's text documents (bench/concepts/docs, fetched by bench/concepts/fetch-docs.mjs). */
function readConceptDocuments(): Record<string, string> {
  const root = path.join(import.meta.dirname, "bench/concepts/docs");
  if (!existsSync(root)) return {};
  const docs: Record<string, string> = {};
  for (const name of readdirSync(root).filter((n) => n.endsWith(".txt"))) {
    docs[name] = readFileSync(path.join(root, name), "utf8");
  }
  return docs;
}

/** Burst limits high enough for hundreds of questions in a minute: an eval measures answers, not the limiter. */
const EVAL_LIMIT = { limit: 100_000, period: 60 as const };

// `npm run eval:retrieval`, `npm run eval:answers` and `npm run bench:search`: measurements in workerd on real
// local D1, with the test bindings (migrations, fixtures) plus the answers-evaluation documents; kept out of
// `vitest run`. They print their figures.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        // The api and ingest Workers in one, as in the tests (vitest.config.ts says why).
        main: "./workers/api/test/worker.ts",
        miniflare: {
          ...bothWorkersInOne(),
          bindings: {
            TEST_MIGRATIONS: migrations,
            TEST_FIXTURES: readFixtures(),
            EVAL_DOCUMENTS: readEvalPdfs("bench/answers/docs"),
            OVERVIEW_EVAL_DOCUMENTS: readEvalPdfs("bench/overview/docs"),
            CONCEPT_EVAL_DOCUMENTS: readConceptDocuments(),
            ENVIRONMENT: "test",
            // `CONCEPT_EXPANSION_ENABLED=true npm run eval:answers` measures answers over the concept map.
            CONCEPT_EXPANSION_ENABLED: process.env.CONCEPT_EXPANSION_ENABLED ?? "false",
            GRAPH_THEMES_ENABLED: process.env.GRAPH_THEMES_ENABLED ?? "true",
            GRAPH_PATHS_ENABLED: process.env.GRAPH_PATHS_ENABLED ?? "false",
            // `EVAL_TRACE=a005,q13 npm run eval:answers` prints what those questions retrieved and were answered with.
            EVAL_TRACE: process.env.EVAL_TRACE ?? "",
          },
          d1Databases: { RESTORE_DB: "studyai-restore-test" },
          ratelimits: {
            SIGN_IN_LIMITER: { namespace_id: "1001", simple: EVAL_LIMIT },
            ASK_LIMITER: { namespace_id: "1002", simple: EVAL_LIMIT },
            UPLOAD_LIMITER: { namespace_id: "1003", simple: EVAL_LIMIT },
          },
        },
      }),
    ],
    test: {
      include: ["bench/**/*.eval.ts"],
      setupFiles: ["./workers/api/test/apply-migrations.ts"],
      isolate: false,
      silent: false,
      testTimeout: 600_000,
      hookTimeout: 600_000,
      env: { MIGRATIONS: String(migrations.length) },
    },
  };
});

/** What one Worker's wrangler config declares in one environment (vitest.config.ts `declared`). */
type TestDeployment = {
  name: string;
  crons: string[];
  producers: { binding: string; queue: string }[];
  consumers: { queue: string; deadLetterQueue?: string }[];
  workflows: { name: string; binding: string; className: string; scriptName?: string }[];
  vars: Record<string, string>;
};

declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    RESTORE_DB: D1Database;
    /** Fixture files as base64, keyed by "folder/name" (see vitest.config.ts). */
    TEST_FIXTURES: Record<string, string>;
    /** Answers-evaluation PDFs some real-document tests read, base64 by file name (vitest.config.ts). */
    TEST_DOCUMENTS?: Record<string, string>;
    /** Both Workers' configs per environment (see vitest.config.ts `readDeployments`). */
    TEST_DEPLOYMENTS: Record<string, TestDeployment & { ingest: TestDeployment }>;
  }
}

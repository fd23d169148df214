declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    RESTORE_DB: D1Database;
    /** Fixture files as base64, keyed by "folder/name" (see vitest.config.ts). */
    TEST_FIXTURES: Record<string, string>;
    /** wrangler.toml per environment (see vitest.config.ts `readDeployments`). */
    TEST_DEPLOYMENTS: Record<
      string,
      {
        crons: string[];
        producers: { binding: string; queue: string }[];
        consumers: { queue: string; deadLetterQueue?: string }[];
        vars: Record<string, string>;
      }
    >;
  }
}

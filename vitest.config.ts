import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          // Test-only bindings: the migrations to apply in the setup file.
          bindings: { TEST_MIGRATIONS: migrations, ENVIRONMENT: "test" },
          // An empty second database: the target of the backup/restore test.
          d1Databases: { RESTORE_DB: "studyai-restore-test" },
        },
      }),
    ],
    test: {
      include: ["workers/**/*.test.ts", "schemas/**/*.test.ts"],
      setupFiles: ["./workers/api/test/apply-migrations.ts"],
      silent: "passed-only" as const,
      reporters: ["default", "./scripts/summary-reporter.ts"],
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  };
});

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
        },
      }),
    ],
    test: {
      // web/: the web app's pure modules (cookies, validation, parsing, i18n); its flows are in e2e/.
      include: ["workers/**/*.test.ts", "schemas/**/*.test.ts", "web/src/**/*.unit.test.ts"],
      setupFiles: ["./workers/api/test/apply-migrations.ts"],
      silent: "passed-only" as const,
      reporters: ["default", "./scripts/summary-reporter.ts"],
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  };
});

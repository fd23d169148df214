import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { unstable_readConfig } from "wrangler";

/** What each environment of wrangler.toml declares that code must agree with (crons, queues, vars). */
export function readDeployments() {
  // Through JSON: bindings take plain JSON values (wrangler returns null-prototype objects).
  const deployments = Object.fromEntries(
    [undefined, "staging", "production"].map((name) => {
      const c = unstable_readConfig({ config: path.join(import.meta.dirname, "wrangler.toml"), env: name });
      return [
        name ?? "top-level",
        {
          crons: c.triggers.crons ?? [],
          producers: (c.queues.producers ?? []).map((q: { binding: string; queue: string }) => ({
            binding: q.binding,
            queue: q.queue,
          })),
          consumers: (c.queues.consumers ?? []).map((q: { queue: string; dead_letter_queue?: string }) => ({
            queue: q.queue,
            deadLetterQueue: q.dead_letter_queue,
          })),
          vars: c.vars as Record<string, string>,
        },
      ];
    }),
  );
  return JSON.parse(JSON.stringify(deployments));
}

/** Test fixtures (PDF, DOCX) handed to the Workers runtime as base64 strings keyed by "folder/name". */
export function readFixtures(): Record<string, string> {
  const root = path.join(import.meta.dirname, "workers/api/test/fixtures");
  const fixtures: Record<string, string> = {};
  for (const folder of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of readdirSync(path.join(root, folder.name)).filter((n) => /\.(pdf|docx)$/.test(n))) {
      fixtures[`${folder.name}/${name}`] = readFileSync(path.join(root, folder.name, name)).toString("base64");
    }
  }
  return fixtures;
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          // Test-only bindings: the migrations to apply in the setup file.
          bindings: {
            TEST_MIGRATIONS: migrations,
            TEST_FIXTURES: readFixtures(),
            TEST_DEPLOYMENTS: readDeployments(),
            ENVIRONMENT: "test",
            // WhatsApp on, against a fake Graph API at the fetch seam (workers/api/test/channel-helpers.ts).
            WHATSAPP_APP_SECRET: "test-app-secret",
            WHATSAPP_VERIFY_TOKEN: "test-verify-token",
            WHATSAPP_ACCESS_TOKEN: "test-access-token",
            WHATSAPP_PHONE_NUMBER_ID: "1098765432101",
            WHATSAPP_GRAPH_URL: "https://graph.whatsapp.test/v21.0",
            WHATSAPP_DISPLAY_NUMBER: "+15550100200",
          },
          // An empty second database: the target of the backup/restore test.
          d1Databases: { RESTORE_DB: "studyai-restore-test" },
        },
      }),
    ],
    // The web app's aliases, for its unit-tested modules (svelte.config.js declares them for the app).
    resolve: {
      alias: {
        $lib: path.join(import.meta.dirname, "web/src/lib"),
        $schemas: path.join(import.meta.dirname, "schemas"),
      },
    },
    test: {
      // web/: the web app's pure modules (cookies, validation, parsing, i18n); its flows are in e2e/.
      include: [
        "workers/**/*.test.ts",
        "schemas/**/*.test.ts",
        "web/src/**/*.unit.test.ts",
        "scripts/**/*.unit.test.mjs",
      ],
      setupFiles: ["./workers/api/test/apply-migrations.ts"],
      // One runtime for every file. A fresh runtime per file fails to start once an earlier file has run
      // PDF.js (a workerd "Message is too large" on the runner's WebSocket), and sharing it is faster too.
      isolate: false,
      silent: "passed-only" as const,
      reporters: ["default", "./scripts/summary-reporter.ts"],
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  };
});

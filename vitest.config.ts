import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { unstable_readConfig } from "wrangler";

const API_CONFIG = path.join(import.meta.dirname, "wrangler.toml");
const INGEST_CONFIG = path.join(import.meta.dirname, "workers/ingest/wrangler.toml");

type QueueConsumer = { queue: string; dead_letter_queue?: string; max_batch_size?: number; max_retries?: number };

/** What one Worker's config declares, in one environment, that code must agree with. */
function declared(config: string, env: string | undefined) {
  const c = unstable_readConfig({ config, env });
  return {
    name: c.name,
    crons: c.triggers.crons ?? [],
    producers: (c.queues.producers ?? []).map((q: { binding: string; queue: string }) => ({
      binding: q.binding,
      queue: q.queue,
    })),
    consumers: (c.queues.consumers ?? []).map((q: QueueConsumer) => ({
      queue: q.queue,
      deadLetterQueue: q.dead_letter_queue,
    })),
    workflows: c.workflows.map((w: { name: string; binding: string; class_name: string; script_name?: string }) => ({
      name: w.name,
      binding: w.binding,
      className: w.class_name,
      scriptName: w.script_name,
    })),
    vars: c.vars as Record<string, string>,
  };
}

/** What each environment of both Workers' configs declares (api: wrangler.toml, ingest: workers/ingest/). */
export function readDeployments() {
  // Through JSON: bindings take plain JSON values (wrangler returns null-prototype objects).
  const deployments = Object.fromEntries(
    [undefined, "staging", "production"].map((name) => [
      name ?? "top-level",
      { ...declared(API_CONFIG, name), ingest: declared(INGEST_CONFIG, name) },
    ]),
  );
  return JSON.parse(JSON.stringify(deployments));
}

/**
 * The test runtime is one Worker that is both: workers/api/test/worker.ts exports the api Worker's handlers
 * and the ingest Worker's Workflow and queue consumers. vitest-pool-workers builds (and wraps the Workflows
 * of) only the Worker under test (auxiliary Workers take prebuilt scripts), and the ingestion tests call the
 * consumers and steps in-process with modified env objects. So the Workflow binding is the local one here,
 * and the queue consumers are both configs' (top level). See docs/performance.md, item 4.
 */
export function bothWorkersInOne() {
  const ingest = unstable_readConfig({ config: INGEST_CONFIG });
  const api = unstable_readConfig({ config: API_CONFIG });
  const consumers = [...(api.queues.consumers ?? []), ...(ingest.queues.consumers ?? [])] as QueueConsumer[];
  return {
    // Each notebook's object (content/notebook-content.ts): the ingest Worker defines the class, the api Worker
    // binds it by script_name; here the one test Worker exports it, so the binding is local.
    durableObjects: { NOTEBOOK_CONTENT: { className: "NotebookContent", useSQLite: true } },
    // The ingest Worker's Workflows, and the api Worker's own (those it does not bind from another script).
    workflows: Object.fromEntries(
      [...ingest.workflows, ...api.workflows.filter((w: { script_name?: string }) => !w.script_name)].map(
        (w: { name: string; binding: string; class_name: string }) => [
          w.binding,
          { name: w.name, className: w.class_name },
        ],
      ),
    ),
    queueConsumers: Object.fromEntries(
      consumers.map((q) => [
        q.queue,
        {
          maxBatchSize: q.max_batch_size,
          maxBatchTimeout: (q as { max_batch_timeout?: number }).max_batch_timeout,
          maxRetries: q.max_retries,
          deadLetterQueue: q.dead_letter_queue,
        },
      ]),
    ),
  };
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

/**
 * The answers evaluation's PDFs that real-document tests read as well (gitignored, like the tables fixtures:
 * bench/answers/docs/README.source.md), base64 by file name; a missing one is left out and its tests skip. Kept
 * apart from TEST_FIXTURES, whose every document the citation sweep uploads.
 */
const TEST_DOCUMENTS = ["br-orcamento-federal-2019-anexos.pdf"];

export function readTestDocuments(): Record<string, string> {
  const root = path.join(import.meta.dirname, "bench/answers/docs");
  const present = TEST_DOCUMENTS.filter((name) => existsSync(path.join(root, name)));
  return Object.fromEntries(present.map((name) => [name, readFileSync(path.join(root, name)).toString("base64")]));
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        main: "./workers/api/test/worker.ts",
        miniflare: {
          ...bothWorkersInOne(),
          // Test-only bindings: the migrations to apply in the setup file.
          bindings: {
            TEST_MIGRATIONS: migrations,
            TEST_FIXTURES: readFixtures(),
            TEST_DOCUMENTS: readTestDocuments(),
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

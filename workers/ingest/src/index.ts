/**
 * The ingest Worker's entry (workers/ingest/wrangler.toml): the IngestDocument Workflow (extract, OCR,
 * chunk, embed, concept map) and the ingest queue consumers. The api Worker binds the Workflow by
 * `script_name` and produces to the ingest queue; both deploy from this repository in one command, the
 * ingest Worker first (scripts/release.mjs). The ingestion code itself lives in its rooms under
 * workers/api/src/ (ingest/, ocr/, concepts/), shared with the api Worker where both need a module.
 */
import * as Sentry from "@sentry/cloudflare";
import { handleIngestQueueBatch } from "../../api/src/ingest/queue";
import { getConfig } from "../../api/src/platform/config";
import { setLogLevel } from "../../api/src/platform/logger";

export { NotebookContent } from "../../api/src/content/notebook-content";
export { IngestDocument } from "../../api/src/ingest/workflow";

/**
 * The bindings the ingestion code reads, which workers/ingest/wrangler.toml must declare (IngestEnv is
 * generated from it by `npm run types`): this line stops compiling when one goes missing.
 */
type IngestBindings = Pick<
  Env,
  | "DB"
  | "FILES"
  | "BACKUP_BUCKET"
  | "ANALYTICS"
  | "INGEST_WORKFLOW"
  | "CHANNEL_QUEUE"
  | "VECTORS"
  | "AI"
  | "NOTEBOOK_CONTENT"
>;
export type BindingsDeclared = IngestEnv extends IngestBindings ? true : never;
const declared: BindingsDeclared = true;

const handler = {
  queue: (batch, env) => {
    setLogLevel(getConfig(env).ops.logLevel);
    return handleIngestQueueBatch(batch, env);
  },
} satisfies ExportedHandler<Env>;

export default Sentry.withSentry(
  (env: Env) =>
    declared && env.SENTRY_DSN
      ? { dsn: env.SENTRY_DSN, environment: env.ENVIRONMENT, tracesSampleRate: 0.1 }
      : undefined,
  handler,
);

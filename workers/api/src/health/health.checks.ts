import { notebookObject } from "../content/content-db";
import type { AppConfig } from "../platform/config";
import { vectorBindingName } from "../vectors/vector-store";

const CHECK_TIMEOUT_MS = 3000;

/**
 * The object the readiness probe asks (no notebook id looks like this): its `stats()` runs SQL in a
 * NotebookContent object, so the binding, the ingest Worker that defines the class and the objects' storage
 * all answer. It holds nothing: the first probe creates its empty database (the schema, ~12 KB), no probe
 * writes a row.
 */
export const CONTENT_PROBE = "health-probe";

export type CheckResult = { name: string; ok: boolean; detail: string; latencyMs: number };

async function timed(name: string, run: () => Promise<string>): Promise<CheckResult> {
  const started = Date.now();
  try {
    const detail = await withTimeout(run(), CHECK_TIMEOUT_MS, name);
    return { name, ok: true, detail, latencyMs: Date.now() - started };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { name, ok: false, detail, latencyMs: Date.now() - started };
  }
}

/** Which embedding and answer providers this deployment is actually using. */
export function describeProviders(env: Env, config: AppConfig) {
  const answers = config.openai.apiKey || config.openai.baseUrl ? "openai" : env.AI ? "workers-ai" : "extractive";
  return {
    embeddings: config.embeddingProvider,
    answers,
    answerModel: answers === "openai" ? config.llmModel : answers === "workers-ai" ? "workers-ai" : null,
    vectors: env.VECTORS ? "vectorize" : "d1-exact",
    // Scanned pages: read by this model during ingestion, or (`browser`) left to the student's browser.
    ocr: config.ocr.provider === "none" ? "browser" : config.ocr.provider,
  };
}

/** Readiness: every dependency answers. Each check is bounded so a hung binding cannot hang the probe. */
export async function runReadinessChecks(env: Env, config: AppConfig): Promise<CheckResult[]> {
  const providers = describeProviders(env, config);
  const checks = await Promise.all([
    timed("d1", async () => {
      const row = await env.DB.prepare("SELECT count(*) AS n FROM d1_migrations").first<{ n: number }>();
      return `${row?.n ?? 0} migrations applied`;
    }),
    timed("content", async () => {
      if (typeof env.NOTEBOOK_CONTENT?.getByName !== "function") throw new Error("NOTEBOOK_CONTENT binding is missing");
      const stats = (await notebookObject(env, CONTENT_PROBE).stub.stats()) as { rows: Record<string, number> };
      return `notebook objects answer (${Object.keys(stats.rows).length} content tables)`;
    }),
    timed("r2", async () => {
      await env.FILES.head("health/probe");
      return "reachable";
    }),
    timed("queue", async () => {
      if (typeof env.INGEST_QUEUE?.send !== "function") throw new Error("INGEST_QUEUE binding is missing");
      return "producer bound";
    }),
    timed("workflow", async () => {
      if (typeof env.INGEST_WORKFLOW?.create !== "function") throw new Error("INGEST_WORKFLOW binding is missing");
      return "bound";
    }),
    timed("vectors", async () => {
      if (env.VECTORS) {
        // New notebooks must be able to write where VECTOR_INDEX_FOR_NEW_NOTEBOOKS sends them (index groups).
        const fresh = vectorBindingName(config.vectorIndexForNewNotebooks);
        if (!(env as unknown as Record<string, unknown>)[fresh]) {
          throw new Error(`VECTOR_INDEX_FOR_NEW_NOTEBOOKS names ${fresh}, which is not bound`);
        }
        // V2 indexes answer { vectorCount, dimensions }; the generated binding type is still V1's.
        const info = (await env.VECTORS.describe()) as unknown as { vectorCount?: number; dimensions?: number };
        return `vectorize (${info.dimensions ?? "?"} dims, ${info.vectorCount ?? "?"} vectors)`;
      }
      if (config.environment === "production" || config.environment === "staging") {
        throw new Error("VECTORS (Vectorize) binding is missing in a deployed environment");
      }
      return "d1-exact (local)";
    }),
    timed("providers", async () => {
      if (config.environment === "production" && providers.embeddings === "local") {
        throw new Error("production must not run on the local hashing embedder");
      }
      if (providers.ocr === "workers-ai" && !env.AI) throw new Error("OCR_PROVIDER is workers-ai but AI is not bound");
      if (providers.embeddings === "workers-ai" && !env.AI) {
        throw new Error("EMBEDDING_PROVIDER is workers-ai but the AI binding is missing");
      }
      return `embeddings=${providers.embeddings}, answers=${providers.answers}, ocr=${providers.ocr}`;
    }),
  ]);
  return checks;
}

/** Rejects after `ms` so one slow dependency cannot hold the readiness probe. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)),
  ]);
}

/**
 * Configuration: parsed from the Worker's env with zod once per env object, failing fast with a
 * message that names the variable. Nothing else reads string vars directly.
 */
import { z } from "zod";
import { type ChannelConfig, channelConfigShape, toChannelConfig } from "./channel-config";
import { workerEnvOf } from "./d1-session";
import { type OpsConfig, opsConfigShape, optionalString, toOpsConfig } from "./ops-config";

const DEV_AUTH_SECRET = "studyai-local-development-secret-do-not-deploy";

const integerString = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) {
        ctx.addIssue({ code: "custom", message: "must be a positive integer" });
        return z.NEVER;
      }
      return n;
    });

// Built on the first parse, not at module load: zod schema construction was the largest part of the api
// Worker's startup after its routers went lazy (docs/performance.md, "Startup and bundle").
const buildConfigSchema = () =>
  z
    .object({
      ENVIRONMENT: z.enum(["development", "test", "staging", "production"]).default("development"),
      // Which Worker reads this: the ingest Worker (workers/ingest/wrangler.toml) serves no HTTP, so it needs
      // neither the session secret nor the /metrics token.
      WORKER: z.enum(["api", "ingest"]).default("api"),
      APP_URL: z.url().default("http://localhost:8787"),
      CORS_ORIGINS: z
        .string()
        .default("")
        .transform((v) =>
          v
            .split(",")
            .map((o) => o.trim())
            .filter(Boolean),
        ),
      BETTER_AUTH_SECRET: optionalString(),
      OPENAI_API_KEY: optionalString(),
      OPENAI_BASE_URL: optionalString().pipe(z.url().optional()),
      LLM_MODEL: z.string().min(1).default("gpt-4.1-mini"),
      EMBEDDING_PROVIDER: z.enum(["local", "openai", "workers-ai"]).default("local"),
      OCR_PROVIDER: z.enum(["none", "workers-ai", "openai"]).default("none"),
      OCR_MODEL: optionalString(),
      MAX_UPLOAD_BYTES: integerString(50 * 1024 * 1024),
      MAX_PDF_PAGES: integerString(2000),
      METRICS_TOKEN: optionalString(),
      LANGFUSE_PUBLIC_KEY: optionalString(),
      LANGFUSE_SECRET_KEY: optionalString(),
      LANGFUSE_BASE_URL: optionalString().pipe(z.url().optional()),
      INGEST_QUEUE_NAME: z.string().min(1).default("ingest"),
      INGEST_DLQ_NAME: z.string().min(1).default("ingest-dlq"),
      AI_MONTHLY_BUDGET_USD: z
        .string()
        .optional()
        .transform((v, ctx) => {
          if (v === undefined || v.trim() === "") return 59;
          const n = Number(v);
          if (!Number.isFinite(n) || n < 0) {
            ctx.addIssue({ code: "custom", message: "must be a non-negative number of US dollars" });
            return z.NEVER;
          }
          return n;
        }),
      // The Vectorize index new notebooks are assigned to (vectors/vector-store.ts): 0 = binding VECTORS,
      // n = VECTORS_<n>. Recorded on the notebook when it is created (migration 0024) and never re-derived, so
      // bumping it moves only notebooks created afterwards; the binding must exist before the bump is deployed.
      VECTOR_INDEX_FOR_NEW_NOTEBOOKS: z
        .string()
        .optional()
        .transform((v, ctx) => {
          if (v === undefined || v.trim() === "") return 0;
          const n = Number(v);
          if (!Number.isInteger(n) || n < 0 || n > 9999) {
            ctx.addIssue({ code: "custom", message: "must be a whole number from 0 to 9999" });
            return z.NEVER;
          }
          return n;
        }),
      ...opsConfigShape(),
      ...channelConfigShape(),
    })
    .superRefine((c, ctx) => {
      const deployed = c.ENVIRONMENT === "staging" || c.ENVIRONMENT === "production";
      const serves = deployed && c.WORKER === "api";
      if (serves && (!c.BETTER_AUTH_SECRET || c.BETTER_AUTH_SECRET.length < 32)) {
        ctx.addIssue({
          code: "custom",
          path: ["BETTER_AUTH_SECRET"],
          message: "is required in staging/production and must be at least 32 characters (wrangler secret put)",
        });
      }
      // The development value is public (it is in this file): sessions signed with it can be forged.
      if (deployed && c.BETTER_AUTH_SECRET === DEV_AUTH_SECRET) {
        ctx.addIssue({
          code: "custom",
          path: ["BETTER_AUTH_SECRET"],
          message: "is the public development value; set a random one (openssl rand -base64 48 | wrangler secret put)",
        });
      }
      // /metrics shows user and notebook counts and monthly cost: never open on a deployed Worker.
      if (serves && !c.METRICS_TOKEN) {
        ctx.addIssue({
          code: "custom",
          path: ["METRICS_TOKEN"],
          message: "is required in staging/production so /metrics is not public (wrangler secret put METRICS_TOKEN)",
        });
      }
      if (c.OCR_PROVIDER === "openai" && !c.OPENAI_API_KEY && !c.OPENAI_BASE_URL) {
        ctx.addIssue({
          code: "custom",
          path: ["OCR_PROVIDER"],
          message: "is 'openai' but neither OPENAI_API_KEY nor OPENAI_BASE_URL is set",
        });
      }
      if (c.EMBEDDING_PROVIDER === "openai" && !c.OPENAI_API_KEY && !c.OPENAI_BASE_URL) {
        ctx.addIssue({
          code: "custom",
          path: ["EMBEDDING_PROVIDER"],
          message: "is 'openai' but neither OPENAI_API_KEY nor OPENAI_BASE_URL is set",
        });
      }
    });

/** Model-call tracing (models/tracing.ts); null unless both keys are set. */
export type LangfuseConfig = { publicKey: string; secretKey: string; baseUrl: string };

export type AppConfig = {
  environment: "development" | "test" | "staging" | "production";
  appUrl: string;
  corsOrigins: string[];
  authSecret: string;
  openai: { apiKey?: string; baseUrl?: string };
  llmModel: string;
  embeddingProvider: "local" | "openai" | "workers-ai";
  /** Who reads scanned pages during ingestion (ocr/ocr-reader.ts); `none`: the student's browser may. */
  ocr: { provider: "none" | "workers-ai" | "openai"; model?: string };
  maxUploadBytes: number;
  maxPdfPages: number;
  /** When set, /metrics requires `Authorization: Bearer <token>`; always set in staging/production. */
  metricsToken?: string;
  langfuse: LangfuseConfig | null;
  /** Queue names as wrangler.toml declares them per environment: the queue handler dispatches by them. */
  queues: { ingest: string; ingestDeadLetters: string };
  /** Monthly AI budget; past 80% answers use the cheaper provider, past 100% model calls stop. */
  aiBudget: { budgetUsd: number; degradeAt: number };
  /** The Vectorize index a notebook created now is assigned to (0 = VECTORS, n = VECTORS_<n>). */
  vectorIndexForNewNotebooks: number;
  /** The operator's knobs (platform/ops-config.ts). */
  ops: OpsConfig;
  /** Messaging channels (platform/channel-config.ts): WhatsApp's secrets and the channel queues. */
  channels: ChannelConfig;
};

export class ConfigError extends Error {
  constructor(
    readonly variables: string[],
    message: string,
  ) {
    super(message);
    this.name = "ConfigError";
  }
}

const cache = new WeakMap<object, AppConfig>();
let configSchema: ReturnType<typeof buildConfigSchema> | undefined;

export function parseConfig(env: Record<string, unknown>): AppConfig {
  configSchema ??= buildConfigSchema();
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? "?"), message: i.message }));
    throw new ConfigError(
      issues.map((i) => i.variable),
      `Invalid configuration: ${issues.map((i) => `${i.variable} ${i.message}`).join("; ")}`,
    );
  }
  const c = parsed.data;
  return {
    environment: c.ENVIRONMENT,
    appUrl: c.APP_URL,
    corsOrigins: c.CORS_ORIGINS,
    authSecret: c.BETTER_AUTH_SECRET ?? DEV_AUTH_SECRET,
    openai: { apiKey: c.OPENAI_API_KEY, baseUrl: c.OPENAI_BASE_URL },
    llmModel: c.LLM_MODEL,
    embeddingProvider: c.EMBEDDING_PROVIDER,
    ocr: { provider: c.OCR_PROVIDER, model: c.OCR_MODEL },
    maxUploadBytes: c.MAX_UPLOAD_BYTES,
    maxPdfPages: c.MAX_PDF_PAGES,
    metricsToken: c.METRICS_TOKEN,
    langfuse:
      c.LANGFUSE_PUBLIC_KEY && c.LANGFUSE_SECRET_KEY
        ? {
            publicKey: c.LANGFUSE_PUBLIC_KEY,
            secretKey: c.LANGFUSE_SECRET_KEY,
            baseUrl: (c.LANGFUSE_BASE_URL ?? "https://cloud.langfuse.com").replace(/\/+$/, ""),
          }
        : null,
    queues: { ingest: c.INGEST_QUEUE_NAME, ingestDeadLetters: c.INGEST_DLQ_NAME },
    aiBudget: { budgetUsd: c.AI_MONTHLY_BUDGET_USD, degradeAt: 0.8 },
    vectorIndexForNewNotebooks: c.VECTOR_INDEX_FOR_NEW_NOTEBOOKS,
    ops: toOpsConfig(c),
    channels: toChannelConfig(c),
  };
}

/** The parsed configuration for this env object (parsed once, then cached). */
export function getConfig(env: Env): AppConfig {
  // A request's env differs from the Worker's only in its D1 session (d1-session.ts), which config never reads.
  const key = workerEnvOf(env);
  let config = cache.get(key);
  if (!config) {
    config = parseConfig(key as unknown as Record<string, unknown>);
    cache.set(key, config);
  }
  return config;
}

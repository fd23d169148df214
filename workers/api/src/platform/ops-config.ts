/**
 * The operator's knobs, part of the one configuration schema (config.ts spreads `opsConfigShape` into it
 * and maps the result with `toOpsConfig`): log level, kill switches, embedding throughput, queue-health
 * thresholds, the admin token and the alert webhook. Kept in their own room so the main schema stays
 * about the application; each default below says why it is that number.
 */
import { z } from "zod";

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A trimmed string; unset or blank = undefined. */
export const optionalString = () =>
  z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined));

/** "true"/"false" (also 1/0, on/off); unset or empty = `fallback`. */
const switchString = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = v?.trim().toLowerCase();
      if (!s) return fallback;
      if (["true", "1", "on", "yes"].includes(s)) return true;
      if (["false", "0", "off", "no"].includes(s)) return false;
      ctx.addIssue({ code: "custom", message: "must be true or false" });
      return z.NEVER;
    });

/** A whole number in [min, max]; unset or empty = undefined (the caller's default applies). */
const boundedInteger = (min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

export const ALERT_FORMATS = ["slack", "discord", "pagerduty", "generic"] as const;
export type AlertFormat = (typeof ALERT_FORMATS)[number];

/** Built when the configuration is first parsed (config.ts), not at startup. */
export const opsConfigShape = () => ({
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  GENERATION_ENABLED: switchString(true),
  PAID_EMBEDDINGS_ENABLED: switchString(true),
  // Answers: widen retrieval with the concept map's neighbours of what the question names (answers/concept-expansion.ts).
  CONCEPT_EXPANSION_ENABLED: switchString(false),
  // Answers without a model (answers/graph-answers.ts): "what are the main themes?" from the concept map's
  // communities (on: it helped, docs/retrieval-eval.md); "how does X relate to Y?" from the path between
  // the two concepts (off: it did not).
  GRAPH_THEMES_ENABLED: switchString(true),
  GRAPH_PATHS_ENABLED: switchString(false),
  // 2,048 is OpenAI's most inputs per embeddings request; Workflow step state (1 MiB) bounds a step far below.
  EMBEDDING_BATCH_SIZE: boundedInteger(1, 2048),
  EMBEDDING_CONCURRENCY: boundedInteger(1, 16),
  EMBEDDING_MAX_RETRIES: boundedInteger(0, 10),
  QUEUE_MAX_OLDEST_AGE_SECONDS: boundedInteger(1, 7 * 86_400),
  QUEUE_MAX_BACKLOG: boundedInteger(1, 10_000_000),
  // Guards plan changes for every account: as long as BETTER_AUTH_SECRET's minimum (openssl rand -base64 48).
  ADMIN_TOKEN: optionalString().pipe(z.string().min(32, "must be at least 32 characters when set").optional()),
  ALERT_WEBHOOK_URL: optionalString().pipe(z.url().optional()),
  ALERT_WEBHOOK_FORMAT: z.enum(ALERT_FORMATS).default("generic"),
  ALERT_ROUTING_KEY: optionalString(),
  ANALYTICS_ACCOUNT_ID: optionalString(),
  ANALYTICS_API_TOKEN: optionalString(),
});

type OpsInput = z.output<z.ZodObject<ReturnType<typeof opsConfigShape>>>;

export type OpsConfig = {
  logLevel: LogLevel;
  /** Kill switches: off, generation degrades to extractive answers / 503, paid embeddings to keyword search. */
  switches: {
    generation: boolean;
    paidEmbeddings: boolean;
    conceptExpansion: boolean;
    graphThemes: boolean;
    graphPaths: boolean;
  };
  /**
   * Embedding throughput. batchSize: chunks per Workflow step (one durable unit of retry); concurrency:
   * provider requests in flight within a step; maxRetries: in-step retries of one request (the step itself
   * is retried durably five times with backoff, so 0 is the default). Undefined = the provider's default.
   */
  embedding: { batchSize?: number; concurrency: number; maxRetries: number };
  /** Readiness turns `degraded` past either threshold. */
  queueHealth: { maxOldestAgeSeconds: number; maxBacklog: number };
  /** Bearer token of the /v1/admin routes; unset = the admin API is off. */
  adminToken?: string;
  alerts: { webhookUrl?: string; format: AlertFormat; routingKey?: string };
  /** Analytics Engine SQL API credentials (reading the fleet-wide metrics); both or neither. */
  analytics?: { accountId: string; apiToken: string };
};

/**
 * Defaults: one provider request at a time (OpenAI's tier-1 limits are 3,000 requests a minute, so a few
 * parallel ingestions stay far below; raise it for bulk re-embeds); 15 minutes of the oldest queued
 * document (ingestion of a 2,000-page PDF takes a few minutes; a quarter of an hour means the consumer is
 * stuck, not busy) or 1,000 queued documents (ten full upload bursts of 100 files) turn readiness degraded.
 */
export function toOpsConfig(c: OpsInput): OpsConfig {
  return {
    logLevel: c.LOG_LEVEL,
    switches: {
      generation: c.GENERATION_ENABLED,
      paidEmbeddings: c.PAID_EMBEDDINGS_ENABLED,
      conceptExpansion: c.CONCEPT_EXPANSION_ENABLED,
      graphThemes: c.GRAPH_THEMES_ENABLED,
      graphPaths: c.GRAPH_PATHS_ENABLED,
    },
    embedding: {
      batchSize: c.EMBEDDING_BATCH_SIZE,
      concurrency: c.EMBEDDING_CONCURRENCY ?? 1,
      maxRetries: c.EMBEDDING_MAX_RETRIES ?? 0,
    },
    queueHealth: {
      maxOldestAgeSeconds: c.QUEUE_MAX_OLDEST_AGE_SECONDS ?? 900,
      maxBacklog: c.QUEUE_MAX_BACKLOG ?? 1000,
    },
    adminToken: c.ADMIN_TOKEN,
    alerts: { webhookUrl: c.ALERT_WEBHOOK_URL, format: c.ALERT_WEBHOOK_FORMAT, routingKey: c.ALERT_ROUTING_KEY },
    analytics:
      c.ANALYTICS_ACCOUNT_ID && c.ANALYTICS_API_TOKEN
        ? { accountId: c.ANALYTICS_ACCOUNT_ID, apiToken: c.ANALYTICS_API_TOKEN }
        : undefined,
  };
}

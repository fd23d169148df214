import { createRoute, z } from "@hono/zod-openapi";

const tags = ["Health"];

export const HealthSchema = z
  .object({
    status: z.enum(["ok"]),
    version: z.string(),
    time: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Health");

const CheckSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  detail: z.string(),
  latencyMs: z.number(),
});

export const ReadinessSchema = z
  .object({
    status: z.enum(["ready", "degraded", "not_ready"]).openapi({
      description:
        "degraded: every dependency answers but ingestion is behind its thresholds (QUEUE_MAX_OLDEST_AGE_SECONDS, QUEUE_MAX_BACKLOG); still 200, because taking this Worker out of rotation would not drain the queue",
    }),
    version: z.string(),
    time: z.string(),
    environment: z.string(),
    failing: z.array(z.string()),
    degraded: z.array(z.string()).openapi({ description: "Why the status is degraded (empty otherwise)" }),
    checks: z.array(CheckSchema),
    ingestion: z
      .object({
        queued: z.number().int(),
        processing: z.number().int(),
        oldestQueuedAgeSeconds: z.number().int(),
        failedLast24h: z.number().int(),
      })
      .nullable()
      .openapi({ description: "Queue backlog and dead-letter outcomes, from D1 (null when D1 is down)" }),
    providers: z.object({
      embeddings: z.string(),
      answers: z.string(),
      answerModel: z.string().nullable(),
      vectors: z.string(),
      ocr: z.string().openapi({ description: "Who reads scanned pages: workers-ai, openai, or browser (no model)" }),
    }),
    limits: z
      .object({
        maxUploadBytes: z.number().int(),
        maxPdfPages: z.number().int(),
      })
      .openapi({
        description: "What one source may be (MAX_UPLOAD_BYTES, MAX_PDF_PAGES): shown where files are chosen",
      }),
  })
  .openapi("Readiness");

export const health = createRoute({
  method: "get",
  path: "/health",
  tags,
  summary: "Service is up",
  responses: { 200: { description: "Up", content: { "application/json": { schema: HealthSchema } } } },
});

export const live = createRoute({
  method: "get",
  path: "/health/live",
  tags,
  summary: "Liveness probe",
  responses: { 200: { description: "Alive", content: { "application/json": { schema: HealthSchema } } } },
});

export const ready = createRoute({
  method: "get",
  path: "/health/ready",
  tags,
  summary: "Readiness: D1, R2, queue, workflow, vectors and providers",
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: ReadinessSchema } } },
    503: { description: "A dependency is failing", content: { "application/json": { schema: ReadinessSchema } } },
  },
});

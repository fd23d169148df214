/**
 * The Hono app, built once at module scope: request id and logging, security headers, CORS for
 * partners, abuse limits (body size, CSRF, Idempotency-Key), the /v1 routers, the OpenAPI document,
 * and the one error path.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { adminRouter } from "./admin/admin.index";
import { answersRouter } from "./answers/ask.index";
import { threadsRouter } from "./answers/threads.index";
import { apiKeysRouter } from "./api-keys/api-keys.index";
import { authRouter } from "./auth/auth.index";
import { registerAuthPaths } from "./auth/auth.routes";
import { channelsRouter } from "./channels/channels.index";
import { isChannelWebhook } from "./channels/webhook-paths";
import { whatsappWebhookRouter } from "./channels/whatsapp/whatsapp.index";
import { conceptsRouter } from "./concepts/concepts.index";
import { docsRouter } from "./docs/docs.index";
import { documentsRouter } from "./documents/documents.index";
import { UPLOAD_PATH, uploadLimit } from "./documents/upload-limit";
import { healthRouter } from "./health/health.index";
import { idempotency } from "./idempotency/idempotency";
import { metricsRouter, recordRequest } from "./metrics/metrics.index";
import { notebooksRouter } from "./notebooks/notebooks.index";
import { notesRouter } from "./notes/notes.index";
import { ocrRouter } from "./ocr/ocr.index";
import { requestAnalytics } from "./operations/request-analytics";
import { overviewRouter } from "./overview/overview.index";
import { defaultBodyLimit } from "./platform/body-limit";
import { getConfig } from "./platform/config";
import type { AppEnv } from "./platform/context";
import { validationHook } from "./platform/create-router";
import { cookieOriginGuard } from "./platform/csrf";
import { createLogger, setLogLevel } from "./platform/logger";
import { onError } from "./platform/on-error";
import { documentWithIdempotencyKey, securitySchemes } from "./platform/openapi";
import { notFound } from "./platform/problem";
import { strictUtf8Json } from "./platform/strict-json";
import { searchRouter } from "./retrieval/search.index";
import { studyRouter } from "./study/study.index";
import { usageRouter } from "./usage/usage.index";
import { VERSION } from "./version";

const rootLogger = createLogger({ service: "studyai-api" });

const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

app.use(
  "*",
  requestId({
    headerName: "X-Request-Id",
    // An incoming X-Request-Id (the web Worker forwards its own) is kept when it is a safe token.
    generator: () => crypto.randomUUID(),
  }),
);
app.use("*", async (c, next) => {
  const started = Date.now();
  const log = rootLogger.child({ requestId: c.get("requestId") });
  c.set("log", log);
  await next();
  c.header("X-Request-Id", c.get("requestId"));
  log.info("request", {
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    durationMs: Date.now() - started,
  });
});
// Configuration is validated before anything answers: a deployed Worker with a missing or unsafe
// setting (METRICS_TOKEN, BETTER_AUTH_SECRET) serves only the problem naming it, /health included.
app.use("*", async (c, next) => {
  setLogLevel(getConfig(c.env).ops.logLevel);
  await next();
});
app.use("*", recordRequest);
app.use("*", requestAnalytics);
app.use("*", secureHeaders({ crossOriginResourcePolicy: "same-site" }));
app.use(
  "/v1/*",
  cors({
    origin: (origin, c) => (getConfig(c.env).corsOrigins.includes(origin) ? origin : null),
    allowHeaders: ["Authorization", "Content-Type", "X-Api-Key", "Idempotency-Key", "X-Request-Id"],
    allowMethods: ["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
    exposeHeaders: ["X-Request-Id", "Retry-After", "set-auth-token", "Idempotent-Replayed", "Location"],
    credentials: true,
    maxAge: 600,
  }),
);

// API responses are data, never documents: nothing may load, frame or run in their context.
app.use("/v1/*", async (c, next) => {
  await next();
  c.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
});
app.use("/v1/*", defaultBodyLimit);
// The upload route's own, larger limit runs here, before anything reads the body (the Idempotency-Key
// hash and the UTF-8 check below), so an oversized or endless body is stopped at the cap, never buffered.
app.use(UPLOAD_PATH, uploadLimit);
// Channel webhooks carry no session or cookie and are signed by the provider over the raw body, which they
// read themselves: the CSRF, Idempotency-Key and strict-JSON middleware leave them alone.
app.use("/v1/*", async (c, next) => (isChannelWebhook(c.req.path) ? next() : cookieOriginGuard(c, next)));
app.use("/v1/*", async (c, next) =>
  c.req.path.startsWith("/v1/auth/") || isChannelWebhook(c.req.path) ? next() : idempotency(c, next),
);
// better-auth reads the raw request itself, so its routes are left alone.
app.use("/v1/*", async (c, next) =>
  c.req.path.startsWith("/v1/auth/") || isChannelWebhook(c.req.path) ? next() : strictUtf8Json(c, next),
);

app.route("/v1/auth", authRouter);
app.route("/v1/channels/whatsapp/webhook", whatsappWebhookRouter);
app
  .route("/", healthRouter)
  .route("/", metricsRouter)
  .route("/v1/api-keys", apiKeysRouter)
  .route("/v1/notebooks", notebooksRouter)
  .route("/v1/usage", usageRouter)
  .route("/v1", documentsRouter)
  .route("/v1", ocrRouter)
  .route("/v1", studyRouter)
  .route("/v1", searchRouter)
  .route("/v1", answersRouter)
  .route("/v1", conceptsRouter)
  .route("/v1", threadsRouter)
  .route("/v1", notesRouter)
  .route("/v1", overviewRouter)
  .route("/v1", channelsRouter)
  .route("/v1/admin", adminRouter);

for (const [name, scheme] of Object.entries(securitySchemes)) {
  app.openAPIRegistry.registerComponent("securitySchemes", name, scheme);
}
registerAuthPaths(app.openAPIRegistry);

const documentConfig = {
  openapi: "3.1.0",
  info: {
    title: "studyAI API",
    version: VERSION,
    description:
      "Notebooks, documents, cited answers and study tools. Errors are application/problem+json (RFC 9457). " +
      "Authenticate with the session (web), `Authorization: Bearer <session token>`, or an API key " +
      "(`Authorization: Bearer sk_…` or `x-api-key`).",
  },
  servers: [{ url: "/" }],
};
let openApiDocument: ReturnType<typeof app.getOpenAPI31Document> | undefined;
app.get("/v1/openapi.json", (c) => {
  openApiDocument ??= documentWithIdempotencyKey(app.getOpenAPI31Document(documentConfig));
  return c.json(openApiDocument);
});
// Relative URLs, so the reference also works behind the web app's /api proxy; assets served from here.
app.route("/", docsRouter);

app.notFound((c) => {
  throw notFound(`Route ${c.req.method} ${c.req.path}`);
});
app.onError(onError);

export { app };

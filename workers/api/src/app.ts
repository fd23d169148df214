/**
 * The Hono app, built once at module scope: request id and logging, security headers, CORS for
 * partners, the /v1 routers, the OpenAPI document, and the one error path.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { getAuth } from "./auth/auth";
import { documentsRouter } from "./documents/documents.index";
import { healthRouter } from "./health/health.index";
import { notebooksRouter } from "./notebooks/notebooks.index";
import { getConfig } from "./platform/config";
import type { AppEnv } from "./platform/context";
import { validationHook } from "./platform/create-router";
import { createLogger } from "./platform/logger";
import { onError } from "./platform/on-error";
import { notFound } from "./platform/problem";
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
app.use("*", secureHeaders({ crossOriginResourcePolicy: "same-site" }));
app.use(
  "/v1/*",
  cors({
    origin: (origin, c) => (getConfig(c.env).corsOrigins.includes(origin) ? origin : null),
    allowHeaders: ["Authorization", "Content-Type", "X-Api-Key", "Idempotency-Key", "X-Request-Id"],
    allowMethods: ["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
    exposeHeaders: ["X-Request-Id", "Retry-After", "set-auth-token"],
    credentials: true,
    maxAge: 600,
  }),
);

app.on(["GET", "POST"], "/v1/auth/*", (c) => getAuth(c.env).handler(c.req.raw));

const routes = app.route("/", healthRouter).route("/v1/notebooks", notebooksRouter).route("/v1", documentsRouter);

app.openAPIRegistry.registerComponent("securitySchemes", "session", {
  type: "apiKey",
  in: "cookie",
  name: "better-auth.session_token",
  description: "The web app's session cookie (same-origin through the web Worker).",
});
app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
  type: "http",
  scheme: "bearer",
  description: "A session token (from sign-in's `set-auth-token` header) or an API key `sk_…`.",
});

app.doc31("/v1/openapi.json", {
  openapi: "3.1.0",
  info: {
    title: "studyAI API",
    version: VERSION,
    description: "Notebooks, documents, cited answers and study tools. Errors are application/problem+json (RFC 9457).",
  },
  servers: [{ url: "/" }],
});
app.get("/docs", Scalar({ url: "/v1/openapi.json", pageTitle: "studyAI API reference" }));

app.notFound((c) => {
  throw notFound(`Route ${c.req.method} ${c.req.path}`);
});
app.onError(onError);

export { app };
export type AppType = typeof routes;

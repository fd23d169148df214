/**
 * The Hono app, built once at module scope: request id and logging, security headers, CORS for
 * partners, abuse limits (body size, CSRF, Idempotency-Key), the /v1 routers, the OpenAPI document,
 * and the one error path.
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { carrySessionRefresh } from "./auth/session-refresh";
import { isChannelWebhook } from "./channels/webhook-paths";
import { UPLOAD_PATH, uploadLimit } from "./documents/upload-limit";
import { recordRequest } from "./metrics/record-request";
import { requestAnalytics } from "./operations/request-analytics";
import { defaultBodyLimit } from "./platform/body-limit";
import { getConfig } from "./platform/config";
import type { AppEnv } from "./platform/context";
import { cookieOriginGuard } from "./platform/csrf";
import { lazyModule } from "./platform/lazy-module";
import { createLogger, setLogLevel } from "./platform/logger";
import { onError } from "./platform/on-error";
import { notFound } from "./platform/problem";
import { strictUtf8Json } from "./platform/strict-json";
import { docsGroup, routeGroups } from "./route-groups";

const rootLogger = createLogger({ service: "studyai-api" });

// A plain Hono app: it mounts only stand-ins (platform/lazy-routes.ts) and its own handlers; the routers are
// OpenAPIHono apps with the validation hook (platform/create-router.ts), and the document is built from them
// (openapi-document.ts), so zod and @hono/zod-openapi are not loaded at startup.
const app = new Hono<AppEnv>();

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
    allowHeaders: ["Authorization", "Content-Type", "X-Api-Key", "Idempotency-Key", "X-Request-Id", "X-D1-Bookmark"],
    allowMethods: ["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
    exposeHeaders: [
      "X-Request-Id",
      "Retry-After",
      "set-auth-token",
      "Idempotent-Replayed",
      "Location",
      "X-D1-Bookmark",
    ],
    credentials: true,
    maxAge: 600,
  }),
);

// A session getSession refreshed on the way (auth/require-user.ts): whatever answers carries the renewed cookie.
app.use("/v1/*", carrySessionRefresh);
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
// Imported on first use: it reaches the credential check (better-auth, the API key schemas).
const idempotencyModule = lazyModule(() => import("./idempotency/idempotency"));
app.use("/v1/*", async (c, next) =>
  c.req.path.startsWith("/v1/auth/") || isChannelWebhook(c.req.path)
    ? next()
    : (await idempotencyModule()).idempotency(c, next),
);
// better-auth reads the raw request itself, so its routes are left alone.
app.use("/v1/*", async (c, next) =>
  c.req.path.startsWith("/v1/auth/") || isChannelWebhook(c.req.path) ? next() : strictUtf8Json(c, next),
);

// Every router in its place in the order (route-groups.ts), built on the first request that reaches it.
for (const group of routeGroups) app.route(group.prefix, group.mounted);

// The document is generated from the real routers, mounted in the same order on an app of its own, so it is
// the one an app built from them eagerly would give (schemas/openapi.json, checked by the document test).
// The document is kept, not the promise of it (see lazy-routes.ts: a promise is not shared across requests).
let openApiDocument: unknown;
app.get("/v1/openapi.json", async (c) => {
  openApiDocument ??= await (await import("./openapi-document")).buildOpenApiDocument(routeGroups);
  return c.json(openApiDocument);
});
// Relative URLs, so the reference also works behind the web app's /api proxy; assets served from here.
app.route("/", docsGroup.mounted);

app.notFound((c) => {
  throw notFound(`Route ${c.req.method} ${c.req.path}`);
});
app.onError(onError);

export { app };

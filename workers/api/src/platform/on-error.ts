import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ConfigError } from "./config";
import type { AppEnv } from "./context";
import { databaseUnavailable, isDatabaseUnavailable } from "./database-errors";
import { errorFields } from "./logger";
import { Problem, problemResponse } from "./problem";
import { captureException } from "./sentry";

/** The one error path: typed errors become their problem; anything else is a logged, generic 500. */
export function onError(err: Error, c: Context<AppEnv>): Response {
  const problem = toProblem(err, c);
  // The request's analytics point says why it failed (operations/request-analytics.ts).
  c.set("problemType", problem.type.replace(/^.*\/problems\//, ""));
  return problemResponse(problem, new URL(c.req.url).pathname, c.get("requestId"));
}

function toProblem(err: Error, c: Context<AppEnv>): Problem {
  if (err instanceof Problem) return err;
  if (err instanceof HTTPException) {
    // Hono's own middleware (body limit, CORS, CSRF, ...) throws these.
    const status = err.status;
    return new Problem({
      status,
      type: TYPE_BY_STATUS[status] ?? "request-error",
      title: err.message || "Request failed",
      detail: describeHttpStatus(status),
    });
  }
  const log = c.get("log");
  if (err instanceof ConfigError) {
    log?.error("configuration invalid", { variables: err.variables, error: err.message });
    return new Problem({ status: 500, type: "misconfigured", title: "Server misconfigured", detail: err.message });
  }
  if (isDatabaseUnavailable(err)) {
    log?.error("database unavailable", errorFields(err));
    return databaseUnavailable();
  }
  log?.error("unhandled error", errorFields(err));
  captureException(err); // a no-op unless SENTRY_DSN initialised Sentry
  return new Problem({
    status: 500,
    type: "internal",
    title: "Internal error",
    detail: "Something went wrong on our side. Try again; if it keeps happening, quote the request id.",
  });
}

// "http-error" was kept as a relative type by Problem (it starts with "http"); these are all prefixed.
const TYPE_BY_STATUS: Partial<Record<number, string>> = {
  400: "malformed-request",
  403: "forbidden",
  413: "payload-too-large",
  415: "unsupported-media-type",
};

function describeHttpStatus(status: number): string {
  switch (status) {
    case 400:
      return "The request body could not be parsed: check that it is well-formed for its Content-Type.";
    case 415:
      return "This endpoint does not accept the request's Content-Type: /v1/openapi.json lists the media types each route takes.";
    case 413:
      return "The request body is larger than this endpoint accepts.";
    case 403:
      return "This request was refused (cross-site request or origin not allowed).";
    default:
      return "The request could not be processed.";
  }
}

/**
 * RFC 9457 problem details. Domain code throws `Problem`; the one `onError` turns it into an
 * `application/problem+json` response. Nothing else builds error bodies.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type FieldError = { path: string; message: string };

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
};

const TYPE_BASE = "https://studyai.dev/problems/";

export class Problem extends Error {
  readonly status: ContentfulStatusCode;
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly headers: Record<string, string>;

  constructor(init: {
    status: ContentfulStatusCode;
    type: string;
    title: string;
    detail?: string;
    errors?: FieldError[];
    headers?: Record<string, string>;
  }) {
    super(init.detail ?? init.title);
    this.name = "Problem";
    this.status = init.status;
    this.type = init.type.startsWith("http") || init.type === "about:blank" ? init.type : TYPE_BASE + init.type;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors;
    this.headers = init.headers ?? {};
  }

  toBody(instance?: string, requestId?: string): ProblemBody {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(requestId ? { requestId } : {}),
      ...(this.errors?.length ? { errors: this.errors } : {}),
    };
  }
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export function problemResponse(problem: Problem, instance?: string, requestId?: string): Response {
  const headers = new Headers(problem.headers);
  headers.set("content-type", PROBLEM_CONTENT_TYPE);
  if (requestId) headers.set("x-request-id", requestId);
  return new Response(JSON.stringify(problem.toBody(instance, requestId)), { status: problem.status, headers });
}

// The common cases, so call sites read as the domain does.

export const notFound = (what: string) =>
  new Problem({ status: 404, type: "not-found", title: "Not found", detail: `${what} does not exist.` });

export const unauthorized = (detail = "Sign in, or send a valid API key.") =>
  new Problem({
    status: 401,
    type: "unauthorized",
    title: "Authentication required",
    detail,
    headers: { "www-authenticate": 'Bearer realm="studyai"' },
  });

export const forbidden = (detail: string) =>
  new Problem({ status: 403, type: "forbidden", title: "Not allowed", detail });

export const conflict = (detail: string) => new Problem({ status: 409, type: "conflict", title: "Conflict", detail });

export const invalidInput = (errors: FieldError[], detail = "Some fields are invalid.") =>
  new Problem({ status: 422, type: "validation", title: "Invalid request", detail, errors });

export const unavailable = (detail: string, type = "unavailable") =>
  new Problem({ status: 503, type, title: "Service unavailable", detail });

import type { Scope } from "../../../../schemas/api-keys";
import { ProblemSchema } from "../../../../schemas/problem";

/** Response entries for the error statuses a route can produce, all problem+json. */
export function problemResponses<const S extends readonly number[]>(...statuses: S) {
  const descriptions: Record<number, string> = {
    400: "Malformed request",
    401: "Not authenticated",
    402: "A plan limit is reached (documents per notebook, storage)",
    403: "Authenticated but not allowed (missing scope, cross-site request)",
    404: "Not found (or owned by someone else)",
    409: "Conflict with the current state",
    413: "Body too large",
    415: "Unsupported media type",
    422: "Invalid input",
    429: "Too many requests",
    500: "Internal error",
    502: "An upstream service (a language model) failed or returned unusable output",
    503: "Service or dependency unavailable",
  };
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s] ?? "Error", content: { "application/problem+json": { schema: ProblemSchema } } },
    ]),
  ) as {
    [K in S[number]]: {
      description: string;
      content: { "application/problem+json": { schema: typeof ProblemSchema } };
    };
  };
}

/** Routes for signed-in callers: the session cookie or a bearer token (session token or API key). */
export const authenticated: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }, { apiKey: [] }];

/**
 * Routes needing a scope. OpenAPI 3.1 lets non-OAuth requirements list roles: the API-key schemes
 * name the scope; a session holds every scope.
 */
export function securedBy(scope: Scope): Record<string, string[]>[] {
  return [{ session: [] }, { bearer: [scope] }, { apiKey: [scope] }];
}

/** Routes for a signed-in person only (session cookie or bearer session token, not an API key). */
export const sessionOnly: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

/** The security schemes the requirements above refer to. */
export const securitySchemes = {
  session: {
    type: "apiKey",
    in: "cookie",
    name: "better-auth.session_token",
    description: "The web app's session cookie (same-origin through the web Worker).",
  },
  bearer: {
    type: "http",
    scheme: "bearer",
    description:
      "A session token (from sign-in's `set-auth-token` header) or an API key `sk_…`. Scopes listed apply to API keys.",
  },
  apiKey: {
    type: "apiKey",
    in: "header",
    name: "x-api-key",
    description: "An API key `sk_…` (create one with POST /v1/api-keys). Scopes listed are the ones it needs.",
  },
  adminToken: {
    type: "http",
    scheme: "bearer",
    description: "Operators: the deployment's ADMIN_TOKEN secret (the /v1/admin routes only).",
  },
} as const;

type Operation = {
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  responses?: Record<string, unknown>;
};

/**
 * Declares the `Idempotency-Key` header on every POST an API key may call (the middleware applies to
 * all of them, so it is added to the generated document rather than repeated in each route).
 */
export function documentWithIdempotencyKey<D extends { paths?: object; components?: object }>(document: D): D {
  const parameters = {
    IdempotencyKey: {
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description:
        "API-key callers: the first response to this key is replayed for 24 hours for the identical request " +
        "(header `Idempotent-Replayed: true`); reusing it with another request is a 422, and while the first " +
        "request still runs, a 409.",
      schema: { type: "string", minLength: 1, maxLength: 255 },
    },
  };
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>;
  for (const item of Object.values(paths)) {
    const post = item.post;
    if (!post?.security?.some((requirement) => "apiKey" in requirement)) continue;
    post.parameters = [...(post.parameters ?? []), { $ref: "#/components/parameters/IdempotencyKey" }];
    post.responses = { ...problemResponsesDocument(409), ...post.responses };
  }
  const components = (document.components ?? {}) as { parameters?: object };
  return {
    ...document,
    components: { ...components, parameters: { ...components.parameters, ...parameters } },
  };
}

function problemResponsesDocument(status: number) {
  return {
    [status]: {
      description: "The first request with this Idempotency-Key is still running",
      content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
    },
  };
}

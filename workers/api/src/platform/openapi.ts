import { ProblemSchema } from "../../../../schemas/problem";

/** Response entries for the error statuses a route can produce, all problem+json. */
export function problemResponses<const S extends readonly number[]>(...statuses: S) {
  const descriptions: Record<number, string> = {
    400: "Malformed request",
    401: "Not authenticated",
    403: "Authenticated but not allowed (missing scope, cross-site request)",
    404: "Not found (or owned by someone else)",
    409: "Conflict with the current state",
    413: "Body too large",
    415: "Unsupported media type",
    422: "Invalid input",
    429: "Too many requests",
    500: "Internal error",
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
export const authenticated: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

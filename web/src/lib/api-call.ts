/**
 * What an API call answered, the same way for both typed clients (openapi-fetch over the generated
 * `paths`): the server's ($lib/server/api.ts, over the service binding) and the browser's
 * ($lib/client/api.ts, through /api/*). A non-2xx answer becomes an `ApiError` carrying its problem+json.
 */

export type FieldError = { path: string; message: string };

/** What an API error body told us: problem+json members, plus better-auth's `code`/`message`. */
export type ProblemInfo = { detail?: string; code?: string; type?: string; errors: FieldError[] };

/** The API answered with a non-2xx status; the parsed problem says why. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly problem: ProblemInfo,
  ) {
    super(problem.detail ?? `API answered ${status}`);
  }
  get detail(): string | undefined {
    return this.problem.detail;
  }
}

/** What an openapi-fetch call resolves to. */
type FetchResult<D> = { data?: D; error?: unknown; response: Response };

/**
 * The body of a successful call, validated with `parse` (a type guard wrapper or a zod schema's `.parse`),
 * so nothing from the network is used unchecked; undefined for 204. Throws `ApiError` on a non-2xx answer.
 */
export async function expectData<D, T>(call: Promise<FetchResult<D>>, parse: (body: D | undefined) => T): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, problemOf(error));
  return parse(data);
}

/** What an error body (already parsed by openapi-fetch: JSON, else text) says. */
export function problemOf(body: unknown): ProblemInfo {
  const info: ProblemInfo = { errors: [] };
  if (!body || typeof body !== "object") return info;
  const record = body as Record<string, unknown>;
  if (typeof record.detail === "string") info.detail = record.detail;
  else if (typeof record.message === "string") info.detail = record.message;
  if (typeof record.code === "string") info.code = record.code;
  if (typeof record.type === "string") info.type = record.type;
  if (Array.isArray(record.errors)) {
    for (const error of record.errors) {
      if (error && typeof error === "object" && typeof error.path === "string" && typeof error.message === "string") {
        info.errors.push({ path: error.path, message: error.message });
      }
    }
  }
  return info;
}

/** Parses 204/empty bodies. */
export const noBody = (): undefined => undefined;

/** RFC 9457 problem details, shaped like the api Worker's so clients parse one error format. */
const TYPE_BASE = "https://studyai.dev/problems/";

export type ProblemInit = { status: number; type: string; title: string; detail: string; requestId?: string };

export function problemResponse({ status, type, title, detail, requestId }: ProblemInit): Response {
  const body = { type: TYPE_BASE + type, title, status, detail, ...(requestId ? { requestId } : {}) };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/problem+json",
      "cache-control": "no-store",
      ...(requestId ? { "x-request-id": requestId } : {}),
    },
  });
}

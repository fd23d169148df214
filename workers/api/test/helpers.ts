import { env, exports } from "cloudflare:workers";

/** Calls the api Worker's real fetch handler, as a client would. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(new URL(path, "http://api.test"), init));
}

export type TestUser = { email: string; token: string; cookie: string; userId: string };

let counter = 0;

/** Signs a fresh user up through /v1/auth and returns its bearer token and cookie. */
export async function signUp(name = "Student"): Promise<TestUser> {
  counter += 1;
  const email = `student-${Date.now()}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const res = await call("/v1/auth/sign-up/email", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "correct horse battery", name }),
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  const token = res.headers.get("set-auth-token");
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  if (!token) throw new Error("sign-up returned no set-auth-token header");
  return { email, token, cookie, userId: body.user.id };
}

export function bearer(user: TestUser, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${user.token}`, ...extra };
}

export function jsonBody(body: unknown): { headers: Record<string, string>; body: string } {
  return { headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

/** A fixture file's bytes ("ntsb/20080102X00002.pdf"). */
export function fixture(name: string): Uint8Array {
  const base64 = env.TEST_FIXTURES[name];
  if (!base64) throw new Error(`no fixture ${name}`);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

export function fixtureNames(folder: string): string[] {
  return Object.keys(env.TEST_FIXTURES)
    .filter((n) => n.startsWith(`${folder}/`))
    .sort();
}

export async function createNotebook(auth: Record<string, string>, title = "Notebook"): Promise<string> {
  const req = jsonBody({ title });
  const res = await call("/v1/notebooks", { method: "POST", body: req.body, headers: { ...req.headers, ...auth } });
  if (res.status !== 201) throw new Error(`notebook: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

export type DocumentBody = {
  id: string;
  notebookId: string;
  title: string;
  status: string;
  sourceType: string;
  mediaType: string;
  pageCount: number;
  chunkCount: number;
  progress: { stage: string; done: number; total: number };
  error: { code: string; message: string } | null;
  embeddingModel: string | null;
};

/** Uploads bytes as multipart `file`. */
export async function uploadFile(
  auth: Record<string, string>,
  notebookId: string,
  bytes: Uint8Array,
  fileName: string,
  type = "application/octet-stream",
): Promise<Response> {
  const form = new FormData();
  form.set("file", new File([bytes], fileName, { type }));
  return call(`/v1/notebooks/${notebookId}/documents`, { method: "POST", body: form, headers: auth });
}

const TERMINAL = new Set(["ready", "failed", "rejected"]);

/** Polls GET /v1/documents/{id} until the document reaches a terminal state. */
export async function waitForTerminal(auth: Record<string, string>, documentId: string, timeoutMs = 25_000) {
  const started = Date.now();
  for (;;) {
    const res = await call(`/v1/documents/${documentId}`, { headers: auth });
    const doc = (await res.json()) as DocumentBody;
    if (TERMINAL.has(doc.status)) return doc;
    if (Date.now() - started > timeoutMs)
      throw new Error(`document ${documentId} still ${doc.status} (${doc.progress.stage})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

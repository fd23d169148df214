/**
 * Tenant isolation, table-driven from the published contract: every operation in /v1/openapi.json is
 * called as tenant B with tenant A's ids, through every kind of credential B can hold. B must get
 * 404, exactly like for an id that does not exist (or 403 where B's key lacks the operation's
 * scope), and A's data must be unchanged afterwards.
 *
 * The operation list is read at run time, so a new route is covered the moment it is declared. A
 * path parameter this file cannot fill fails the test: add it to `fillers` (create one of A's
 * resources, and snapshot it) when a route with a new parameter is merged. A parameter that is not
 * an id (a page number) returns a fixed value with `missing: (v) => v, isId: false`, so that the
 * resource next to it decides. A route without a declared scope (`scoped(...)`) fails as well.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { bearer, call, signUp, type TestUser, waitForTerminal } from "../test/helpers";
import { type OpenApiDocument, type Operation, sampleRequest } from "../test/openapi-requests";
import { resetModels, useScriptedModel } from "../test/study-helpers";
import { APP_ORIGIN, type CreatedKey, createKey, createNotebookAs, withKey, withXApiKey } from "../test/tenants";
import { contactFor, ensurePlatformInstance, updateContact } from "./channels/channels.store";
import { waitForConcepts } from "./concepts/concept-test-helpers";

type Tenant = { user: TestUser; full: CreatedKey; readOnly: CreatedKey };

const doc = (await (await call("/v1/openapi.json")).json()) as OpenApiDocument;

// ---------------------------------------------------------------- how to make A's resources

type Filler = {
  /** Creates one of A's resources and returns its id; `created` holds the ids made so far (by parameter). */
  create: (a: Tenant, created: Record<string, string>) => Promise<string>;
  /** What A sees of it; compared before and after B's attempts. */
  snapshot: (a: Tenant, id: string) => Promise<unknown>;
  /** A value of the same shape that names nothing (default: the id with its last character changed). */
  missing?: (id: string) => string;
  /** False for parameters that are not ids (a page number): never searched for in B's responses. */
  isId?: boolean;
};

async function getJson(path: string, headers: Record<string, string>) {
  const res = await call(path, { headers });
  return { status: res.status, body: await res.json() };
}

const fillers: Record<string, Filler> = {
  notebookId: {
    create: async (a) => (await createNotebookAs(bearer(a.user), "A's notebook", { description: "A's notes" })).id,
    snapshot: (a, id) => getJson(`/v1/notebooks/${id}`, bearer(a.user)),
  },
  documentId: {
    create: async (a, created) => {
      const notebookId = created.notebookId ?? (await createNotebookAs(bearer(a.user), "A's sources")).id;
      const res = await call(`/v1/notebooks/${notebookId}/documents`, {
        method: "POST",
        headers: { ...bearer(a.user), "content-type": "application/json" },
        body: JSON.stringify({ title: "A's notes", text: "Mitochondria are the powerhouse of the cell." }),
      });
      expect([200, 202]).toContain(res.status);
      return ((await res.json()) as { id: string }).id;
    },
    snapshot: async (a, id) => {
      const { status, body } = await getJson(`/v1/documents/${id}`, bearer(a.user));
      const doc = body as { id: string; title: string; notebookId?: string };
      return { status, id: doc.id, title: doc.title, notebookId: doc.notebookId };
    },
  },
  threadId: {
    create: async (a, created) => {
      const notebookId = created.notebookId ?? (await createNotebookAs(bearer(a.user), "A's questions")).id;
      const res = await call(`/v1/notebooks/${notebookId}/ask`, {
        method: "POST",
        headers: { ...bearer(a.user), "content-type": "application/json" },
        body: JSON.stringify({ question: "What are mitochondria?" }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      return ((await res.json()) as { threadId: string }).threadId;
    },
    snapshot: (a, id) => getJson(`/v1/threads/${id}`, bearer(a.user)),
  },
  noteId: {
    create: async (a, created) => {
      const notebookId = created.notebookId ?? (await createNotebookAs(bearer(a.user), "A's notes")).id;
      const res = await call(`/v1/notebooks/${notebookId}/notes`, {
        method: "POST",
        headers: { ...bearer(a.user), "content-type": "application/json" },
        body: JSON.stringify({ title: "A's note", text: "Mitochondria make ATP." }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return ((await res.json()) as { id: string }).id;
    },
    snapshot: (a, id) => getJson(`/v1/notes/${id}`, bearer(a.user)),
  },
  page: { create: async () => "1", snapshot: async () => "page", missing: (v) => v, isId: false },
  cardId: {
    create: async (a, created) => {
      const notebookId = created.notebookId ?? (await createNotebookAs(bearer(a.user), "A's cards")).id;
      const res = await call(`/v1/notebooks/${notebookId}/flashcards`, {
        method: "POST",
        headers: { ...bearer(a.user), "content-type": "application/json" },
        body: JSON.stringify({ front: "What is the powerhouse of the cell?", back: "The mitochondria" }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    },
    snapshot: (a, id) => getJson(`/v1/flashcards/${id}`, bearer(a.user)),
  },
  quizId: {
    // A quiz needs a ready document and a model: A's own text document, and the ai SDK's mock model.
    create: async (a, created) => {
      const notebookId = created.notebookId ?? (await createNotebookAs(bearer(a.user), "A's quiz")).id;
      const documentId = created.documentId ?? (await fillers.documentId?.create(a, { notebookId }));
      expect((await waitForTerminal(bearer(a.user), String(documentId))).status).toBe("ready");
      useScriptedModel([JSON.stringify(A_QUIZ)]);
      try {
        const res = await call(`/v1/notebooks/${notebookId}/quizzes`, {
          method: "POST",
          headers: { ...bearer(a.user), "content-type": "application/json" },
          body: JSON.stringify({ count: 1 }),
        });
        expect(res.status, await res.clone().text()).toBe(201);
        return ((await res.json()) as { id: string }).id;
      } finally {
        resetModels();
      }
    },
    snapshot: async (a, id) => ({
      quiz: await getJson(`/v1/quizzes/${id}`, bearer(a.user)),
      attempts: await getJson(`/v1/quizzes/${id}/attempts`, bearer(a.user)),
    }),
  },
  conceptId: {
    // A concept needs a ready document whose concept steps have run: A's own text document.
    create: async (a, created) => {
      const notebookId = created.notebookId ?? (await createNotebookAs(bearer(a.user), "A's concepts")).id;
      const documentId = String(created.documentId ?? (await fillers.documentId?.create(a, { notebookId })));
      await waitForConcepts(bearer(a.user), documentId);
      const map = await getJson(`/v1/notebooks/${notebookId}/concept-map`, bearer(a.user));
      const node = (map.body as { nodes: { id: string }[] }).nodes[0];
      expect(node).toBeDefined();
      return String(node?.id);
    },
    snapshot: (a, id) => getJson(`/v1/concepts/${id}`, bearer(a.user)),
  },
  keyId: {
    create: async (a) => (await createKey(a.user, ["read"])).id,
    snapshot: async (a, id) => {
      const page = (await getJson("/v1/api-keys?limit=100", bearer(a.user))).body as { items: { id: string }[] };
      return page.items.find((k) => k.id === id) ?? "missing";
    },
  },
  // A WhatsApp number linked to A (as `link CODE` leaves it), on the deployment's own number.
  contactId: {
    create: async (a) => {
      const instance = await ensurePlatformInstance(env.DB, "whatsapp-cloud", "1098765432101");
      const address = `55119${String(Date.now()).slice(-8)}`;
      const contact = await contactFor(env.DB, instance, address, { language: "pt", contactLimit: null });
      if (!contact) throw new Error("no contact");
      await updateContact(env.DB, contact.id, { userId: a.user.userId });
      return contact.id;
    },
    snapshot: async (a, id) => {
      const list = (await getJson("/v1/channels/whatsapp/contacts", bearer(a.user))).body as {
        items: { id: string }[];
      };
      return list.items.find((c) => c.id === id) ?? "missing";
    },
  },
};

const A_QUIZ = {
  title: "A's quiz",
  questions: [
    {
      kind: "short_answer",
      question: "What is the powerhouse of the cell?",
      choices: [],
      correctChoice: null,
      acceptedAnswers: ["mitochondria"],
      explanation: "The note says so.",
      source: 1,
      page: 1,
    },
  ],
};

/** Request bodies the schema sampler cannot guess, by "METHOD /path". */
const bodies: Record<string, unknown> = {};

// ---------------------------------------------------------------- the operations

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] as Operation })),
);
const isPublic = (o: { path: string; op: Operation }) => !o.op.security?.length;
// /v1/admin is the operator's (ADMIN_TOKEN, no tenant): admin/admin.integration.test.ts covers who may call it.
const tested = operations.filter(
  (o) => o.path.startsWith("/v1/") && !o.path.startsWith("/v1/auth/") && !o.path.startsWith("/v1/admin/"),
);
const pathParams = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
const name = (o: { method: string; path: string }) => `${o.method.toUpperCase()} ${o.path}`;

/** The scope an API key needs, "session" for routes keys may not call at all. */
function requiredScope(op: Operation): string {
  const forKeys = op.security?.find((requirement) => "apiKey" in requirement);
  if (!forKeys) return "session";
  const scope = forKeys.apiKey?.[0];
  if (!scope) throw new Error('declares no scope for API keys: use scoped("read" | "write" | "ask") on the route');
  return scope;
}

/** A's resource ids, to look for in what B gets back. */
const aResourceIds = () => Object.entries(aIds).filter(([param]) => fillers[param]?.isId !== false);

/** A value of the same shape that surely names nothing. */
function missing(param: string, id: string): string {
  const custom = fillers[param]?.missing;
  return custom ? custom(id) : `${id.slice(0, -1)}${id.endsWith("0") ? "1" : "0"}`;
}

// ---------------------------------------------------------------- the test

let a: Tenant;
let b: Tenant;
const aIds: Record<string, string> = {};
const before = new Map<string, unknown>();

async function snapshotA() {
  const out = new Map<string, unknown>();
  for (const [param, id] of Object.entries(aIds)) {
    out.set(`${param}=${id}`, await (fillers[param] as Filler).snapshot(a, id));
  }
  // A's lists (collections with `items`; other reports, like usage, carry the time and would differ).
  for (const o of tested.filter((o) => o.method === "get" && !pathParams(o.path).length && !isPublic(o))) {
    const list = await getJson(o.path.concat("?limit=100"), bearer(a.user));
    if (Array.isArray((list.body as { items?: unknown }).items)) out.set(name(o), list);
  }
  return out;
}

type Caller = { label: string; headers: () => Record<string, string>; scopes: string[] | "all"; key: boolean };
const callers: Caller[] = [
  { label: "B's session (bearer token)", headers: () => bearer(b.user), scopes: "all", key: false },
  {
    label: "B's session (cookie)",
    headers: () => ({ cookie: b.user.cookie, origin: APP_ORIGIN }),
    scopes: "all",
    key: false,
  },
  {
    label: "B's full key (Authorization)",
    headers: () => withKey(b.full.key),
    scopes: ["read", "write", "ask"],
    key: true,
  },
  {
    label: "B's full key (x-api-key)",
    headers: () => withXApiKey(b.full.key),
    scopes: ["read", "write", "ask"],
    key: true,
  },
  { label: "B's read-only key", headers: () => withKey(b.readOnly.key), scopes: ["read"], key: true },
];

function expectedStatus(caller: Caller, scope: string): number {
  if (scope === "session") return caller.key ? 403 : 404;
  return caller.scopes === "all" || caller.scopes.includes(scope) ? 404 : 403;
}

async function send(url: string, init: RequestInit, headers: Record<string, string>) {
  const res = await call(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...headers } });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get("content-type"), text };
}

describe("tenant isolation across every operation in /v1/openapi.json", () => {
  beforeAll(async () => {
    const [userA, userB] = [await signUp("Tenant A"), await signUp("Tenant B")];
    a = {
      user: userA,
      full: await createKey(userA, ["read", "write", "ask"]),
      readOnly: await createKey(userA, ["read"]),
    };
    b = {
      user: userB,
      full: await createKey(userB, ["read", "write", "ask"]),
      readOnly: await createKey(userB, ["read"]),
    };
    for (const param of new Set(tested.flatMap((o) => pathParams(o.path)))) {
      const filler = fillers[param];
      if (filler) aIds[param] = await filler.create(a, aIds);
    }
    for (const [k, v] of await snapshotA()) before.set(k, v);
  });

  it("finds the operations of the v1 contract", () => {
    const names = tested.map(name);
    for (const expected of [
      "GET /v1/notebooks",
      "POST /v1/notebooks",
      "GET /v1/notebooks/{notebookId}",
      "PATCH /v1/notebooks/{notebookId}",
      "DELETE /v1/notebooks/{notebookId}",
      "GET /v1/api-keys",
      "POST /v1/api-keys",
      "DELETE /v1/api-keys/{keyId}",
    ]) {
      expect(names).toContain(expected);
    }
  });

  for (const o of tested) {
    it(name(o), async () => {
      if (isPublic(o)) throw new Error(`${name(o)} declares no security: every /v1 route outside /v1/auth needs one`);
      const scope = requiredScope(o.op);
      const params = pathParams(o.path);
      for (const param of params) {
        if (!fillers[param]) {
          throw new Error(
            `${name(o)}: the isolation test does not know how to fill {${param}}. ` +
              `Add a filler for it (create one of A's resources and snapshot it) in tenant-isolation.integration.test.ts.`,
          );
        }
      }

      if (!params.length) {
        // Collections: nothing of A's may show up in B's lists; a create that names A as owner
        // (mass assignment) still creates B's resource, and A's lists stay as they were (last test).
        for (const caller of callers) {
          const [url, init] = sampleRequest(doc, o, {}, bodies[name(o)]);
          if (typeof init.body === "string") {
            const body = JSON.parse(String(init.body ?? "{}")) as Record<string, unknown>;
            const owner = { ownerId: a.user.userId, userId: a.user.userId };
            init.body = JSON.stringify({ ...body, ...owner, ...Object.fromEntries(aResourceIds()) });
          }
          const res = await send(url, init, caller.headers());
          if (expectedStatus(caller, scope) === 403) {
            expect(res.status, `${caller.label}: ${res.text}`).toBe(403);
            continue;
          }
          expect(res.status, `${caller.label}: ${res.text}`).toBe(o.method === "get" ? 200 : 201);
          for (const [, id] of aResourceIds()) expect(res.text, caller.label).not.toContain(id);
          expect(res.text).not.toContain(a.user.userId);
        }
        return;
      }

      const ids = Object.fromEntries(params.map((p) => [p, aIds[p] as string]));
      const missingIds = Object.fromEntries(params.map((p) => [p, missing(p, aIds[p] as string)]));
      for (const caller of callers) {
        const [url, init] = sampleRequest(doc, o, ids, bodies[name(o)]);
        const res = await send(url, init, caller.headers());
        const expected = expectedStatus(caller, scope);
        expect(res.status, `${caller.label} on ${url}: ${res.text}`).toBe(expected);
        expect(res.contentType, caller.label).toBe("application/problem+json");
        if (expected === 403) {
          if (scope !== "session") expect(JSON.parse(res.text).detail, caller.label).toContain(`"${scope}"`);
          continue;
        }
        // Exactly like an id that does not exist: same status, type and title; the detail differs only by the id.
        const [missingUrl, missingInit] = sampleRequest(doc, o, missingIds, bodies[name(o)]);
        const absent = await send(missingUrl, missingInit, caller.headers());
        const theirs = JSON.parse(res.text) as Record<string, string>;
        const none = JSON.parse(absent.text) as Record<string, string>;
        expect(absent.status, `${caller.label} on a missing id`).toBe(404);
        expect({ type: theirs.type, title: theirs.title }).toEqual({ type: none.type, title: none.title });
        let detail = String(none.detail);
        for (const p of params) detail = detail.replace(missingIds[p] as string, ids[p] as string);
        expect(theirs.detail).toBe(detail);
      }
    });
  }

  it("leaves A's data unchanged, and A's credentials working", async () => {
    const after = await snapshotA();
    expect(after).toEqual(before);
    for (const [key, value] of before) expect(JSON.stringify(value), key).not.toContain('"status":404');
    expect((await call("/v1/notebooks", { headers: withKey(a.full.key) })).status).toBe(200);
    expect((await call("/v1/notebooks", { headers: bearer(a.user) })).status).toBe(200);
  });
});

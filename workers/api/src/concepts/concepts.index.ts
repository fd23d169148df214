import { principalOf } from "../auth/require-user";
import { contentOf } from "../content/content-db";
import { getDb } from "../db";
import { ownedNotebook } from "../notebooks/owned-notebook";
import { createRouter } from "../platform/create-router";
import { invalidInput } from "../platform/problem";
import { ownedConceptNotebook, readConcept, readConceptMap } from "./concept-map";
import * as routes from "./concepts.routes";

const DOCUMENT_ID = /^[\w:-]{1,64}$/;

/** `documentIds=a,b` as a list; an id that cannot be one is a 422 naming it. */
function parseDocumentIds(raw: string | undefined): string[] | undefined {
  const ids = raw
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!ids?.length) return undefined;
  const bad = ids.find((id) => !DOCUMENT_ID.test(id));
  if (bad !== undefined || ids.length > 50) {
    throw invalidInput([{ path: "documentIds", message: "must be at most 50 comma-separated document ids" }]);
  }
  return ids;
}

export const conceptsRouter = createRouter()
  .openapi(routes.conceptMap, async (c) => {
    const { notebookId } = c.req.valid("param");
    const { documentIds, limit } = c.req.valid("query");
    const db = getDb(c.env.DB);
    const notebook = await ownedNotebook(c, notebookId);
    const content = (await contentOf(c.env, notebook.id)).db;
    return c.json(
      await readConceptMap(db, content, notebook, { documentIds: parseDocumentIds(documentIds), limit }),
      200,
    );
  })
  .openapi(routes.concept, async (c) => {
    const { conceptId } = c.req.valid("param");
    const notebook = await ownedConceptNotebook(c.env, principalOf(c).userId, conceptId);
    const content = (await contentOf(c.env, notebook.id)).db;
    return c.json(await readConcept(getDb(c.env.DB), content, notebook, conceptId), 200);
  });

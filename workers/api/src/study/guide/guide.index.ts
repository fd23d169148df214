import type { StudyGuideDto } from "../../../../../schemas/study";
import { principalOf } from "../../auth/require-user";
import { getDb } from "../../db";
import { ownedNotebook } from "../../notebooks/owned-notebook";
import { createRouter } from "../../platform/create-router";
import { generateGuide } from "./generate-guide";
import * as routes from "./guide.routes";
import { cachedGuide, guideScope, saveGuide } from "./guide.store";

type Stored = NonNullable<Awaited<ReturnType<typeof cachedGuide>>>;

function toGuideDto(row: Stored, cached: boolean): StudyGuideDto {
  return {
    notebookId: row.notebookId,
    documentIds: row.documentIds ?? null,
    ...row.guide,
    contentVersion: row.contentVersion,
    cached,
    model: { provider: row.provider, model: row.model },
    createdAt: row.createdAt.toISOString(),
  };
}

export const guideRouter = createRouter().openapi(routes.guide, async (c) => {
  const { notebookId } = c.req.valid("param");
  const db = getDb(c.env.DB);
  const { userId } = principalOf(c);
  const chosen = c.req.valid("json").documentIds;
  const documentIds = guideScope(chosen);
  const notebook = await ownedNotebook(c, notebookId);
  const cached = await cachedGuide(db, notebookId, notebook.contentVersion, documentIds);
  if (cached) return c.json(toGuideDto(cached, true), 200);
  const { value, model } = await generateGuide({
    env: c.env,
    log: c.get("log"),
    userId,
    notebookId,
    // As sent, so a refusal names the field the caller sent (documentIds.1).
    documentIds: chosen,
  });
  const row = await saveGuide(db, {
    notebookId,
    documentIds,
    contentVersion: notebook.contentVersion,
    guide: value,
    provider: model.provider,
    model: model.modelId,
  });
  return c.json(toGuideDto(row, false), 200);
});

import type { OverviewDto } from "../../../../schemas/overview";
import { principalOf } from "../auth/require-user";
import { getDb } from "../db";
import { configuredChatModels } from "../models/chat-model";
import { ownedNotebook } from "../notebooks/owned-notebook";
import { createRouter } from "../platform/create-router";
import { buildOverview } from "./build-overview";
import * as routes from "./overview.routes";
import { cachedOverview, saveOverview } from "./overview.store";

/** A model that failed is tried again after this long (a provider outage rarely lasts less). */
const RETRY_FAILED_MODEL_MS = 10 * 60_000;

type Stored = NonNullable<Awaited<ReturnType<typeof cachedOverview>>>;

/** Whether a cached overview still serves: same content, and no model has become usable since. */
function fresh(env: Env, row: Stored | undefined, contentVersion: number, now: number): row is Stored {
  if (!row || row.contentVersion !== contentVersion) return false;
  if (row.mode === "generated" || !configuredChatModels(env).length) return true;
  if (row.overview.reason === "no-language-model") return false;
  return now - row.createdAt.getTime() < RETRY_FAILED_MODEL_MS;
}

function toDto(row: Stored, cached: boolean): OverviewDto {
  return {
    notebookId: row.notebookId,
    contentVersion: row.contentVersion,
    cached,
    ...row.overview,
    createdAt: row.createdAt.toISOString(),
  };
}

export const overviewRouter = createRouter().openapi(routes.overview, async (c) => {
  const db = getDb(c.env.DB);
  const { userId } = principalOf(c);
  const notebook = await ownedNotebook(c, c.req.valid("param").notebookId);
  const cached = await cachedOverview(db, notebook.id);
  if (fresh(c.env, cached, notebook.contentVersion, Date.now())) return c.json(toDto(cached, true), 200);
  const overview = await buildOverview({ env: c.env, log: c.get("log"), userId, notebook });
  const row = await saveOverview(db, notebook.id, notebook.contentVersion, overview);
  return c.json(toDto(row, false), 200);
});

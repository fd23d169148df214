/**
 * The routers app.ts mounts, in mount order (Hono matches in registration order, so this order is the
 * app's). Each is imported and built on the first request that reaches one of its routes
 * (platform/lazy-routes.ts).
 */
import { type AnyRouter, type GroupName, type LazyGroup, lazyGroup } from "./platform/lazy-routes";

export interface RouteGroup {
  name: GroupName;
  prefix: string;
  /** The real router (built on first call for a lazy group). */
  router: () => Promise<AnyRouter>;
  /** The router as its module builds it, without the manifest check (for the manifest's own test). */
  load: () => Promise<AnyRouter>;
  /** What app.ts mounts: the stand-in of a lazy group, or the router itself. */
  mounted: AnyRouter;
}

const lazy = (prefix: string, name: GroupName, load: () => Promise<AnyRouter>): RouteGroup => {
  const group: LazyGroup = lazyGroup(name, load);
  return { name, prefix, router: group.router, load, mounted: group.stub };
};

export const routeGroups: RouteGroup[] = [
  lazy("/v1/auth", "auth", () => import("./auth/auth.index").then((m) => m.authRouter)),
  lazy("/v1/channels/whatsapp/webhook", "whatsappWebhook", () =>
    import("./channels/whatsapp/whatsapp.index").then((m) => m.whatsappWebhookRouter),
  ),
  lazy("/", "health", () => import("./health/health.index").then((m) => m.healthRouter)),
  lazy("/", "metrics", () => import("./metrics/metrics.index").then((m) => m.metricsRouter)),
  lazy("/v1/api-keys", "apiKeys", () => import("./api-keys/api-keys.index").then((m) => m.apiKeysRouter)),
  lazy("/v1/notebooks", "notebooks", () => import("./notebooks/notebooks.index").then((m) => m.notebooksRouter)),
  lazy("/v1/usage", "usage", () => import("./usage/usage.index").then((m) => m.usageRouter)),
  lazy("/v1", "documents", () => import("./documents/documents.index").then((m) => m.documentsRouter)),
  lazy("/v1", "ocr", () => import("./ocr/ocr.index").then((m) => m.ocrRouter)),
  lazy("/v1", "study", () => import("./study/study.index").then((m) => m.studyRouter)),
  lazy("/v1", "search", () => import("./retrieval/search.index").then((m) => m.searchRouter)),
  lazy("/v1", "answers", () => import("./answers/ask.index").then((m) => m.answersRouter)),
  lazy("/v1", "concepts", () => import("./concepts/concepts.index").then((m) => m.conceptsRouter)),
  lazy("/v1", "threads", () => import("./answers/threads.index").then((m) => m.threadsRouter)),
  lazy("/v1", "notes", () => import("./notes/notes.index").then((m) => m.notesRouter)),
  lazy("/v1", "overview", () => import("./overview/overview.index").then((m) => m.overviewRouter)),
  lazy("/v1", "channels", () => import("./channels/channels.index").then((m) => m.channelsRouter)),
  lazy("/v1/admin", "admin", () => import("./admin/admin.index").then((m) => m.adminRouter)),
];

/** The API reference's UI, mounted after /v1/openapi.json. */
export const docsGroup = lazy("/", "docs", () => import("./docs/docs.index").then((m) => m.docsRouter));

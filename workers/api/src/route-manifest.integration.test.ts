/**
 * app.ts mounts stand-ins built from platform/route-manifest.json (platform/lazy-routes.ts). This test
 * proves the manifest is the real routers' route list and that each stand-in gives Hono the same route
 * entries (method, path, base path) the real router would; `npm run api:types` rewrites the manifest.
 */
import { describe, expect, it } from "vitest";
import { entryOf } from "./platform/lazy-routes";
import { docsGroup, routeGroups } from "./route-groups";

const groups = [...routeGroups, docsGroup];

describe("the route manifest", () => {
  it("is the real routers' route list (else run `npm run api:types`)", async () => {
    const names = ["auth", "whatsappWebhook", "health", "metrics", "apiKeys", "notebooks", "usage", "documents"];
    names.push("ocr", "study", "search", "answers", "concepts", "threads", "notes", "overview", "channels");
    names.push("admin", "docs");
    const manifest: Record<string, string[]> = {};
    for (const [i, group] of groups.entries()) {
      const router = await group.load();
      manifest[names[i]] = router.routes.map(entryOf);
    }
    await expect(`${JSON.stringify(manifest, null, 2)}\n`).toMatchFileSnapshot(
      "./platform/route-manifest.json",
      "platform/route-manifest.json is stale: run `npm run api:types` and commit it",
    );
  });

  it("gives every group the routes, in order, the real router gives", async () => {
    for (const group of groups) {
      const router = await group.router();
      const shape = (r: { method: string; path: string; basePath: string }) => [r.method, r.path, r.basePath];
      expect(group.mounted.routes.map(shape)).toEqual(router.routes.map(shape));
      expect(group.mounted.errorHandler).toBe(router.errorHandler);
    }
  });
});

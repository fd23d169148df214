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
    const manifest: Record<string, string[]> = {};
    for (const group of groups) manifest[group.name] = (await group.load()).routes.map(entryOf);
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
      // Hono's route() wraps a sub-app's handlers only when it has its own error handler: none has.
      const errorHandler = (app: object) => (app as { errorHandler: unknown }).errorHandler;
      expect(errorHandler(group.mounted)).toBe(errorHandler(router));
    }
  });
});

/**
 * The /v1 routers, built on first use. Building a router evaluates its route and DTO schemas (zod, and
 * @hono/zod-openapi's validators and registry entries), which was a quarter of the api Worker's startup
 * CPU (docs/performance.md, item 6). So app.ts mounts, for each group, a stand-in with the same routes —
 * method, path and number of handlers, read from route-manifest.json, in the same order — whose handlers
 * import the group's module on the first request that reaches one of them and then call the real
 * handler with the same context and `next`. Hono's `route()` reads only a sub-app's route list and error
 * handler, so the app's route table (matching, middleware order, `matchedRoutes`, params) is the one the
 * real routers would give. A group whose routes differ from the manifest fails loudly on load (and the
 * openapi-document test fails): `npm run api:types` rewrites the manifest.
 */
import { Hono } from "hono";
import type { AppEnv } from "./context";
import manifest from "./route-manifest.json";

// biome-ignore lint/suspicious/noExplicitAny: routers of every shape are mounted here
export type AnyRouter = Hono<AppEnv, any, any>;
export type GroupName = keyof typeof manifest;

/** One route entry as the manifest records it: `METHOD path` (Hono's routing path, `:param`). */
export const entryOf = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

/** The route list of a built router, checked against the manifest the stand-in was made from. */
function checked(name: GroupName, router: AnyRouter): AnyRouter {
  const actual = router.routes.map(entryOf);
  const expected: readonly string[] = manifest[name];
  if (actual.length !== expected.length || actual.some((entry, i) => entry !== expected[i])) {
    throw new Error(`The ${name} routes differ from platform/route-manifest.json: run \`npm run api:types\``);
  }
  return router;
}

export interface LazyGroup {
  /**
   * The real router, built once per isolate. The router is kept, not the promise of it: a promise made in
   * one request and awaited by another is refused by the runtime when it carries I/O (workerd's "Cannot
   * perform I/O on behalf of a different request"; vitest's module runner loads modules with I/O), so two
   * first requests at once each load it (the module itself is evaluated once).
   */
  router: () => Promise<AnyRouter>;
  /** The stand-in to mount where the real router was mounted. */
  stub: AnyRouter;
}

export function lazyGroup(name: GroupName, load: () => Promise<AnyRouter>): LazyGroup {
  let built: AnyRouter | undefined;
  const router = async () => {
    built ??= checked(name, await load());
    return built;
  };
  const stub: AnyRouter = new Hono<AppEnv>();
  manifest[name].forEach((entry, i) => {
    const space = entry.indexOf(" ");
    stub.on(entry.slice(0, space), entry.slice(space + 1), async (c, next) => {
      const real = (await router()).routes[i];
      if (!real) throw new Error(`The ${name} router has no route ${i}`); // checked() makes this unreachable
      return real.handler(c, next);
    });
  });
  return { router, stub };
}

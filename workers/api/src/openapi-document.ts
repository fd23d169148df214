/**
 * The OpenAPI 3.1 document (/v1/openapi.json), built on its first request: every route group's real router
 * mounted on a fresh OpenAPIHono in app.ts's order (which is what orders the document's paths and schemas),
 * then the security schemes and better-auth's documented paths.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { registerAuthPaths } from "./auth/auth.routes";
import type { AppEnv } from "./platform/context";
import { validationHook } from "./platform/create-router";
import { documentWithIdempotencyKey, securitySchemes } from "./platform/openapi";
import type { RouteGroup } from "./route-groups";
import { VERSION } from "./version";

const documentConfig = {
  openapi: "3.1.0",
  info: {
    title: "studyAI API",
    version: VERSION,
    description:
      "Notebooks, documents, cited answers and study tools. Errors are application/problem+json (RFC 9457). " +
      "Authenticate with the session (web), `Authorization: Bearer <session token>`, or an API key " +
      "(`Authorization: Bearer sk_…` or `x-api-key`).",
  },
  servers: [{ url: "/" }],
};

export async function buildOpenApiDocument(groups: readonly RouteGroup[]) {
  const routers = await Promise.all(
    groups.map(async (group) => ({ prefix: group.prefix, router: await group.router() })),
  );
  const documented = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  for (const { prefix, router } of routers) documented.route(prefix, router);
  for (const [name, scheme] of Object.entries(securitySchemes)) {
    documented.openAPIRegistry.registerComponent("securitySchemes", name, scheme);
  }
  registerAuthPaths(documented.openAPIRegistry);
  return documentWithIdempotencyKey(documented.getOpenAPI31Document(documentConfig));
}

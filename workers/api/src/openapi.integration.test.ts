import { describe, expect, it } from "vitest";
import { call } from "../test/helpers";

type Document = {
  openapi: string;
  paths: Record<string, Record<string, { security?: Record<string, string[]>[]; parameters?: unknown[] }>>;
  components: { securitySchemes: Record<string, { type: string }>; parameters: Record<string, unknown> };
};

describe("the OpenAPI 3.1 document and the reference", () => {
  it("publishes every route of this service with its security, scopes and the auth endpoints", async () => {
    const res = await call("/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Document;
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        "POST /v1/auth/sign-up/email",
        "POST /v1/auth/sign-in/email",
        "POST /v1/auth/sign-out",
        "GET /v1/auth/get-session",
        "POST /v1/api-keys",
        "GET /v1/api-keys",
        "DELETE /v1/api-keys/{keyId}",
        "POST /v1/notebooks",
        "GET /v1/notebooks",
        "GET /v1/notebooks/{notebookId}",
        "PATCH /v1/notebooks/{notebookId}",
        "DELETE /v1/notebooks/{notebookId}",
        "GET /health",
      ]),
    );
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["adminToken", "apiKey", "bearer", "session"]);
    expect(doc.paths["/v1/notebooks"]?.post?.security).toContainEqual({ apiKey: ["write"] });
    expect(doc.paths["/v1/notebooks"]?.get?.security).toContainEqual({ apiKey: ["read"] });
    expect(doc.paths["/v1/api-keys"]?.post?.security).not.toContainEqual(expect.objectContaining({ apiKey: [] }));
    expect(doc.paths["/v1/notebooks"]?.post?.parameters).toContainEqual({
      $ref: "#/components/parameters/IdempotencyKey",
    });
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({ name: "Idempotency-Key", in: "header" });
  });

  it("serves the interactive reference (Scalar) at /docs", async () => {
    const res = await call("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html.toLowerCase()).toContain("scalar");
    // The page loads its own scripts (docs/docs.index.ts); the init script points at the document.
    expect(await (await call("/docs/init.js")).text()).toContain("v1/openapi.json");
  });
});

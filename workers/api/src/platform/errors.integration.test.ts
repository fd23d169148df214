import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "../../test/helpers";
import { app } from "../app";

describe("the one error path", () => {
  it("answers an unknown route with a 404 problem carrying the request id", async () => {
    const res = await call("/v1/nothing-here", { headers: { "x-request-id": "req-from-client-123" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("x-request-id")).toBe("req-from-client-123");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 404,
      title: "Not found",
      requestId: "req-from-client-123",
      instance: "/v1/nothing-here",
    });
    expect(String(body.type)).toMatch(/not-found$/);
  });

  it("generates a request id when the client sends none", async () => {
    const res = await call("/nope");
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await res.json()) as { requestId: string }).requestId).toBe(id);
  });

  it("names the misconfigured variable and leaks no stack", async () => {
    const res = await app.request("/health/ready", {}, { ...env, ENVIRONMENT: "production", BETTER_AUTH_SECRET: "" });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { detail: string };
    expect(body.detail).toContain("BETTER_AUTH_SECRET");
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it("answers invalid JSON input with a 422 problem listing the fields", async () => {
    const res = await call("/v1/notebooks", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    // Unauthenticated callers are refused before validation.
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});

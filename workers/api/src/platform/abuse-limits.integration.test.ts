import { env } from "cloudflare:workers";
import { createRoute } from "@hono/zod-openapi";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { bearer, call, jsonBody, signUp } from "../../test/helpers";
import { APP_ORIGIN, createKey, createNotebookAs, withKey } from "../../test/tenants";
import { callerKey, principalOf, scoped } from "../auth/require-user";
import type { AppEnv } from "./context";
import { createRouter } from "./create-router";
import { createLogger } from "./logger";
import { onError } from "./on-error";
import { rateLimit } from "./rate-limit";

const big = (bytes: number) => JSON.stringify({ title: "big", description: "x".repeat(bytes) });

describe("body size limit", () => {
  it("answers 413 problem+json for a body over 1 MiB, by Content-Length or streamed", async () => {
    const alice = await signUp();
    const res = await call("/v1/notebooks", {
      method: "POST",
      body: big(1024 * 1024 + 10),
      headers: { "content-type": "application/json", ...bearer(alice) },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(((await res.json()) as { type: string }).type).toMatch(/payload-too-large$/);

    const bytes = new TextEncoder().encode(big(1024 * 1024 + 10));
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const streamed = await call("/v1/notebooks", {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json", ...bearer(alice) },
      // @ts-expect-error: workerd wants duplex for streamed request bodies in some versions
      duplex: "half",
    });
    expect(streamed.status).toBe(413);
  });

  it("applies to multipart bodies too, except on the upload route, which sets its own limit", async () => {
    const alice = await signUp();
    const form = () => {
      const data = new FormData();
      data.set("file", new File([new Uint8Array(2 * 1024 * 1024)], "big.pdf", { type: "application/pdf" }));
      return data;
    };
    const elsewhere = await call("/v1/notebooks", { method: "POST", body: form(), headers: bearer(alice) });
    expect(elsewhere.status).toBe(413);
    const upload = await call("/v1/notebooks/nb_missing/documents", {
      method: "POST",
      body: form(),
      headers: bearer(alice),
    });
    expect(upload.status).not.toBe(413);
  });

  it("limits sign-in bodies too, before anything reads them", async () => {
    const res = await call("/v1/auth/sign-in/email", {
      method: "POST",
      body: JSON.stringify({ email: "a@example.test", password: "x".repeat(2 * 1024 * 1024) }),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
  });
});

describe("CSRF protection for cookie-authenticated changes", () => {
  it("refuses a cookie-authenticated POST without an allowed Origin, accepts it with one", async () => {
    const alice = await signUp();
    const req = jsonBody({ title: "via cookie" });
    const post = (headers: Record<string, string>) =>
      call("/v1/notebooks", {
        method: "POST",
        body: req.body,
        headers: { ...req.headers, cookie: alice.cookie, ...headers },
      });

    const noOrigin = await post({});
    expect(noOrigin.status).toBe(403);
    expect(noOrigin.headers.get("content-type")).toBe("application/problem+json");
    expect((await post({ origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ origin: APP_ORIGIN })).status).toBe(201);
    expect((await post({ origin: "http://localhost:5173" })).status).toBe(201); // from CORS_ORIGINS

    // A simple cross-site form post (no preflight) is refused too.
    const form = await call("/v1/auth/sign-out", {
      method: "POST",
      body: new URLSearchParams({ a: "b" }),
      headers: { cookie: alice.cookie, origin: "https://evil.example" },
    });
    expect(form.status).toBe(403);
    // Reads are not state changes.
    expect((await call("/v1/notebooks", { headers: { cookie: alice.cookie } })).status).toBe(200);
    const titles = (
      (await (await call("/v1/notebooks", { headers: bearer(alice) })).json()) as { items: { title: string }[] }
    ).items.map((n) => n.title);
    expect(titles).toEqual(["via cookie", "via cookie"]);
  });

  it("exempts bearer-token and API-key callers, who carry no ambient credential", async () => {
    const alice = await signUp();
    const { key } = await createKey(alice, ["read", "write"]);
    await createNotebookAs(bearer(alice, { origin: "https://partner.example" }), "bearer");
    await createNotebookAs(withKey(key), "api key, no origin");
  });
});

describe("CORS and secure headers", () => {
  it("answers preflights for allowed origins only", async () => {
    const preflight = (origin: string) =>
      call("/v1/notebooks", {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "x-api-key" },
      });
    const allowed = await preflight("http://localhost:5173");
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(allowed.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("x-api-key");
    const refused = await preflight("https://evil.example");
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sends secure headers, and a CSP that lets API responses load nothing", async () => {
    const res = await call("/v1/notebooks");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("strict-transport-security")).toContain("max-age=");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe("rateLimit(binding, keyFn)", () => {
  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set("log", createLogger());
      c.set("requestId", "test");
      await next();
    })
    .use(rateLimit("UPLOAD_LIMITER", (c) => c.req.header("x-user")))
    .get("/upload", (c) => c.text("ok"))
    .onError(onError);

  it("answers 429 with Retry-After once a key bursts past the binding's limit; other keys are unaffected", async () => {
    const user = `user:${crypto.randomUUID()}`;
    let limited: Response | undefined;
    for (let i = 0; i < 60 && !limited; i++) {
      const res = await app.request("/upload", { headers: { "x-user": user } }, env);
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(200);
    }
    expect(limited, "no 429 after 60 requests").toBeDefined();
    expect(limited?.headers.get("retry-after")).toBe("60");
    expect(limited?.headers.get("content-type")).toBe("application/problem+json");
    expect((await app.request("/upload", { headers: { "x-user": `user:${crypto.randomUUID()}` } }, env)).status).toBe(
      200,
    );
    // No key: not limited.
    expect((await app.request("/upload", {}, env)).status).toBe(200);
  });
});

describe("an ask-style route: scope first, then the burst limit per API key", () => {
  const ask = createRoute({
    method: "post",
    path: "/ask",
    ...scoped(
      "ask",
      rateLimit("ASK_LIMITER", (c) => callerKey(principalOf(c))),
    ),
    responses: { 200: { description: "Answered" } },
  });
  const router = createRouter();
  router.use(async (c, next) => {
    c.set("log", createLogger());
    c.set("requestId", "test");
    await next();
  });
  router.openapi(ask, (c) => c.body(null, 200));
  router.onError(onError);

  it("refuses a key without the ask scope, then limits each key on its own", async () => {
    const alice = await signUp();
    const readOnly = await createKey(alice, ["read"]);
    const asker = await createKey(alice, ["read", "ask"]);
    const other = await createKey(alice, ["ask"]);
    const post = (key: string) => router.request("/ask", { method: "POST", headers: withKey(key) }, env);

    expect((await post(readOnly.key)).status).toBe(403);
    let limited: Response | undefined;
    for (let i = 0; i < 80 && !limited; i++) {
      const res = await post(asker.key);
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(200);
    }
    expect(limited?.headers.get("retry-after")).toBe("60");
    expect((await post(other.key)).status).toBe(200);
  });
});

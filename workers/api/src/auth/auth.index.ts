/**
 * /v1/auth/*: better-auth's handler behind the sign-in burst limit, with its errors turned into
 * problem+json like every other route (keeping better-auth's `code` and `message` members, which
 * its client library reads).
 */
import type { z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../platform/context";
import { invalidInput, PROBLEM_CONTENT_TYPE, Problem } from "../platform/problem";
import { rateLimit } from "../platform/rate-limit";
import { getAuth } from "./auth";
import { SignInSchema, SignUpSchema } from "./auth.routes";
import { MIN_PASSWORD_SCORE, passwordScore, weakPassword } from "./password-strength";

/** Sign-in and sign-up attempts, counted per client IP and per email (read from a clone of the body). */
export const signInLimit = rateLimit("SIGN_IN_LIMITER", async (c) => {
  const keys: string[] = [];
  const ip = c.req.header("cf-connecting-ip");
  if (ip) keys.push(`ip:${ip}`);
  const body = await c.req.raw
    .clone()
    .json()
    .catch(() => undefined);
  const email = (body as { email?: unknown } | undefined)?.email;
  if (typeof email === "string" && email.trim()) keys.push(`email:${email.trim().toLowerCase().slice(0, 320)}`);
  return keys;
});

/** The documented body, checked before better-auth sees it: invalid input is a 422 like everywhere else. */
function validBody(schema: z.ZodType) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const body = await c.req.raw
      .clone()
      .json()
      .catch(() => undefined);
    const result = schema.safeParse(body);
    if (!result.success) {
      throw invalidInput(
        result.error.issues.map((issue) => ({
          path: issue.path.length ? issue.path.join(".") : "json",
          message: issue.message,
        })),
      );
    }
    await next();
  });
}

/**
 * Refuses a guessable new password (sign-up `password`, change/reset `newPassword`) with a 422 problem.
 * Runs after the body is validated; the name and email of the body count as guessable words.
 */
function strongPassword(field: "password" | "newPassword") {
  return createMiddleware<AppEnv>(async (c, next) => {
    const body = (await c.req.raw
      .clone()
      .json()
      .catch(() => undefined)) as Record<string, unknown> | undefined;
    const password = body?.[field];
    if (typeof password === "string") {
      const words = [body?.name, body?.email].filter((w): w is string => typeof w === "string");
      if (passwordScore(password, words) < MIN_PASSWORD_SCORE) throw weakPassword(field);
    }
    await next();
  });
}

async function asProblem(res: Response, instance: string, requestId: string): Promise<Response> {
  if (res.status < 400 || !/json/i.test(res.headers.get("content-type") ?? "")) return res;
  const body = (await res.json().catch(() => ({}))) as { code?: unknown; message?: unknown };
  const code = typeof body.code === "string" ? body.code : undefined;
  const message = typeof body.message === "string" ? body.message : undefined;
  const problem = new Problem({
    status: res.status as Problem["status"],
    type: code ? `auth/${code.toLowerCase().replaceAll("_", "-")}` : "auth",
    title: message ?? "Authentication failed",
    detail: message,
  });
  const headers = new Headers(res.headers);
  headers.set("content-type", PROBLEM_CONTENT_TYPE);
  headers.delete("content-length");
  const payload = {
    ...problem.toBody(instance, requestId),
    ...(code ? { code } : {}),
    ...(message ? { message } : {}),
  };
  return new Response(JSON.stringify(payload), { status: res.status, headers });
}

export const authRouter = new Hono<AppEnv>()
  .post("/sign-in/email", signInLimit, validBody(SignInSchema))
  .post("/sign-up/email", signInLimit, validBody(SignUpSchema), strongPassword("password"))
  .post("/change-password", strongPassword("newPassword"))
  .post("/reset-password", strongPassword("newPassword"))
  .on(["GET", "POST"], "/*", async (c) => {
    const res = await getAuth(c.env).handler(c.req.raw);
    return asProblem(res, c.req.path, c.get("requestId"));
  });

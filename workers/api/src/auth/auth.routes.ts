/**
 * better-auth serves /v1/auth/* itself; these declarations put the four endpoints of the v1 contract
 * into the OpenAPI document with their bodies, responses and errors, so partners see one reference.
 */
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import { problemResponses, sessionOnly } from "../platform/openapi";

type OpenAPIRegistry = OpenAPIHono["openAPIRegistry"];

const tags = ["Accounts"];
const json = <T>(schema: T) => ({ "application/json": { schema } });

const UserSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.email(),
    emailVerified: z.boolean(),
    image: z.string().nullable().optional(),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("User");

const SessionSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    token: z.string(),
    expiresAt: z.string().openapi({ format: "date-time" }),
    ipAddress: z.string().nullable().optional(),
    userAgent: z.string().nullable().optional(),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Session");

export const SignUpSchema = z
  .object({
    name: z.string().min(1).openapi({ example: "Ana Souza" }),
    email: z.email().openapi({ example: "ana@example.com" }),
    password: z.string().min(8).max(128).openapi({ example: "correct horse battery" }),
    rememberMe: z.boolean().optional(),
  })
  .openapi("SignUp");

export const SignInSchema = z
  .object({
    email: z.email().openapi({ example: "ana@example.com" }),
    password: z.string().min(1).max(128).openapi({ example: "correct horse battery" }),
    rememberMe: z.boolean().optional(),
  })
  .openapi("SignIn");

const sessionHeaders = {
  "set-auth-token": {
    description: "The session token for `Authorization: Bearer …` (API clients keep this, not the cookie).",
    schema: { type: "string" as const },
  },
  "set-cookie": { description: "The session cookie (web app).", schema: { type: "string" as const } },
};

export function registerAuthPaths(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: "post",
    path: "/v1/auth/sign-up/email",
    tags,
    summary: "Create an account with email and password (signs in)",
    description: "Rate-limited per email (and per client IP) through SIGN_IN_LIMITER.",
    request: { body: { content: json(SignUpSchema), required: true } },
    responses: {
      200: {
        description: "Signed up and signed in",
        headers: sessionHeaders,
        content: json(z.object({ token: z.string().nullable(), user: UserSchema })),
      },
      ...problemResponses(400, 413, 422, 429),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/v1/auth/sign-in/email",
    tags,
    summary: "Sign in with email and password",
    description: "Rate-limited per email and per client IP: a burst of attempts answers 429 with Retry-After.",
    request: { body: { content: json(SignInSchema), required: true } },
    responses: {
      200: {
        description: "Signed in",
        headers: sessionHeaders,
        content: json(
          z.object({ redirect: z.boolean(), token: z.string(), url: z.string().optional(), user: UserSchema }),
        ),
      },
      ...problemResponses(400, 401, 413, 429),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/v1/auth/sign-out",
    tags,
    security: sessionOnly,
    summary: "Sign out (ends the session)",
    responses: {
      200: { description: "Signed out", content: json(z.object({ success: z.boolean() })) },
      ...problemResponses(401, 403),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/v1/auth/get-session",
    tags,
    security: sessionOnly,
    summary: "The current session and user (null when signed out)",
    responses: {
      200: {
        description: "The session, or null",
        content: json(z.object({ session: SessionSchema, user: UserSchema }).nullable()),
      },
    },
  });
}

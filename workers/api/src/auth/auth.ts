/**
 * Accounts with better-auth: email + password, a session cookie for the web app and bearer session
 * tokens for API clients. Mounted at /v1/auth/*. One instance per env object (not per request).
 */
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { bearer } from "better-auth/plugins";
import { relations } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { schema } from "../db";
import { getConfig } from "../platform/config";

/**
 * Relations of better-auth's tables, so its drizzle adapter reads a session with its user (and a user with
 * their accounts at sign-in) in one relational query (`advanced.database.joins`) instead of two round trips:
 * every authenticated request is one D1 query (round-trips.integration.test.ts).
 */
const authRelations = {
  sessionUser: relations(schema.session, ({ one }) => ({
    user: one(schema.user, { fields: [schema.session.userId], references: [schema.user.id] }),
  })),
  userSessions: relations(schema.user, ({ many }) => ({
    // better-auth names a one-to-many join by the plural of the model ("accounts").
    sessions: many(schema.session),
    accounts: many(schema.account),
  })),
  accountUser: relations(schema.account, ({ one }) => ({
    user: one(schema.user, { fields: [schema.account.userId], references: [schema.user.id] }),
  })),
};

function createAuth(env: Env) {
  const config = getConfig(env);
  return betterAuth({
    appName: "studyAI",
    baseURL: config.appUrl,
    basePath: "/v1/auth",
    secret: config.authSecret,
    database: drizzleAdapter(drizzle(env.DB, { schema: { ...schema, ...authRelations } }), {
      provider: "sqlite",
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
      },
    }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    trustedOrigins: [config.appUrl, ...config.corsOrigins],
    // Burst limits use the rate-limiter bindings; better-auth's in-memory limiter is per isolate.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: {
      database: { joins: true },
      useSecureCookies: config.appUrl.startsWith("https://"),
      ipAddress: { ipAddressHeaders: ["cf-connecting-ip"] },
    },
    plugins: [bearer()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const instances = new WeakMap<Env, Auth>();

export function getAuth(env: Env): Auth {
  let auth = instances.get(env);
  if (!auth) {
    auth = createAuth(env);
    instances.set(env, auth);
  }
  return auth;
}

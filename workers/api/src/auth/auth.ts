/**
 * Accounts with better-auth: email + password, a session cookie for the web app and bearer session
 * tokens for API clients. Mounted at /v1/auth/*. One instance per env object (not per request).
 */
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { bearer } from "better-auth/plugins";
import { getDb, schema } from "../db";
import { getConfig } from "../platform/config";

function createAuth(env: Env) {
  const config = getConfig(env);
  return betterAuth({
    appName: "studyAI",
    baseURL: config.appUrl,
    basePath: "/v1/auth",
    secret: config.authSecret,
    database: drizzleAdapter(getDb(env.DB), {
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

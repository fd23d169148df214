import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../app";
import { ConfigError, parseConfig } from "./config";

const SECRET = "s".repeat(48);
const METRICS_TOKEN = "m".repeat(32);
const DEV_SECRET = "studyai-local-development-secret-do-not-deploy";

const deployed = (environment: "staging" | "production", overrides: Record<string, string | undefined> = {}) => ({
  ...env,
  ENVIRONMENT: environment,
  BETTER_AUTH_SECRET: SECRET,
  METRICS_TOKEN,
  EMBEDDING_PROVIDER: "workers-ai",
  ...overrides,
});

function configErrorOf(vars: Record<string, unknown>): ConfigError {
  try {
    parseConfig(vars);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("deployed configuration refuses unsafe defaults (issue 13)", () => {
  it.each(["staging", "production"] as const)("%s without METRICS_TOKEN: a config error naming it", (environment) => {
    const error = configErrorOf(deployed(environment, { METRICS_TOKEN: undefined }));
    expect(error.variables).toEqual(["METRICS_TOKEN"]);
    expect(error.message).toMatch(/METRICS_TOKEN is required in staging\/production/);
    expect(configErrorOf(deployed(environment, { METRICS_TOKEN: "  " })).variables).toEqual(["METRICS_TOKEN"]);
  });

  it.each(["staging", "production"] as const)("%s with the development BETTER_AUTH_SECRET: refused by value", (env) => {
    const error = configErrorOf(deployed(env, { BETTER_AUTH_SECRET: DEV_SECRET }));
    expect(error.variables).toEqual(["BETTER_AUTH_SECRET"]);
    expect(error.message).toMatch(/public development value/);
  });

  it("development and test keep working without either", () => {
    expect(parseConfig({ ENVIRONMENT: "development" }).metricsToken).toBeUndefined();
    expect(parseConfig({ ENVIRONMENT: "test", BETTER_AUTH_SECRET: DEV_SECRET }).authSecret).toBe(DEV_SECRET);
    expect(parseConfig(deployed("production")).metricsToken).toBe(METRICS_TOKEN);
  });

  it("production without METRICS_TOKEN serves no metrics, nor anything else: only the problem naming it", async () => {
    const misconfigured = deployed("production", { METRICS_TOKEN: undefined });
    for (const path of ["/metrics", "/health", "/health/ready", "/v1/notebooks"]) {
      const res = await app.request(path, {}, misconfigured);
      expect(res.status, path).toBe(500);
      const body = await res.text();
      expect(body, path).toContain("METRICS_TOKEN");
      expect(body, path).not.toContain("studyai_users");
    }
  });

  it("production with METRICS_TOKEN: /metrics needs the token", async () => {
    const configured = deployed("production");
    expect((await app.request("/metrics", {}, configured)).status).toBe(401);
    const wrong = await app.request("/metrics", { headers: { authorization: "Bearer nope" } }, configured);
    expect(wrong.status).toBe(401);
    const res = await app.request("/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }, configured);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("studyai_users");
  });
});

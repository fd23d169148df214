// Runs in workerd with the other tests: the pure parts of the local stack's api config (PORT, issue 13).
import { describe, expect, it } from "vitest";
import { absolutePaths, builtInto, localDevVars, withModuleLayout, withUploadBurst } from "./local-api-config.mjs";

const vars = (text) =>
  Object.fromEntries(
    text
      .trim()
      .split("\n")
      .map((line) => line.split(/=(.*)/s).slice(0, 2)),
  );

describe("the api Worker's config for a local stack on any port", () => {
  it("PORT=8931 with no .dev.vars: APP_URL and CORS_ORIGINS name http://localhost:8931", () => {
    expect(vars(localDevVars("http://localhost:8931"))).toEqual({
      APP_URL: "http://localhost:8931",
      CORS_ORIGINS: "http://localhost:8931",
    });
  });

  it("keeps the developer's keys and extra origins; a loopback APP_URL on another port follows PORT", () => {
    const developer =
      'OPENAI_API_KEY="sk-test"\nAPP_URL=http://localhost:8787\nCORS_ORIGINS=http://localhost:5173\n# a comment\n';
    expect(vars(localDevVars("http://localhost:8931", developer))).toEqual({
      OPENAI_API_KEY: "sk-test",
      APP_URL: "http://localhost:8931",
      CORS_ORIGINS: "http://localhost:8931,http://localhost:5173",
    });
  });

  it("a public APP_URL the developer chose (a tunnel) is kept, and the local URL is still trusted", () => {
    const out = vars(localDevVars("http://localhost:8931", "APP_URL=https://study.example.dev\n"));
    expect(out.APP_URL).toBe("https://study.example.dev");
    expect(out.CORS_ORIGINS).toBe("http://localhost:8931");
  });

  it("makes wrangler.toml's relative paths absolute (main, migrations, the assets directory)", () => {
    const toml =
      'main = "workers/api/src/index.ts"\n[assets]\ndirectory = "node_modules/x"\n[[d1]]\nmigrations_dir = "migrations"\n';
    const out = absolutePaths(toml, "/repo", (root, value) => `${root}/${value}`);
    expect(out).toContain('main = "/repo/workers/api/src/index.ts"');
    expect(out).toContain('directory = "/repo/node_modules/x"');
    expect(out).toContain('migrations_dir = "/repo/migrations"');
  });

  it("makes [alias] targets absolute and leaves the module names alone", () => {
    const toml = 'main = "a.ts"\n[[d1]]\nmigrations_dir = "m"\n[alias]\n"kysely" = "./stub.ts"\n"x" = "y"\n';
    const out = absolutePaths(toml, "/repo", (root, value) => `${root}/${value}`);
    expect(out).toContain('"kysely" = "/repo/./stub.ts"');
    expect(out).toContain('"x" = "y"');
  });

  it("the e2e stack's lower upload burst changes the top-level UPLOAD_LIMITER only, period kept", () => {
    const toml = [
      '[[ratelimits]]\nname = "ASK_LIMITER"\nnamespace_id = "1002"\nsimple = { limit = 30, period = 60 }',
      '[[ratelimits]]\nname = "UPLOAD_LIMITER"\nnamespace_id = "1003"\nsimple = { limit = 20, period = 10 }',
      '[[env.staging.ratelimits]]\nname = "UPLOAD_LIMITER"\nnamespace_id = "2003"\nsimple = { limit = 20, period = 10 }',
    ].join("\n\n");
    const out = withUploadBurst(toml, 4);
    expect(out).toContain('name = "UPLOAD_LIMITER"\nnamespace_id = "1003"\nsimple = { limit = 4, period = 10 }');
    expect(out).toContain("simple = { limit = 30, period = 60 }");
    expect(out).toContain('namespace_id = "2003"\nsimple = { limit = 20, period = 10 }');
    expect(() => withUploadBurst('name = "ASK_LIMITER"\n', 4)).toThrow(/no top-level UPLOAD_LIMITER/);
    expect(() => withUploadBurst(toml, 0)).toThrow(/positive integer/);
  });

  it("runs the deployed module layout: main replaced, no_bundle and the rules added, [alias] dropped", () => {
    const toml = [
      'name = "studyai-api"',
      'main = "/repo/workers/api/src/index.ts"',
      "",
      "[alias]",
      '"kysely" = "/repo/workers/api/src/auth/no-kysely.ts"',
      "",
      "[vars]",
      'ENVIRONMENT = "development"',
      "",
      "[env.staging]",
      'main = "dist/api/index.js"',
      "",
    ].join("\n");
    const out = withModuleLayout(toml, {
      main: "/repo/dist/api/index.js",
      rules: [{ type: "ESModule", globs: ["**/*.js"] }],
    });
    expect(out).toContain(
      'main = "/repo/dist/api/index.js"\nno_bundle = true\nrules = [{ type = "ESModule", globs = ["**/*.js"] }]',
    );
    expect(out).not.toContain("[alias]");
    expect(out).not.toContain("kysely");
    expect(out).toContain('[vars]\nENVIRONMENT = "development"');
    expect(out).toContain('[env.staging]\nmain = "dist/api/index.js"');
    expect(() =>
      withModuleLayout("name = 'x'\n", { main: "/a.js", rules: [{ type: "ESModule", globs: ["*.js"] }] }),
    ).toThrow();
  });

  it("builds the deployed layout into the check's own directory, not the one a deploy builds and uploads", () => {
    const staging = { main: "/repo/dist/api/index.js", build: { command: "node scripts/build-api.mjs" } };
    const built = builtInto(staging, "/repo/.wrangler/deployed-check-x/api");
    expect(built.main).toBe("/repo/.wrangler/deployed-check-x/api/index.js");
    expect(built.build).toBe('node scripts/build-api.mjs --outdir "/repo/.wrangler/deployed-check-x/api"');
    expect(() => builtInto({ main: staging.main }, "/tmp/x")).toThrow();
  });
});

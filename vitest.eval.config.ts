import path from "node:path";
import { readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// `npm run eval:retrieval` and `npm run bench:search`: measurements in workerd on real local D1, with the
// test bindings (migrations, fixtures); kept out of `vitest run`. They print their figures.
export default defineConfig(async (env) => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  const shared = typeof base === "function" ? await base(env) : base;
  return {
    plugins: shared.plugins,
    test: {
      include: ["bench/**/*.eval.ts"],
      setupFiles: ["./workers/api/test/apply-migrations.ts"],
      isolate: false,
      silent: false,
      testTimeout: 600_000,
      hookTimeout: 600_000,
      env: { MIGRATIONS: String(migrations.length) },
    },
  };
});

import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { bothWorkersInOne } from "./vitest.config";

// `npm run bench:auth`: measurements that run inside workerd like the tests, kept out of `vitest run`.
// (vitest's `bench` mode does not run in the Workers pool, so these are plain tests that print figures.)
// The api and ingest Workers in one, as in the tests (vitest.config.ts says why).
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      main: "./workers/api/test/worker.ts",
      miniflare: bothWorkersInOne(),
    }),
  ],
  test: {
    include: ["bench/**/*.bench.ts"],
    silent: false,
    testTimeout: 120_000,
  },
});

import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// `npm run bench:auth`: measurements that run inside workerd like the tests, kept out of `vitest run`.
// (vitest's `bench` mode does not run in the Workers pool, so these are plain tests that print figures.)
export default defineConfig({
  plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
  test: {
    include: ["bench/**/*.bench.ts"],
    silent: false,
    testTimeout: 120_000,
  },
});

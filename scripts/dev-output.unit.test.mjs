// Runs in workerd with the other tests: what the quiet `npm run dev` shows and hides (issue 15, point 8).
import { describe, expect, it } from "vitest";
import { createOutputFilter, isVerbose, migrationSummary } from "./dev-output.mjs";

const shown = (text) => {
  const out = [];
  const filter = createOutputFilter((line) => out.push(line));
  filter.push(text);
  filter.end();
  return out;
};

describe("the quiet local stack", () => {
  it("hides the request log, bindings and warnings a developer does not act on", () => {
    const noise = [
      "[wrangler:info] Ready on http://127.0.0.1:8961",
      '[studyai-api] {"level":"info","message":"request","status":200}',
      '[studyai-api] {"level":"debug","message":"authenticated"}',
      "[wrangler:info] POST /api/v1/notebooks 201 Created (74ms)",
      "env.API (studyai-api)         Worker        local [connected]",
      "[wrangler:warn] Unable to fetch the `Request.cf` object! Falling back to a default placeholder...",
      "    at GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:123:26)",
    ].join("\n");
    expect(shown(noise)).toEqual([]);
  });

  it("shows errors with their stack, our warn/error logs and 5xx responses", () => {
    const text = [
      "[wrangler:info] GET /api/health 200 OK (12ms)",
      "✘ [ERROR] Uncaught TypeError: x is not a function",
      "    at handler (index.js:10:3)",
      "[wrangler:info] GET /api/v1/notebooks 500 Internal Server Error (3ms)",
      '[studyai-api] {"level":"warn","message":"language model call failed"}',
      '[studyai-api] {"level":"info","message":"request","status":200}',
      "    at not-a-continuation-of-a-shown-line",
    ].join("\n");
    expect(shown(text)).toEqual([
      "✘ [ERROR] Uncaught TypeError: x is not a function",
      "    at handler (index.js:10:3)",
      "[wrangler:info] GET /api/v1/notebooks 500 Internal Server Error (3ms)",
      '[studyai-api] {"level":"warn","message":"language model call failed"}',
    ]);
  });

  it("keeps lines split across chunks whole, and the recent ones for a crash report", () => {
    const out = [];
    const filter = createOutputFilter((line) => out.push(line), 2);
    filter.push("✘ [ERR");
    filter.push("OR] boom\nquiet one\nquiet two");
    filter.end();
    expect(out).toEqual(["✘ [ERROR] boom"]);
    expect(filter.recent()).toEqual(["quiet one", "quiet two"]);
  });

  it("summarises the migrations once, and switches to everything with --verbose or STUDYAI_DEV_VERBOSE", () => {
    const table = "│ 0001_create_accounts.sql │ ✅     │\n├──┤\n│ 0002_create_documents.sql │ ✅     │";
    expect(migrationSummary(table)).toBe("2 migrations applied");
    // wrangler prints the table again after each migration it applies.
    expect(migrationSummary(`${table}\n${table}\n${table}`)).toBe("2 migrations applied");
    expect(migrationSummary("✅ No migrations to apply!")).toBe("database up to date");
    expect(isVerbose(["node", "dev.mjs", "--verbose"], {})).toBe(true);
    expect(isVerbose(["node", "dev.mjs"], { STUDYAI_DEV_VERBOSE: "1" })).toBe(true);
    expect(isVerbose(["node", "dev.mjs"], {})).toBe(false);
  });
});

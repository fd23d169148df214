// A Time Travel bookmark before every remote migration (issue 17.4), against a fake wrangler runner.
import { describe, expect, it } from "vitest";
import { migrateWithBookmark, parseBookmark } from "./migrate.mjs";

const BOOKMARK = "00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683";

function fakeWrangler({ infoCode = 0, applyCode = 0, info = JSON.stringify({ bookmark: BOOKMARK }) } = {}) {
  const commands = [];
  const runner = async (cmd, args) => {
    commands.push(`${cmd} ${args.join(" ")}`);
    if (args.includes("time-travel")) return { code: infoCode, stdout: info, stderr: infoCode ? "auth error" : "" };
    return { code: applyCode, stdout: "", stderr: applyCode ? "migration 0015 failed" : "" };
  };
  return { commands, runner };
}

describe("migrateWithBookmark", () => {
  it("records the bookmark (log and record) before it applies the migrations", async () => {
    const { commands, runner } = fakeWrangler();
    const lines = [];
    const records = [];
    const out = await migrateWithBookmark({
      env: "production",
      runner,
      log: (l) => lines.push(l),
      record: (e) => records.push(e),
      now: () => new Date("2026-12-02T12:00:00Z"),
    });
    expect(commands).toEqual([
      "npx wrangler d1 time-travel info DB --env production --json",
      "npx wrangler d1 migrations apply DB --remote --env production",
    ]);
    expect(out.bookmark).toBe(BOOKMARK);
    expect(lines[0]).toBe(`time-travel bookmark before migrations: ${BOOKMARK} (production, 2026-12-02T12:00:00.000Z)`);
    expect(records).toEqual([
      { env: "production", database: "DB", bookmark: BOOKMARK, at: "2026-12-02T12:00:00.000Z" },
    ]);
  });

  it("no bookmark, no migration: a failed time-travel info stops before anything is applied", async () => {
    const { commands, runner } = fakeWrangler({ infoCode: 1 });
    await expect(migrateWithBookmark({ env: "staging", runner, log: () => {} })).rejects.toThrow(
      /time-travel info failed/,
    );
    expect(commands).toHaveLength(1);
    const garbled = fakeWrangler({ info: "something else" });
    await expect(migrateWithBookmark({ env: "staging", runner: garbled.runner, log: () => {} })).rejects.toThrow(
      /no Time Travel bookmark/,
    );
    expect(garbled.commands).toHaveLength(1);
  });

  it("a failed migration names the restore command with the bookmark", async () => {
    const { runner } = fakeWrangler({ applyCode: 1 });
    await expect(migrateWithBookmark({ env: "production", runner, log: () => {} })).rejects.toThrow(
      `npx wrangler d1 time-travel restore DB --bookmark ${BOOKMARK} --env production`,
    );
  });

  it("reads the bookmark from JSON or from wrangler's sentence", () => {
    expect(parseBookmark(JSON.stringify({ bookmark: BOOKMARK, timestamp: "x" }))).toBe(BOOKMARK);
    expect(parseBookmark(`🚧 Time Traveling...\n⚠️ The current bookmark is '${BOOKMARK}'`)).toBe(BOOKMARK);
  });
});

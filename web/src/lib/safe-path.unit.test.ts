import { describe, expect, it } from "vitest";
import { safePath } from "./safe-path";

describe("safePath", () => {
  it("keeps same-site paths with their query", () => {
    expect(safePath("/notebooks/nb_1?x=1", "/")).toBe("/notebooks/nb_1?x=1");
  });

  it.each([
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example",
    "javascript:alert(1)",
    "notebooks",
    "/a\nb",
    null,
    42,
  ])("refuses %j", (candidate) => {
    expect(safePath(candidate, "/fallback")).toBe("/fallback");
  });
});

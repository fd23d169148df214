import { describe, expect, it } from "vitest";
import { SourceSelection } from "./source-selection.svelte";

describe("SourceSelection", () => {
  it("chooses every source at first, and sends no documentIds while all are chosen", () => {
    const s = new SourceSelection(["a", "b", "c"]);
    expect([s.count, s.total, s.all, s.none]).toEqual([3, 3, true, false]);
    expect(s.documentIds).toBeUndefined();
  });

  it("sends the chosen ones when some are unchecked, and none is a state of its own", () => {
    const s = new SourceSelection(["a", "b", "c"]);
    s.toggle("b", false);
    expect(s.documentIds).toEqual(["a", "c"]);
    s.setAll(false);
    expect([s.none, s.count]).toEqual([true, 0]);
    expect(s.documentIds).toEqual([]);
    s.setAll(true);
    expect(s.all).toBe(true);
  });

  it("chooses a new source as it arrives and forgets a removed one, keeping the student's choices", () => {
    const s = new SourceSelection(["a", "b"]);
    s.toggle("a", false);
    s.sync(["a", "b", "c"]);
    expect(s.documentIds).toEqual(["b", "c"]);
    s.sync(["a", "c"]);
    expect([s.has("a"), s.has("b"), s.has("c"), s.total]).toEqual([false, false, true, 2]);
  });

  it("readyKey moves when a source becomes ready or goes, not when the same list is synced again", () => {
    const s = new SourceSelection(["a", "b"], ["a"]);
    expect(s.readyKey).toBe("a");
    s.sync(["b", "a"], ["a"]);
    expect(s.readyKey).toBe("a");
    s.sync(["a", "b"], ["b", "a"]);
    expect(s.readyKey).toBe("a,b");
    s.sync(["b"], ["b"]);
    expect(s.readyKey).toBe("b");
  });

  it("a failed or rejected source is neither chosen nor counted, and is chosen again once retried", () => {
    const s = new SourceSelection(["a", "b", "c"], ["a", "b"], ["c"]);
    expect([s.has("c"), s.count, s.total, s.unusable, s.all]).toEqual([false, 2, 2, 1, true]);
    expect(s.documentIds).toBeUndefined();
    // A source that fails after it was chosen leaves the choice.
    s.sync(["a", "b", "c"], ["a"], ["b", "c"]);
    expect([s.has("b"), s.count, s.total, s.unusable]).toEqual([false, 1, 1, 2]);
    // Tried again (queued), it is chosen like a new source.
    s.sync(["a", "b", "c"], ["a"], ["c"]);
    expect([s.has("b"), s.count, s.total, s.unusable]).toEqual([true, 2, 2, 1]);
    // Removed, it is no longer counted as unusable either.
    s.sync(["a", "b"], ["a"], []);
    expect([s.count, s.total, s.unusable]).toEqual([2, 2, 0]);
  });
});

import { describe, expect, it } from "vitest";
import { fuseExpanded } from "./concept-expansion";
import type { Passage } from "./types";

const passage = (chunkId: string) => ({ chunkId }) as Passage;
const ids = (list: Passage[]) => list.map((p) => p.chunkId);

describe("fuseExpanded", () => {
  it("keeps the question's own ranking when the expanded retrieval adds nothing new", () => {
    const own = ["a", "b", "c"].map(passage);
    expect(ids(fuseExpanded(own, [], 5))).toEqual(["a", "b", "c"]);
    expect(ids(fuseExpanded(own, ["c", "b", "a"].map(passage), 5))).toEqual(["a", "b", "c"]);
  });

  it("lets a passage both retrievals found rise, and one only the expansion found in after the own ones, within the limit", () => {
    const own = ["a", "b", "c", "d"].map(passage);
    const expanded = ["d", "x"].map(passage);
    expect(ids(fuseExpanded(own, expanded, 5))).toEqual(["d", "a", "b", "c", "x"]);
    expect(ids(fuseExpanded(own, expanded, 3))).toEqual(["d", "a", "b"]);
  });
});

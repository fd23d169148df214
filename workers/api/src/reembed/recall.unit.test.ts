import { describe, expect, it } from "vitest";
import { judgeRecall, questionOf, questionsOf, RECALL_QUESTIONS, recallDepth, sampleChunkIds } from "./recall";

const ids = Array.from({ length: 60 }, (_, i) => `doc_a:${i}`);

describe("re-embed recall check", () => {
  it("samples the same questions for the same job and others for another, at most RECALL_QUESTIONS", () => {
    const a = sampleChunkIds(ids, "rej_1");
    expect(a).toHaveLength(RECALL_QUESTIONS);
    expect(new Set(a).size).toBe(RECALL_QUESTIONS);
    expect(sampleChunkIds([...ids].reverse(), "rej_1")).toEqual(a);
    expect(sampleChunkIds(ids, "rej_2")).not.toEqual(a);
    expect(sampleChunkIds(ids.slice(0, 3), "rej_1")).toHaveLength(3);
  });

  it("asks a chunk's longest sentence, capped, and skips chunks with no words", () => {
    expect(questionOf("Short one. The wing spar failed at the root fitting under load. Ok.")).toBe(
      "The wing spar failed at the root fitting under load.",
    );
    expect(questionOf(Array.from({ length: 40 }, (_, i) => `w${i}`).join(" ")).split(" ")).toHaveLength(24);
    expect(
      questionsOf(
        ["a:0", "a:1"],
        [
          { id: "a:0", text: "  " },
          { id: "a:1", text: "Fuel ran out before the airport." },
        ],
      ),
    ).toEqual([{ chunkId: "a:1", text: "Fuel ran out before the airport." }]);
  });

  it("compares the depth a notebook allows", () => {
    expect([recallDepth(1), recallDepth(8), recallDepth(39), recallDepth(40), recallDepth(5000)]).toEqual([
      1, 2, 9, 10, 10,
    ]);
  });

  it("passes at 90% of the old model's hit@k and fails below, whatever the overlap", () => {
    const questions = Array.from({ length: 10 }, (_, i) => ({ chunkId: `c${i}`, text: "q" }));
    const others = ["x1", "x2", "x3"];
    // Old finds all 10; new finds 9 with none of the old neighbours: passes (a better model may reorder).
    const nine = questions.map((q, i) => ({ old: [q.chunkId, ...others], new: i < 9 ? [q.chunkId] : ["y"] }));
    const pass = judgeRecall(questions, nine, 4);
    expect(pass).toMatchObject({ questions: 10, k: 4, hitOld: 1, hitNew: 0.9, passed: true });
    expect(pass.overlap).toBeCloseTo(0.225, 5);
    const eight = questions.map((q, i) => ({ old: [q.chunkId], new: i < 8 ? [q.chunkId] : ["y"] }));
    expect(judgeRecall(questions, eight, 4)).toMatchObject({ hitNew: 0.8, passed: false });
    expect(judgeRecall([], [], 4).passed).toBe(false);
  });
});

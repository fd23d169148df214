import { describe, expect, it } from "vitest";
import { type LabelBox, labelPriority, placeLabels } from "./label-placement";

const box = (id: string, x: number, y: number, w = 60, h = 14): LabelBox => ({
  id,
  x1: x,
  y1: y,
  x2: x + w,
  y2: y + h,
});

describe("concept map labels", () => {
  it("draws a label only where it meets no label of higher priority", () => {
    const shown = placeLabels([box("heavy", 100, 100), box("under", 130, 105), box("apart", 100, 140)], 390, 500);
    expect([...shown].sort()).toEqual(["apart", "heavy"]);
  });

  it("keeps a gap: labels that touch are not both drawn; a hidden label blocks nothing", () => {
    expect(placeLabels([box("a", 0, 0), box("b", 61, 0)], 390, 500).has("b")).toBe(false);
    expect(placeLabels([box("a", 0, 0), box("b", 63, 0)], 390, 500).has("b")).toBe(true);
    // b is hidden by a; c, which meets only b, is drawn.
    const shown = placeLabels([box("a", 0, 0), box("b", 40, 0), box("c", 90, 0)], 390, 500);
    expect([...shown].sort()).toEqual(["a", "c"]);
  });

  it("a drawn label lies under no other labelled node's circle, and no such circle lies over it", () => {
    const circle = (x: number, y: number, r = 10) => ({ x1: x - r, y1: y - r, x2: x + r, y2: y + r });
    const heavy = { ...box("heavy", 70, 112), body: circle(100, 100) };
    // The label of "under" would be drawn beneath heavy's circle; "over"'s circle would cover heavy's label.
    const under = { ...box("under", 80, 85), body: circle(110, 75) };
    const over = { ...box("over", 150, 150), body: circle(90, 118) };
    const apart = { ...box("apart", 200, 300), body: circle(230, 290) };
    expect([...placeLabels([heavy, under, over, apart], 390, 500)].sort()).toEqual(["apart", "heavy"]);
  });

  it("a label outside the view neither needs room nor takes it", () => {
    const shown = placeLabels([box("off", -100, 10), box("on", 0, 10)], 390, 500);
    expect([...shown].sort()).toEqual(["off", "on"]);
  });

  it("the selected concept comes first, then its neighbours, each group in weight order", () => {
    expect(labelPriority(["a", "b", "c", "d"], "c", new Set(["d", "a"]))).toEqual(["c", "a", "d", "b"]);
    expect(labelPriority(["a", "b"], null, new Set())).toEqual(["a", "b"]);
  });
});

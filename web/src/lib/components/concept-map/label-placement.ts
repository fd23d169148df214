/**
 * Which of the concept map's labels are drawn: at a phone's zoom, 80 labels of readable size cannot all fit,
 * and drawn over each other none is legible. Greedy, in priority order (the selected concept, its
 * neighbours, then the heaviest): a label is drawn when its on-screen box, with a small gap, meets no
 * label already drawn, nor the circle of a node whose label is drawn. A label wholly outside the view is drawn (it is not seen) and blocks nothing. The
 * hidden ones appear as the student zooms in, on a tap (the concept's panel names it in full), and in
 * the list view, which names every concept.
 */

/** A box on screen, in CSS pixels (cytoscape's rendered coordinates). */
export type Box = { x1: number; y1: number; x2: number; y2: number };
/** A concept's label box and the box of its node's circle. */
export type LabelBox = Box & { id: string; body?: Box };

/** Space kept between two drawn labels (px): touching labels read as one line. */
export const LABEL_GAP = 2;

const meets = (a: Box, b: Box, gap: number) =>
  a.x1 < b.x2 + gap && b.x1 < a.x2 + gap && a.y1 < b.y2 + gap && b.y1 < a.y2 + gap;

/**
 * The ids of the labels to draw, from `boxes` in priority order, in a `width` × `height` view. A label's node
 * circle counts too: no drawn label lies under the circle of another labelled node, nor its circle over
 * one (the labelled nodes are drawn above the rest, so an unlabelled circle covers no drawn label).
 */
export function placeLabels(boxes: readonly LabelBox[], width: number, height: number, gap = LABEL_GAP): Set<string> {
  const shown = new Set<string>();
  const labels: Box[] = [];
  const bodies: Box[] = [];
  for (const box of boxes) {
    const visible = box.x2 > 0 && box.y2 > 0 && box.x1 < width && box.y1 < height;
    if (!visible) {
      shown.add(box.id);
      continue;
    }
    if (labels.some((other) => meets(box, other, gap)) || bodies.some((other) => meets(box, other, 0))) continue;
    if (box.body && labels.some((other) => meets(box.body as Box, other, 0))) continue;
    labels.push(box);
    if (box.body) bodies.push(box.body);
    shown.add(box.id);
  }
  return shown;
}

/** The priority order: `selected` first, then its neighbours, then the rest; each group heaviest first. */
export function labelPriority(
  ranked: readonly string[],
  selected: string | null,
  neighbours: ReadonlySet<string>,
): string[] {
  if (!selected) return [...ranked];
  const near = ranked.filter((id) => id !== selected && neighbours.has(id));
  const rest = ranked.filter((id) => id !== selected && !neighbours.has(id));
  return [...(ranked.includes(selected) ? [selected] : []), ...near, ...rest];
}

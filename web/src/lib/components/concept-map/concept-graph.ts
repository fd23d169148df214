/**
 * The mind map's renderer: cytoscape (canvas 2D, so it draws on any phone and in a headless browser
 * without WebGL; sigma.js needs WebGL and shines past thousands of nodes, which a 150-node map is not).
 * Imported only when the map is shown (`import("./concept-graph")`), so it is never in the first-load JS.
 */
import cytoscape from "cytoscape";
import type { ConceptMapDto } from "$schemas/concepts";
import { communityColour } from "./colours";
import { type LabelBox, labelPriority, placeLabels } from "./label-placement";

/** A label's font size and width in graph units (at zoom 1). */
const LABEL_PX = 11;
const LABEL_WIDTH = 120;
/** The on-screen size every label keeps however far the map is zoomed out (WCAG-ish small text, ~12 px). */
const READABLE_PX = 12;
const READABLE_WIDTH = 110;
/** The selected concept's label: its whole name on a phone (the demo's longest, 43 characters in bold 12 px, is ~300 px). */
const SELECTED_WIDTH = 320;

export type ConceptGraphView = { select: (id: string | null) => void; fit: () => void; destroy: () => void };

/** How many labels are drawn, of how many (the rest would overlap them: label-placement.ts). */
export type LabelCount = { shown: number; total: number };

/**
 * Draws `map` into `container`; `onselect` gets the clicked (or tapped) concept's id; `onlabels` hears how
 * many labels are drawn whenever that is worked out again (zoom, pan, resize, a selection).
 */
export function drawConceptGraph(
  container: HTMLElement,
  map: ConceptMapDto,
  onselect: (id: string) => void,
  onlabels: (count: LabelCount) => void = () => {},
): ConceptGraphView {
  // Cytoscape injects a <style> (`position: relative` for its container) unless an element with this id
  // exists; the strict CSP would block that inline style, and `.canvas` sets the position itself.
  if (!document.getElementById("__________cytoscape_stylesheet")) {
    const marker = document.createElement("meta");
    marker.id = "__________cytoscape_stylesheet";
    document.head.appendChild(marker);
  }
  const maxWeight = Math.max(1, ...map.nodes.map((n) => n.weight));
  const cy = cytoscape({
    container,
    elements: [
      ...map.nodes.map((n) => ({
        data: {
          id: n.id,
          label: n.label,
          colour: communityColour(map, n.communityId),
          size: 14 + 30 * Math.sqrt(n.weight / maxWeight),
        },
      })),
      ...map.edges.map((e) => ({
        data: { id: `${e.source}|${e.target}`, source: e.source, target: e.target, width: 0.5 + 3 * e.weight },
      })),
    ],
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(colour)",
          width: "data(size)",
          height: "data(size)",
          label: "data(label)",
          "font-size": (node: cytoscape.NodeSingular) => node.data("fontSize") ?? LABEL_PX,
          "min-zoomed-font-size": 7,
          color: "#111827",
          "text-outline-color": "#ffffff",
          "text-outline-width": 2,
          "text-valign": "bottom",
          "text-margin-y": 3,
          "text-wrap": "ellipsis",
          "text-max-width": (node: cytoscape.NodeSingular) => `${node.data("labelWidth") ?? LABEL_WIDTH}px`,
          "z-index": 1,
        },
      },
      { selector: "edge", style: { width: "data(width)", "line-color": "#cbd5e1", "curve-style": "haystack" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#111827", "font-weight": "bold" } },
      { selector: ".faded", style: { opacity: 0.2 } },
      // The labelled nodes are drawn above the others, so no unlabelled circle covers a drawn label.
      { selector: "node.label-hidden", style: { "text-opacity": 0, "z-index": 0 } },
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 70 },
    minZoom: 0.2,
    maxZoom: 4,
    wheelSensitivity: 0.3,
    boxSelectionEnabled: false,
  });
  cy.on("tap", "node", (event) => onselect(event.target.id()));
  // Fitting 80 nodes into a phone's width zooms far out, where an 11 px label is drawn at a few pixels. Every
  // label keeps a readable on-screen size at any zoom, and those that would overlap one of higher priority
  // are not drawn (label-placement.ts); they appear as the student zooms in.
  const ranked = [...map.nodes].sort((a, b) => b.weight - a.weight).map((n) => n.id);
  let selected: string | null = null;
  // An event or frame may still arrive after destroy (a centring animation's pans): the map is gone, nothing to do.
  const legible = () => {
    if (cy.destroyed()) return;
    const zoom = cy.zoom();
    cy.batch(() => {
      for (const id of ranked) {
        const node = cy.getElementById(id);
        node.data("fontSize", Math.max(LABEL_PX, READABLE_PX / zoom));
        const width = id === selected ? Math.max(LABEL_WIDTH * 2, SELECTED_WIDTH / zoom) : READABLE_WIDTH / zoom;
        node.data("labelWidth", Math.max(LABEL_WIDTH, width));
      }
    });
  };
  let frame = 0;
  const place = () => {
    frame = 0;
    if (cy.destroyed()) return;
    const zoom = cy.zoom();
    const pan = cy.pan();
    const onScreen = (b: cytoscape.BoundingBox12) => ({
      x1: b.x1 * zoom + pan.x,
      y1: b.y1 * zoom + pan.y,
      x2: b.x2 * zoom + pan.x,
      y2: b.y2 * zoom + pan.y,
    });
    const neighbours = new Set<string>();
    if (selected) for (const n of cy.getElementById(selected).neighborhood("node")) neighbours.add(n.id());
    const boxes: LabelBox[] = labelPriority(ranked, selected, neighbours).map((id) => {
      const node = cy.getElementById(id);
      const label = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
      const body = node.boundingBox({ includeNodes: true, includeEdges: false, includeLabels: false });
      return { id, ...onScreen(label), body: onScreen(body) };
    });
    const shown = placeLabels(boxes, container.clientWidth, container.clientHeight);
    cy.batch(() => {
      for (const id of ranked) cy.getElementById(id).toggleClass("label-hidden", !shown.has(id));
    });
    onlabels({ shown: shown.size, total: ranked.length });
  };
  const schedule = () => {
    if (!frame && !cy.destroyed()) frame = requestAnimationFrame(place);
  };
  cy.on("zoom resize", legible);
  cy.on("zoom pan resize layoutstop position", schedule);
  legible();
  place();
  return {
    select(id) {
      if (cy.destroyed()) return;
      selected = id;
      legible();
      schedule();
      cy.elements().removeClass("faded").unselect();
      if (!id) return;
      const node = cy.getElementById(id);
      if (node.empty()) return;
      node.select();
      cy.elements().difference(node.closedNeighborhood()).addClass("faded");
      cy.animate({ center: { eles: node } }, { duration: 200 });
    },
    fit: () => cy.fit(undefined, 20),
    destroy: () => {
      cancelAnimationFrame(frame);
      frame = 0;
      cy.stop(true);
      cy.destroy();
    },
  };
}

/**
 * The mind map's renderer: cytoscape (canvas 2D, so it draws on any phone and in a headless browser
 * without WebGL; sigma.js needs WebGL and shines past thousands of nodes, which a 150-node map is not).
 * Imported only when the map is shown (`import("./concept-graph")`), so it is never in the first-load JS.
 */
import cytoscape from "cytoscape";
import type { ConceptMapDto } from "$schemas/concepts";
import { communityColour } from "./colours";

/** A label's font size and width in graph units (at zoom 1). */
const LABEL_PX = 11;
const LABEL_WIDTH = 120;
/** The on-screen size the heaviest labels keep whatever the zoom (WCAG-ish small text, ~12 px). */
const READABLE_PX = 12;
const READABLE_WIDTH = 110;
/** How many labels keep that size: one per this many pixels of width (22 on a 360 px phone), at least 8. */
const PX_PER_LEAD_LABEL = 16;
const MIN_LEAD_LABELS = 8;

export type ConceptGraphView = { select: (id: string | null) => void; fit: () => void; destroy: () => void };

/** Draws `map` into `container`; `onselect` gets the clicked (or tapped) concept's id. */
export function drawConceptGraph(
  container: HTMLElement,
  map: ConceptMapDto,
  onselect: (id: string) => void,
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
        },
      },
      { selector: "edge", style: { width: "data(width)", "line-color": "#cbd5e1", "curve-style": "haystack" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#111827", "font-weight": "bold" } },
      { selector: ".faded", style: { opacity: 0.2 } },
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 70 },
    minZoom: 0.2,
    maxZoom: 4,
    wheelSensitivity: 0.3,
    boxSelectionEnabled: false,
  });
  cy.on("tap", "node", (event) => onselect(event.target.id()));
  // Fitting 150 nodes into a phone's width zooms far out, where an 11 px label is drawn at a few pixels
  // (or not at all). The heaviest few keep a readable on-screen size at any zoom; the rest appear as the
  // student zooms in (min-zoomed-font-size).
  const ranked = [...map.nodes].sort((a, b) => b.weight - a.weight).map((n) => n.id);
  const legible = () => {
    const zoom = cy.zoom();
    const lead = Math.max(MIN_LEAD_LABELS, Math.round(container.clientWidth / PX_PER_LEAD_LABEL));
    cy.batch(() => {
      ranked.forEach((id, i) => {
        const node = cy.getElementById(id);
        node.data("fontSize", i < lead ? Math.max(LABEL_PX, READABLE_PX / zoom) : LABEL_PX);
        node.data("labelWidth", i < lead ? Math.max(LABEL_WIDTH, READABLE_WIDTH / zoom) : LABEL_WIDTH);
      });
    });
  };
  cy.on("zoom resize", legible);
  legible();
  return {
    select(id) {
      cy.elements().removeClass("faded").unselect();
      if (!id) return;
      const node = cy.getElementById(id);
      if (node.empty()) return;
      node.select();
      cy.elements().difference(node.closedNeighborhood()).addClass("faded");
      cy.animate({ center: { eles: node } }, { duration: 200 });
    },
    fit: () => cy.fit(undefined, 20),
    destroy: () => cy.destroy(),
  };
}

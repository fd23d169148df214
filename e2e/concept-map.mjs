// The concept map flow (issue 16): the study page's map of a notebook, drawn by cytoscape (loaded on
// demand), a tap on a node opening its passages, a passage opening the source viewer at its page, "Ask
// about this" filling the question, the list view of the same data, and a phone-sized screen.
import { copyFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { VIEWPORTS } from "./browser.mjs";
import { assert, assertEqual } from "./harness.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const MORE_REPORTS = ["20071229X02007.pdf", "20080104X00020.pdf", "20080111X00041.pdf"];

const SHOTS = path.join(ROOT, "artifacts", "screenshots");
const DOC_SHOTS = path.join(ROOT, "docs", "screenshots");

/**
 * The map as a student first sees it, at each screen size: the study page loaded at that size, the map's
 * region alone, once its layout has settled. The heaviest labels must be drawn at a readable size (at least
 * 11 px on screen) at that initial zoom, and no drawn label may cover another. With E2E_DOC_SHOTS=1 the pictures are copied to docs/screenshots.
 */
async function shootMapSizes(page, studyUrl, name) {
  for (const [label, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await page.goto(studyUrl);
    const region = page.getByRole("region", { name: "Concept map" });
    await region.locator("[data-concept-canvas] canvas").first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector("[data-concept-canvas]")?._cyreg?.cy?.nodes().length > 0);
    await region.scrollIntoViewIfNeeded();
    await page.waitForTimeout(1000);
    const rendered = await page.evaluate(() => {
      const cy = document.querySelector("[data-concept-canvas]")._cyreg.cy;
      const heaviest = cy.nodes().max((n) => n.data("size")).ele;
      return Number.parseFloat(heaviest.style("font-size")) * cy.zoom();
    });
    assert(
      rendered >= 11,
      `the heaviest label is readable on the ${label} at the initial zoom (${rendered.toFixed(1)} px)`,
    );
    // No drawn label covers another (those that would are hidden: label-placement.ts), the heaviest is drawn.
    const labels = await page.evaluate(() => {
      const container = document.querySelector("[data-concept-canvas]");
      const cy = container._cyreg.cy;
      const heaviest = cy.nodes().max((n) => n.data("size")).ele;
      const view = { w: container.clientWidth, h: container.clientHeight };
      const drawn = cy
        .nodes()
        // Drawn: not hidden, and not below cytoscape's min-zoomed-font-size (7 px on screen), which skips it.
        .filter((n) => !n.hasClass("label-hidden") && Number.parseFloat(n.style("font-size")) * cy.zoom() >= 7)
        .map((n) => n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }))
        .filter((b) => b.x2 > 0 && b.y2 > 0 && b.x1 < view.w && b.y1 < view.h);
      let overlaps = 0;
      drawn.forEach((a, i) => {
        for (const b of drawn.slice(i + 1)) if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps++;
      });
      return { drawn: drawn.length, overlaps, heaviestDrawn: !heaviest.hasClass("label-hidden") };
    });
    assertEqual(labels.overlaps, 0, `pairs of overlapping labels among the ${labels.drawn} drawn on the ${label}`);
    assert(labels.heaviestDrawn, `the heaviest concept's label is drawn on the ${label}`);
    const file = path.join(SHOTS, `concept-map-${name}-${label}.png`);
    await region.screenshot({ path: file });
    if (process.env.E2E_DOC_SHOTS) {
      await mkdir(DOC_SHOTS, { recursive: true });
      await copyFile(file, path.join(DOC_SHOTS, `concept-map-${name}-${label}.png`));
    }
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

/** Polls the map through the web app's proxy (the page's own cookie) until no source is still being mapped. */
async function waitForMap(page, notebookId) {
  for (let i = 0; i < 240; i++) {
    const map = await page.evaluate(async (id) => {
      // The Study panel asks for its 80 heaviest nodes (MAP_NODES in concept-map.svelte): the same map.
      const res = await fetch(`/api/v1/notebooks/${id}/concept-map?limit=80`, {
        headers: { accept: "application/json" },
      });
      return res.ok ? res.json() : null;
    }, notebookId);
    if (map && map.pendingDocuments === 0 && map.nodes.length > 0) return map;
    await page.waitForTimeout(500);
  }
  throw new Error(`the concept map of ${notebookId} was not built`);
}

/** Clicks the map's node `id` where cytoscape drew it (a real pointer event on the canvas). */
async function tapNode(page, id) {
  // The map sits in the Study panel, which scrolls on its own: bring it into view, then centre the node.
  await page.locator("[data-concept-canvas]").scrollIntoViewIfNeeded();
  // The layout may still be settling: wait until the node stops moving before aiming at it.
  await page.waitForFunction(
    async (nodeId) => {
      const cy = document.querySelector("[data-concept-canvas]")?._cyreg?.cy;
      const node = cy?.getElementById(nodeId);
      if (!node || node.empty()) return false;
      const a = node.position();
      const before = { x: a.x, y: a.y };
      await new Promise((r) => setTimeout(r, 250));
      const b = node.position();
      return Math.abs(b.x - before.x) < 0.5 && Math.abs(b.y - before.y) < 0.5;
    },
    id,
    { timeout: 15_000 },
  );
  await page.evaluate((nodeId) => {
    const cy = document.querySelector("[data-concept-canvas]")?._cyreg?.cy;
    const node = cy?.getElementById(nodeId);
    if (node && !node.empty()) cy.center(node);
  }, id);
  const point = await page.evaluate((nodeId) => {
    const container = document.querySelector("[data-concept-canvas]");
    const cy = container?._cyreg?.cy;
    const node = cy?.getElementById(nodeId);
    if (!node || node.empty()) return null;
    const box = container.getBoundingClientRect();
    const at = node.renderedPosition();
    return { x: box.left + at.x, y: box.top + at.y };
  }, id);
  assert(point, `node ${id} is drawn`);
  await page.mouse.click(point.x, point.y);
}

export async function checkConceptMap(page, { notebookUrl, shoot, expectNoSeriousViolations }) {
  const notebookId = notebookUrl.match(/nb_[^/?#]+/)?.[0];
  const map = await waitForMap(page, notebookId);
  await shootMapSizes(page, `${notebookUrl}/study`, "demo");
  await page.goto(`${notebookUrl}/study`);
  const region = page.getByRole("region", { name: "Concept map" });
  await region.waitFor();
  const canvas = region.locator("[data-concept-canvas] canvas").first();
  await canvas.waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector("[data-concept-canvas]")?._cyreg?.cy?.nodes().length > 0);
  assertEqual(
    await page.evaluate(() => document.querySelector("[data-concept-canvas]")._cyreg.cy.nodes().length),
    map.nodes.length,
    "every node of the API's map is drawn",
  );

  // A tap on the heaviest concept opens its passages; the rest of the map fades behind its neighbours.
  const top = map.nodes[0];
  const detail = region.locator("[data-concept-detail]");
  const heading = detail.getByRole("heading", { name: top.label });
  // A real pointer tap; one more if the first landed while the canvas was still being resized.
  await tapNode(page, top.id);
  if (
    !(await heading.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    ))
  )
    await tapNode(page, top.id);
  await heading.waitFor();
  const passage = detail.locator("button[data-passage]").first();
  await passage.waitFor();
  const pageNumber = Number((await passage.textContent())?.match(/p\. (\d+)/)?.[1]);
  assert(pageNumber >= 1, "the passage names its page");
  await expectNoSeriousViolations(page, "concept map");
  await shoot(page, "concept-map");
  await passage.click();
  const viewer = page.getByRole("dialog", { name: new RegExp(`page ${pageNumber}$`) });
  await viewer.waitFor();
  await page.keyboard.press("Escape");
  await viewer.waitFor({ state: "hidden" });

  // The list view holds the same concepts, grouped by community, usable by keyboard.
  await region.getByRole("button", { name: "List", exact: true }).click();
  const list = region.locator("[data-concept-list]");
  await list.waitFor();
  // Only the first three communities start unfolded: open the rest, as a student would to find a concept.
  await list.locator("details:not([open])").evaluateAll((groups) => {
    for (const group of groups) group.setAttribute("open", "");
  });
  assertEqual(await list.locator("button.concept").count(), map.nodes.length, "the list shows every node");
  const second = map.nodes[1];
  const item = list.getByRole("button", {
    name: new RegExp(`^${second.label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
  });
  await item.first().focus();
  await page.keyboard.press("Enter");
  await detail.getByRole("heading", { name: second.label }).waitFor();
  await expectNoSeriousViolations(page, "concept list");
  await shoot(page, "concept-list");

  // "Ask about this" hands the question to the conversation: the box is filled in and focused.
  await detail.locator("button[data-ask]").click();
  const box = page.getByLabel("Your question");
  await page.waitForFunction(() => {
    const field = document.querySelector("textarea[name=question]");
    return field instanceof HTMLTextAreaElement && field.value.length > 0 && document.activeElement === field;
  });
  const question = await box.inputValue();
  assert(question.includes(second.label), `the question names the concept (got "${question}")`);
  return map;
}

/** A new notebook holding `reports` (NTSB fixtures), uploaded through the proxy with the page's cookie. */
export async function notebookOfReports(page, base, title, reports) {
  await page.goto(`${base}/notebooks`);
  const notebookId = await page.evaluate(async (title) => {
    const res = await fetch("/api/v1/notebooks", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ title }),
    });
    return (await res.json()).id;
  }, title);
  const files = await Promise.all(
    reports.map(async (name) => ({
      name,
      base64: (await readFile(path.join(ROOT, "workers/api/test/fixtures/ntsb", name))).toString("base64"),
    })),
  );
  const statuses = await page.evaluate(
    async ({ id, files }) => {
      const out = [];
      for (const f of files) {
        const form = new FormData();
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        form.set("file", new File([bytes], f.name, { type: "application/pdf" }));
        // The upload burst limit may still be full from an earlier flow: wait out its Retry-After.
        for (let attempt = 0; ; attempt++) {
          const res = await fetch(`/api/v1/notebooks/${id}/documents`, { method: "POST", body: form });
          if (res.status !== 429 || attempt >= 10) {
            out.push(res.status);
            break;
          }
          await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get("retry-after") ?? 5)));
        }
      }
      return out;
    },
    { id: notebookId, files },
  );
  assert(
    statuses.every((s) => s === 202),
    `reports accepted (${statuses.join(", ")})`,
  );
  return notebookId;
}

/** A notebook of several reports; its map is screenshotted at both sizes. */
export async function checkMultiDocumentMap(page, { base, shoot }) {
  const notebookId = await notebookOfReports(page, base, "Four NTSB reports", ["20080102X00002.pdf", ...MORE_REPORTS]);
  const map = await waitForMap(page, notebookId);
  await page.goto(`${base}/notebooks/${notebookId}/study`);
  await page.locator("[data-concept-canvas] canvas").first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector("[data-concept-canvas]")?._cyreg?.cy?.nodes().length > 0);
  const citedDocuments = new Set(map.nodes.flatMap((n) => n.citations.map((c) => c.documentId)));
  assert(citedDocuments.size === 4, `the map cites all four reports (${citedDocuments.size})`);
  assert(map.communities.length >= 2, `several communities (${map.communities.length})`);
  await shoot(page, "concept-map-multi");
  await shootMapSizes(page, `${base}/notebooks/${notebookId}/study`, "multi");
}

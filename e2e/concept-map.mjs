// The concept map flow (issue 16): the study page's map of a notebook, drawn by cytoscape (loaded on
// demand), a tap on a node opening its passages, a passage opening the source viewer at its page, "Ask
// about this" filling the question, the list view of the same data, and a phone-sized screen.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { assert, assertEqual } from "./harness.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const MORE_REPORTS = ["20071229X02007.pdf", "20080104X00020.pdf", "20080111X00041.pdf"];

/** Polls the map through the web app's proxy (the page's own cookie) until no source is still being mapped. */
async function waitForMap(page, notebookId) {
  for (let i = 0; i < 240; i++) {
    const map = await page.evaluate(async (id) => {
      const res = await fetch(`/api/v1/notebooks/${id}/concept-map`, { headers: { accept: "application/json" } });
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

/** A notebook of several reports, uploaded through the proxy; its map is screenshotted at both sizes. */
export async function checkMultiDocumentMap(page, { base, shoot }) {
  await page.goto(`${base}/notebooks`);
  const notebookId = await page.evaluate(async () => {
    const res = await fetch("/api/v1/notebooks", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ title: "Four NTSB reports" }),
    });
    return (await res.json()).id;
  });
  const files = await Promise.all(
    ["20080102X00002.pdf", ...MORE_REPORTS].map(async (name) => ({
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
  const map = await waitForMap(page, notebookId);
  await page.goto(`${base}/notebooks/${notebookId}/study`);
  await page.locator("[data-concept-canvas] canvas").first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector("[data-concept-canvas]")?._cyreg?.cy?.nodes().length > 0);
  const citedDocuments = new Set(map.nodes.flatMap((n) => n.citations.map((c) => c.documentId)));
  assert(citedDocuments.size === 4, `the map cites all four reports (${citedDocuments.size})`);
  assert(map.communities.length >= 2, `several communities (${map.communities.length})`);
  await shoot(page, "concept-map-multi");
}

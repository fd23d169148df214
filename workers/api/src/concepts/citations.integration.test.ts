/**
 * On real documents (the ten NTSB reports in one notebook): every node of the map cites pages that
 * contain the node's label or a merged variant of it, and every variant really is the same concept
 * (the same key, or its defined acronym).
 */

import { describe, expect, it } from "vitest";
import { contentOfNotebook } from "../../test/content-of";
import { bearer, call, createNotebook, fixture, fixtureNames, signUp, uploadFile } from "../../test/helpers";
import { conceptKey } from "./concept-key";
import { getConcept, getMap, waitForConcepts } from "./concept-test-helpers";

const squash = (s: string) => s.replace(/\s+/g, " ").toLowerCase();

describe("concept map of the NTSB reports", () => {
  it("cites, for every node, pages that contain its label or a merged variant", { timeout: 240_000 }, async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth, "NTSB");
    const ids: string[] = [];
    for (const name of fixtureNames("ntsb")) {
      const res = await uploadFile(auth, notebookId, fixture(name), name.split("/")[1] ?? name, "application/pdf");
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: string }).id);
    }
    for (const id of ids) await waitForConcepts(auth, id, 180_000);

    const map = await getMap(auth, notebookId);
    expect(map.nodes.length).toBe(150);
    expect(map.edges.length).toBeGreaterThan(50);
    expect(map.communities.length).toBeGreaterThan(1);
    const nodeIds = new Set(map.nodes.map((n) => n.id));
    expect(map.edges.every((e) => nodeIds.has(e.source) && nodeIds.has(e.target))).toBe(true);

    const pages = new Map<string, string>();
    const pageText = async (documentId: string, page: number) => {
      const key = `${documentId}#${page}`;
      if (!pages.has(key)) {
        const res = await call(`/v1/documents/${documentId}/pages/${page}`, { headers: auth });
        expect(res.status).toBe(200);
        pages.set(key, squash(((await res.json()) as { text: string }).text));
      }
      return pages.get(key) as string;
    };
    let checked = 0;
    for (const node of map.nodes) {
      const detail = await getConcept(auth, node.id);
      const row = await (await contentOfNotebook(notebookId))
        .prepare("SELECT key, acronym FROM concept WHERE id = ?1")
        .bind(node.id)
        .first<{ key: string; acronym: string | null }>();
      // Every variant is the concept itself: its key, or its acronym (possibly plural).
      for (const alias of detail.aliases) {
        const same =
          conceptKey(alias) === row?.key ||
          alias.replace(/s$/, "") === row?.acronym ||
          conceptKey(alias, "en") === row?.key;
        expect(same, `${alias} in ${node.label}`).toBe(true);
      }
      const label = node.label.replace(/ \([A-Z0-9&]+\)$/, "");
      const variants = [label, ...detail.aliases, ...(row?.acronym ? [row.acronym] : [])].map(squash);
      expect(node.citations.length).toBeGreaterThan(0);
      for (const citation of node.citations) {
        expect(ids).toContain(citation.documentId);
        expect(citation.chunkId.startsWith(`${citation.documentId}:`)).toBe(true);
        const text = await pageText(citation.documentId, citation.page);
        expect(
          variants.some((v) => text.includes(v)),
          `${node.label} on ${citation.documentId} p.${citation.page}`,
        ).toBe(true);
        checked++;
      }
    }
    console.log(
      `checked ${checked} citations of ${map.nodes.length} nodes; top: ${map.nodes
        .slice(0, 12)
        .map((n) => n.label)
        .join(", ")}`,
    );
    console.log(`communities: ${map.communities.map((c) => c.label).join(" | ")}`);
  });
});

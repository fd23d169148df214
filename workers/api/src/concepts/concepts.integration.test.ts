import { describe, expect, it } from "vitest";
import { contentOfNotebook, rowsAnywhere } from "../../test/content-of";
import { bearer, call, createNotebook, signUp } from "../../test/helpers";
import { addText, getConcept, getMap, nodeLabelled, pageCounts, pairCounts } from "./concept-test-helpers";

const FAA_REPORT = [
  "The Federal Aviation Administration (FAA) inspected the airplane after the accident.",
  "The FAA inspector found a crack in the fuel line near the left engine.",
  "The fuel line leaked fuel onto the left engine during the flight.",
  "The pilot reported a fire in the left engine and landed the airplane.",
  "The pilot told the FAA that the fuel line had been replaced a month earlier.",
  "A mechanic had replaced the fuel line, and the pilot trusted the mechanic.",
].join(" ");

const WEATHER_NOTE = [
  "The weather station recorded strong crosswinds at the airport.",
  "Strong crosswinds made the landing difficult for the pilot.",
  "The weather station reported gusts of 30 knots and strong crosswinds.",
  "The FAA publishes guidance on crosswinds for student pilots.",
].join(" ");

describe("concept map", () => {
  it("builds a cited map of a document, merging a defined acronym with its long form", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth, "Accident");
    const documentId = await addText(auth, notebookId, "FAA report", FAA_REPORT);
    const map = await getMap(auth, notebookId);
    expect(map.pendingDocuments).toBe(0);
    const faa = nodeLabelled(map, "Federal Aviation Administration");
    expect(faa?.label).toBe("Federal Aviation Administration (FAA)");
    // No separate "FAA" node: the acronym's mentions are the long form's.
    expect(map.nodes.filter((n) => n.label === "FAA")).toEqual([]);
    const fuelLine = nodeLabelled(map, "fuel line");
    const engine = nodeLabelled(map, "left engine");
    expect(fuelLine && engine).toBeTruthy();
    expect(fuelLine?.citations[0]).toMatchObject({ documentId, page: 1, chunkId: `${documentId}:0` });
    // Sentence co-occurrence relates the fuel line and the left engine.
    const related = map.edges.find(
      (e) => [e.source, e.target].includes(fuelLine?.id ?? "") && [e.source, e.target].includes(engine?.id ?? ""),
    );
    expect(related?.weight).toBeGreaterThan(0);
    expect(map.nodes.map((n) => n.weight)).toEqual([...map.nodes.map((n) => n.weight)].sort((a, b) => b - a));
    // The default map is the stored snapshot; a larger limit reads live: both say the same.
    const snapshot = await (await contentOfNotebook(notebookId))
      .prepare("SELECT snapshot FROM concept_map WHERE notebook_id = ?1")
      .bind(notebookId)
      .first<string | null>("snapshot");
    expect(JSON.parse(snapshot ?? "{}").nodes?.length).toBe(map.nodes.length);
    const live = await getMap(auth, notebookId, "?limit=151");
    const byPair = (edges: typeof map.edges) =>
      [...edges].sort((a, b) => `${a.source}${a.target}`.localeCompare(`${b.source}${b.target}`));
    expect(live.nodes).toEqual(map.nodes);
    expect(byPair(live.edges)).toEqual(byPair(map.edges));
    expect(live.communities).toEqual(map.communities);

    const detail = await getConcept(auth, faa?.id ?? "");
    expect(detail.aliases).toEqual(expect.arrayContaining(["Federal Aviation Administration", "FAA"]));
    expect(detail.weight).toBe(3);
    expect(detail.passages[0]).toMatchObject({ documentId, documentTitle: "FAA report", page: 1 });
    expect(detail.passages[0]?.text).toContain("Federal Aviation Administration (FAA)");
  });

  it("merges a new document into the map and removes what only a deleted one mentioned", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth, "Two sources");
    const first = await addText(auth, notebookId, "FAA report", FAA_REPORT);
    const before = await getMap(auth, notebookId);
    const second = await addText(auth, notebookId, "Weather", WEATHER_NOTE);
    const after = await getMap(auth, notebookId);
    expect(after.contentVersion).toBeGreaterThan(before.contentVersion);

    // "FAA" alone in the second document joins the concept the first one defined.
    const faa = nodeLabelled(after, "Federal Aviation Administration");
    expect(faa?.weight).toBe((nodeLabelled(before, "Federal Aviation Administration")?.weight ?? 0) + 1);
    expect(new Set(faa?.citations.map((c) => c.documentId))).toEqual(new Set([first, second]));
    const crosswinds = nodeLabelled(after, "crosswinds");
    expect(crosswinds?.citations.every((c) => c.documentId === second)).toBe(true);

    // The pair counts the graph sums were kept incrementally, the cross-document acronym merge included.
    const added = await pairCounts(notebookId);
    expect(added.stored.length).toBeGreaterThan(10);
    expect(added.stored).toEqual(added.recounted);
    const addedPages = await pageCounts(notebookId);
    expect(addedPages.stored).toEqual(addedPages.recounted);

    // Limited to the second document: only what it mentions, cited there.
    const onlySecond = await getMap(auth, notebookId, `?documentIds=${second}`);
    expect(onlySecond.nodes.flatMap((n) => n.citations).every((c) => c.documentId === second)).toBe(true);
    expect(nodeLabelled(onlySecond, "fuel line")).toBeUndefined();

    const res = await call(`/v1/documents/${second}`, { method: "DELETE", headers: auth });
    expect(res.status).toBe(204);
    const deleted = await getMap(auth, notebookId);
    expect(nodeLabelled(deleted, "crosswinds")).toBeUndefined();
    expect(nodeLabelled(deleted, "Federal Aviation Administration")?.weight).toBe(
      nodeLabelled(before, "Federal Aviation Administration")?.weight,
    );
    expect(deleted.contentVersion).toBeGreaterThan(after.contentVersion);
    // Nothing of the deleted document is left: no mentions, no concept only it mentioned.
    const orphans = await (await contentOfNotebook(notebookId))
      .prepare(
        `SELECT count(*) AS n FROM concept c WHERE c.notebook_id = ?1
       AND NOT EXISTS (SELECT 1 FROM concept_mention m WHERE m.concept_id = c.id)`,
      )
      .bind(notebookId)
      .first<number>("n");
    expect(orphans).toBe(0);
    // Deleting the document took its pair counts with it: what is left is the first document's recount.
    const kept = await pairCounts(notebookId);
    expect(kept.stored).toEqual(kept.recounted);
    const keptPages = await pageCounts(notebookId);
    expect(keptPages.stored.length).toBeGreaterThan(5);
    expect(keptPages.stored).toEqual(keptPages.recounted);
    expect(
      await rowsAnywhere(notebookId, "SELECT count(*) AS n FROM concept_pair WHERE document_id = ?1", second),
    ).toBe(0);
    expect(
      await rowsAnywhere(notebookId, "SELECT count(*) AS n FROM concept_mention WHERE document_id = ?1", second),
    ).toBe(0);
    expect((await call(`/v1/concepts/${crosswinds?.id}`, { headers: auth })).status).toBe(404);
  });

  it("keeps pair counts exact when an acronym written before its definition is merged", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth, "Merged later");
    // The weather note writes "FAA" without defining it; the report, added after, defines it.
    await addText(auth, notebookId, "Weather", WEATHER_NOTE);
    await addText(auth, notebookId, "FAA report", FAA_REPORT);
    const map = await getMap(auth, notebookId);
    expect(map.nodes.filter((n) => n.label === "FAA")).toEqual([]);
    const faa = nodeLabelled(map, "Federal Aviation Administration");
    expect(new Set(faa?.citations.map((c) => c.page))).toEqual(new Set([1]));
    expect(faa?.weight).toBe(4);
    const { stored, recounted } = await pairCounts(notebookId);
    expect(stored.some((p) => p.pair.includes(faa?.id ?? "-"))).toBe(true);
    expect(stored).toEqual(recounted);
    const pages = await pageCounts(notebookId);
    expect(pages.stored).toEqual(pages.recounted);
  });

  it("logs every extraction step with its counts", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth, "Logged");
    const documentId = await addText(auth, notebookId, "FAA report", FAA_REPORT);
    const { results } = await (await contentOfNotebook(notebookId))
      .prepare("SELECT step, method, counts, error FROM concept_extraction_log WHERE document_id = ?1 ORDER BY id")
      .bind(documentId)
      .all<{ step: string; method: string; counts: string; error: string | null }>();
    expect(results.map((r) => [r.step, r.method, r.error])).toEqual([
      ["concepts: pages 1-100", "offline-en", null],
      ["concepts: graph", "graph", null],
    ]);
    expect(JSON.parse(results[0]?.counts ?? "{}")).toMatchObject({ pages: 1 });
    expect(JSON.parse(results[0]?.counts ?? "{}").mentions).toBeGreaterThan(10);
  });

  it("answers 422 for an invalid limit or document id list", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth, "Bad input");
    for (const query of ["?limit=0", "?limit=100000", "?documentIds=a%20b"]) {
      const res = await call(`/v1/notebooks/${notebookId}/concept-map${query}`, { headers: auth });
      expect(res.status, query).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });
});

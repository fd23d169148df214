// `npm run eval:concepts`: how much of the top of the concept map is junk, on hand-labelled sets. Each set
// is ingested into its own notebook through the real pipeline (upload → Workflow → concept steps), the map's
// TOP heaviest nodes are read, and every node label is looked up in bench/concepts/labels.json: "junk"
// (form fields and their values, generic words, fragments — the rules are in bench/concepts/README.md) or
// "ok". A label in neither list is printed as unlabelled: the figure counts only when that list is empty.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ConceptMapDto } from "../../schemas/concepts";
import { addText, getMap, waitForConcepts } from "../../workers/api/src/concepts/concept-test-helpers";
import { bearer, createNotebook, fixture, fixtureNames, signUp, uploadFile } from "../../workers/api/test/helpers";
import labels from "./labels.json";

/** The nodes judged: what a student sees first (the map's initial view shows about this many labels). */
const TOP = 40;
/** The Spanish set's first characters only: the constitution's first titles, ~20 pages of text. */
const ES_CHARACTERS = 60_000;

type SetName = keyof typeof labels.sets;
type Source = { pdfs?: string[]; text?: { title: string; file: string; characters?: number } };

const ntsb = () => fixtureNames("ntsb");
const SETS: Record<SetName, () => Source> = {
  "ntsb-10": () => ({ pdfs: ntsb() }),
  "ntsb-1": () => ({ pdfs: ntsb().slice(0, 1) }),
  "pt-gravidez": () => ({ text: { title: "Gravidez", file: "pt-wikipedia-gravidez.txt" } }),
  "es-constitucion": () => ({
    text: { title: "Constitución", file: "es-constitucion-mexico.txt", characters: ES_CHARACTERS },
  }),
};

const normal = (label: string) => label.toLowerCase().replace(/\s+/g, " ").trim();

async function buildSet(source: Source): Promise<ConceptMapDto | null> {
  const auth = bearer(await signUp("Evaluator"));
  const notebookId = await createNotebook(auth, "Concept quality");
  if (source.pdfs) {
    const ids: string[] = [];
    for (const name of source.pdfs) {
      const res = await uploadFile(auth, notebookId, fixture(name), name.split("/")[1] ?? name, "application/pdf");
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: string }).id);
    }
    for (const id of ids) await waitForConcepts(auth, id, 300_000);
  } else if (source.text) {
    const raw = env.CONCEPT_EVAL_DOCUMENTS?.[source.text.file];
    if (!raw) return null;
    let text = raw;
    if (source.text.characters && text.length > source.text.characters) {
      text = text.slice(0, text.lastIndexOf("\n", source.text.characters));
    }
    await addText(auth, notebookId, source.text.title, text);
  }
  return getMap(auth, notebookId, `?limit=${TOP}`);
}

describe("concept map quality", () => {
  it("counts junk among the top nodes of every labelled set", { timeout: 1_200_000 }, async () => {
    const results: Record<string, unknown> = {};
    let unlabelledTotal = 0;
    for (const [name, source] of Object.entries(SETS) as Array<[SetName, () => Source]>) {
      const map = await buildSet(source());
      if (!map) {
        results[name] = { skipped: "document missing: run `node bench/concepts/fetch-docs.mjs`" };
        continue;
      }
      const { junk, ok } = labels.sets[name];
      const junkSet = new Set(junk.map(normal));
      const okSet = new Set(ok.map(normal));
      const top = map.nodes.slice(0, TOP).map((n) => n.label);
      const junkFound = top.filter((l) => junkSet.has(normal(l)));
      const unlabelled = top.filter((l) => !junkSet.has(normal(l)) && !okSet.has(normal(l)));
      unlabelledTotal += unlabelled.length;
      results[name] = {
        nodes: top.length,
        junk: junkFound.length,
        junkShare: Number((junkFound.length / Math.max(1, top.length)).toFixed(3)),
        junkLabels: junkFound,
        unlabelled,
        top,
      };
    }
    console.log(`CONCEPT_QUALITY ${JSON.stringify(results)}`);
    // Every judged node has a label: an unlabelled one means labels.json needs a human look, not a guess.
    expect(unlabelledTotal, "unlabelled nodes (printed above): label them in bench/concepts/labels.json").toBe(0);
  });
});

/**
 * Global questions over the concept map, without a model: "what are the main themes?" is answered from the
 * map's communities, every line citing a sentence that is on the page it names; a local question is not.
 * The concepts a question names are found by its word runs' keys (concepts/question-concepts.ts), no tagger.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bearer, call, createNotebook, jsonBody, signUp } from "../../test/helpers";
import { addText } from "../concepts/concept-test-helpers";
import { contentOf } from "../content/content-db";
import { neighbourLabels } from "./concept-expansion";
import { relationAnswer } from "./graph-answers";

const REPORT = [
  "The cracked fuel line leaked fuel onto the left engine during the flight.",
  "The leaking fuel line caused a fire in the left engine.",
  "The pilot saw the fire in the left engine and landed the airplane on the runway.",
  "The pilot reported the fire in the left engine to the tower.",
  "The weather station recorded strong crosswinds at the airport.",
  "Strong crosswinds made the landing on the runway difficult for the pilot.",
].join(" ");

type Answer = { mode: string; answer: string; citations: Array<{ documentId: string; page: number; quote: string }> };

async function ask(auth: Record<string, string>, notebookId: string, question: string): Promise<Answer> {
  const req = jsonBody({ question });
  const res = await call(`/v1/notebooks/${notebookId}/ask`, {
    method: "POST",
    body: req.body,
    headers: { ...req.headers, ...auth },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Answer;
}

describe("answers over the concept map", () => {
  it("answers a themes question from the communities, each quote on its cited page", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth, "Themes");
    await addText(auth, notebookId, "Report", REPORT);
    const answer = await ask(auth, notebookId, "What are the main themes of this material?");
    expect(answer.mode).toBe("extractive");
    expect(answer.answer.startsWith("- ")).toBe(true);
    expect(answer.citations.length).toBeGreaterThanOrEqual(1);
    for (const c of answer.citations) {
      const res = await call(`/v1/documents/${c.documentId}/pages/${c.page}`, { headers: auth });
      const page = ((await res.json()) as { text: string }).text.replace(/\s+/g, " ");
      expect(page).toContain(c.quote);
    }
    const local = await ask(auth, notebookId, "What leaked onto the left engine?");
    expect(local.answer.startsWith("- ")).toBe(false);
  });

  it("finds the concepts a question names by the keys of its word runs: map neighbours, and a path between two", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth, "Relations");
    await addText(auth, notebookId, "Report", REPORT);
    const { raw } = await contentOf(env, notebookId);
    const neighbours = await neighbourLabels(raw, notebookId, "What happened to the left engine?");
    expect(neighbours.length).toBeGreaterThan(0);
    expect(neighbours.map((l) => l.toLowerCase())).not.toContain("left engine");
    expect(await neighbourLabels(raw, notebookId, "Nothing here names a thing of it?")).toEqual([]);
    const answer = await relationAnswer(raw, env.DB, notebookId, "the fuel line", "the pilot");
    expect(answer?.citations.length).toBeGreaterThanOrEqual(1);
    expect(answer?.text.toLowerCase()).toContain("fuel line");
    expect(await relationAnswer(raw, env.DB, notebookId, "the moon", "the pilot")).toBeNull();
  });
});

import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import type { StudyGuideDto } from "../../../../../schemas/study";
import { call, type DocumentBody, waitForTerminal } from "../../../test/helpers";
import { postJson, resetModels, studentWithNotes, useNoModel, useScriptedModel } from "../../../test/study-helpers";

afterEach(() => resetModels());

const GUIDE = (title: string) =>
  JSON.stringify({
    title,
    overview: "How cells make energy and proteins.",
    keyConcepts: [
      { name: "Cellular respiration", explanation: "Mitochondria make ATP from glucose and oxygen.", sources: [1] },
      { name: "Made up", explanation: "Cites a source it was never given.", sources: [9] },
    ],
    definitions: [{ term: "Ribosome", definition: "Builds proteins by translating mRNA.", sources: [1, 1] }],
    likelyQuestions: [{ question: "What does the nucleus hold?", answer: "The cell's DNA.", sources: [1] }],
  });

async function guide(auth: Record<string, string>, notebookId: string) {
  const res = await call(`/v1/notebooks/${notebookId}/guide`, { method: "POST", headers: auth });
  return { status: res.status, res, body: (await res.json()) as StudyGuideDto };
}

describe("study guide", () => {
  it("is generated with citations, served from the cache, and regenerated after a document change", async () => {
    const { auth, notebookId, documents } = await studentWithNotes();
    const { prompts } = useScriptedModel([GUIDE("Cells, first edition"), GUIDE("Cells, second edition")]);

    const first = await guide(auth, notebookId);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ title: "Cells, first edition", cached: false, model: { provider: "test" } });
    expect(first.body.keyConcepts.map((k) => k.name)).toEqual(["Cellular respiration"]);
    expect(first.body.definitions[0]?.citations).toEqual([
      expect.objectContaining({ documentId: documents[0]?.id, documentTitle: "Biology", pageStart: 1 }),
    ]);
    expect(first.body.likelyQuestions).toHaveLength(1);

    const again = await guide(auth, notebookId);
    expect(again.body).toMatchObject({ title: "Cells, first edition", cached: true });
    expect(again.body.contentVersion).toBe(first.body.contentVersion);
    expect(prompts).toHaveLength(1);

    // A new document bumps the notebook's content version: the cached guide is stale.
    const added = await postJson(`/v1/notebooks/${notebookId}/documents`, auth, {
      title: "Genetics",
      text: "Genes are segments of DNA that code for proteins.",
    });
    expect((await waitForTerminal(auth, ((await added.json()) as DocumentBody).id)).status).toBe("ready");
    const fresh = await guide(auth, notebookId);
    expect(fresh.body).toMatchObject({ title: "Cells, second edition", cached: false });
    expect(fresh.body.contentVersion).toBeGreaterThan(first.body.contentVersion);
    expect(prompts).toHaveLength(2);
    expect(prompts[1]).toContain("Genetics");

    // Removing a document makes it stale too; without a model the stale guide is not served.
    useNoModel();
    expect((await call(`/v1/documents/${documents[0]?.id}`, { method: "DELETE", headers: auth })).status).toBe(204);
    const gone = await guide(auth, notebookId);
    expect(gone.status).toBe(503);
    expect(gone.res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("serves a cached guide without a model or quota, and answers 503 when there is none", async () => {
    const { user, auth, notebookId } = await studentWithNotes();
    useNoModel();
    expect((await guide(auth, notebookId)).status).toBe(503);
    useScriptedModel([GUIDE("Cells")]);
    expect((await guide(auth, notebookId)).body.cached).toBe(false);
    useNoModel();
    expect((await guide(auth, notebookId)).body).toMatchObject({ title: "Cells", cached: true });
    const used = await env.DB.prepare(
      "SELECT sum(used) AS n FROM quota_counter WHERE user_id = ? AND metric = 'generations'",
    )
      .bind(user.userId)
      .first<{ n: number }>();
    expect(used?.n).toBe(1);
  });

  it("is made from the chosen documents only, cached for that choice; another choice makes a new one", async () => {
    const { auth, notebookId, documents } = await studentWithNotes([
      { title: "Biology", text: "Mitochondria make ATP from glucose and oxygen in cellular respiration." },
      { title: "Geology", text: "Plates move over the asthenosphere; subduction builds volcanoes and mountains." },
    ]);
    const [biology, geology] = documents.map((d) => d.id);
    const { prompts } = useScriptedModel([GUIDE("Geology only"), GUIDE("Both sources")]);
    const chosen = (ids?: string[]) =>
      postJson(`/v1/notebooks/${notebookId}/guide`, auth, ids ? { documentIds: ids } : {}).then(async (res) => ({
        status: res.status,
        body: (await res.json()) as StudyGuideDto,
      }));

    const one = await chosen([geology as string]);
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(one.body).toMatchObject({ title: "Geology only", cached: false, documentIds: [geology] });
    expect(prompts[0]).toContain("Geology");
    expect(prompts[0]).not.toContain("Biology");
    expect(one.body.keyConcepts[0]?.citations.every((c) => c.documentId === geology)).toBe(true);

    // The same choice again (duplicates ignored): the cached guide, no model call.
    expect((await chosen([geology as string, geology as string])).body).toMatchObject({ cached: true });
    expect(prompts).toHaveLength(1);

    // Every source (no body, as before): not the geology guide.
    const all = await guide(auth, notebookId);
    expect(all.body).toMatchObject({ title: "Both sources", cached: false, documentIds: null });
    expect(prompts[1]).toContain("Biology");
    expect(prompts[1]).toContain("Geology");

    // A document of no notebook of this student's is refused in place, nothing generated.
    const foreign = await chosen(["doc_not_here", biology as string]);
    expect(foreign.status).toBe(422);
    expect(JSON.stringify(foreign.body)).toContain("documentIds.0");
    expect(prompts).toHaveLength(2);
  });
});

/**
 * The model path at the provider seam (a scripted mock model): typed relations are kept only when their
 * quoted words are in the chunk, summaries only when they cite their own community's passages; usage is
 * recorded; a rebuilt graph keeps what still holds; with the budget spent, nothing is asked and nothing faked.
 */

import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { contentOfNotebook } from "../../test/content-of";
import { bearer, createNotebook, signUp } from "../../test/helpers";
import { resetModels, useScriptedModel } from "../../test/study-helpers";
import { recordUsage } from "../usage/usage.store";
import { addText, getMap } from "./concept-test-helpers";

const REPORT = [
  "The mechanic replaced the fuel line before the flight.",
  "The cracked fuel line leaked fuel onto the left engine during the flight.",
  "The leaking fuel line caused a fire in the left engine.",
  "The pilot saw the fire in the left engine and landed the airplane on the runway.",
  "The pilot reported the fire in the left engine to the tower.",
  "The tower sent the fire truck to the runway.",
].join(" ");

type Pair = { n: number; first: string; second: string };

/** The pairs a relations prompt offered: <source-TOKEN id="n" first="…" second="…" …>. */
function pairsOf(prompt: string): Pair[] {
  return [...prompt.matchAll(/id=\\"(\d+)\\" first=\\"([^"\\]+)\\" second=\\"([^"\\]+)\\"/g)].map((m) => ({
    n: Number(m[1]),
    first: m[2] as string,
    second: m[3] as string,
  }));
}

const has = (p: Pair, a: string, b: string) =>
  [p.first, p.second].some((x) => x.toLowerCase().includes(a)) &&
  [p.first, p.second].some((x) => x.toLowerCase().includes(b));

/** Relations: the true one for fuel line / left engine, an invented quote for pilot / fire; summaries: one own, one stolen. */
function reply(prompt: string): string {
  if (prompt.includes("Type the relation")) {
    const relations = pairsOf(prompt).map((p) => {
      if (has(p, "fuel line", "left engine")) {
        const firstIsLine = p.first.toLowerCase().includes("fuel line");
        return {
          pair: p.n,
          relation: "causes",
          subject: firstIsLine ? "first" : "second",
          quote: "fuel line caused a fire in the left engine",
        };
      }
      if (has(p, "pilot", "fire"))
        return { pair: p.n, relation: "causes", subject: "first", quote: "the pilot started the fire" };
      return { pair: p.n, relation: null, subject: "first", quote: "" };
    });
    return JSON.stringify({ relations });
  }
  return JSON.stringify({
    summaries: [
      { community: 1, summary: "A leaking fuel line set the left engine on fire.", sources: [1] },
      { community: 2, summary: "Borrowed words.", sources: [1] },
    ],
  });
}

afterEach(() => resetModels());

describe("concept map with a model", () => {
  it("keeps relations whose quoted words are in the chunk and summaries citing their own passages", async () => {
    const { prompts } = useScriptedModel([reply], "scripted", { background: true });
    const user = await signUp();
    const auth = bearer(user);
    const notebookId = await createNotebook(auth, "Fire");
    const documentId = await addText(auth, notebookId, "Report", REPORT);
    const log = await (await contentOfNotebook(notebookId))
      .prepare("SELECT counts, error FROM concept_extraction_log WHERE document_id = ?1 AND step = 'concepts: model'")
      .bind(documentId)
      .first<{ counts: string; error: string | null }>();
    expect(log?.error).toBeNull();
    const counts = JSON.parse(log?.counts ?? "{}");
    // Every pair naming a fuel line and the left engine is typed; pilot / fire is dropped (invented words).
    expect(counts.relationsTyped).toBeGreaterThanOrEqual(1);
    expect(counts.relationsDropped).toBeGreaterThanOrEqual(1);
    expect(prompts.length).toBeGreaterThanOrEqual(2);

    const map = await getMap(auth, notebookId);
    const labelOf = new Map(map.nodes.map((n) => [n.id, n.label.toLowerCase()]));
    const typed = map.edges.filter((e) => e.relation);
    expect(typed.length).toBe(counts.relationsTyped);
    for (const edge of typed) {
      expect(edge.relation).toBe("causes");
      expect(labelOf.get(edge.relationFrom ?? "")).toContain("fuel line");
      const other = edge.relationFrom === edge.source ? edge.target : edge.source;
      expect(labelOf.get(other)).toContain("left engine");
      expect(edge.evidence).toEqual({
        chunkId: `${documentId}:0`,
        quote: "fuel line caused a fire in the left engine",
      });
    }

    const summarised = map.communities.filter((c) => c.summary);
    expect(counts.communitiesAsked).toBeGreaterThanOrEqual(1);
    expect(counts.summaries).toBe(1);
    expect(summarised).toHaveLength(1);
    expect(summarised[0]?.summary).toBe("A leaking fuel line set the left engine on fire.");
    for (const c of summarised) expect(c.citations?.[0]?.documentId).toBe(documentId);
    expect(summarised.map((c) => c.summary)).not.toContain("Borrowed words.");

    const usage = await env.DB.prepare(
      "SELECT count(*) AS n FROM usage_event WHERE user_id = ?1 AND kind = 'generation' AND notebook_id = ?2",
    )
      .bind(user.userId, notebookId)
      .first<number>("n");
    expect(usage).toBe(prompts.length);

    // Another document rebuilds the graph: the relation, whose chunk still exists, stays; the pair is not asked again.
    const asked = prompts.length;
    await addText(auth, notebookId, "Note", "The tower logged the fire truck. The runway closed for an hour.");
    const after = await getMap(auth, notebookId);
    const kept = (e: (typeof typed)[number]) =>
      after.edges.find((x) => x.source === e.source && x.target === e.target)?.evidence;
    expect(typed.map(kept)).toEqual(typed.map((e) => e.evidence));
    const typedLabels = typed.map((e) => [labelOf.get(e.source), labelOf.get(e.target)].sort().join(" / "));
    const askedAgain = prompts
      .slice(asked)
      .flatMap(pairsOf)
      .map((x) => [x.first.toLowerCase(), x.second.toLowerCase()].sort().join(" / "));
    expect(askedAgain.filter((p) => typedLabels.includes(p))).toEqual([]);
  });

  it("asks nothing and invents nothing once the AI budget is spent", async () => {
    const { prompts } = useScriptedModel([reply], "scripted", { background: true });
    const user = await signUp();
    const auth = bearer(user);
    const notebookId = await createNotebook(auth, "Broke");
    // $1,000 of answers this month: far past any plan's allowance. The suite shares one database and the
    // deployment's monthly budget sums every user's spend, so the row is removed again whatever happens:
    // left behind, it exhausts the budget for every later test that calls a model.
    try {
      await recordUsage(env.DB, {
        userId: user.userId,
        kind: "answer",
        provider: "openai",
        model: "gpt-4.1-mini",
        inputTokens: Math.round(1000e6 / 0.4),
      });
      const documentId = await addText(auth, notebookId, "Report", REPORT);
      const log = await (await contentOfNotebook(notebookId))
        .prepare("SELECT counts, error FROM concept_extraction_log WHERE document_id = ?1 AND step = 'concepts: model'")
        .bind(documentId)
        .first<{ counts: string; error: string | null }>();
      expect(log?.error).toMatch(/^skipped: /);
      expect(prompts).toHaveLength(0);
      const map = await getMap(auth, notebookId);
      expect(map.edges.some((e) => e.relation)).toBe(false);
      expect(map.communities.some((c) => c.summary)).toBe(false);
    } finally {
      await env.DB.prepare("DELETE FROM usage_event WHERE user_id = ?1").bind(user.userId).run();
    }
  });
});

// Issue 13: the AI budget is one global sum today, so a few free accounts can move every tenant to the
// cheaper model and then to none, and embeddings are not guarded at all. Now each user has a monthly
// allowance by plan under the deployment's budget, paid embeddings included.
import { env } from "cloudflare:workers";
import { MockLanguageModelV4 } from "ai/test";
import { afterEach, describe, expect, it } from "vitest";
import { bearer, call, createNotebook, jsonBody, signUp, waitForTerminal } from "../../test/helpers";
import { postJson, resetModels, studentWithNotes, useScriptedModel } from "../../test/study-helpers";
import { overrideEmbedderForTests } from "../embeddings/embedder";
import { HashingEmbedder } from "../embeddings/hashing-embedder";
import { type ChatModel, chatModels, overrideChatModelsForTests } from "../models/chat-model";
import { PLANS } from "./plans";
import { recordUsage } from "./usage.store";

afterEach(() => {
  resetModels();
  overrideEmbedderForTests(undefined);
});

const openai: ChatModel = { model: new MockLanguageModelV4(), provider: "openai", modelId: "gpt-4.1-mini" };
const workersAi: ChatModel = { model: new MockLanguageModelV4(), provider: "workers-ai", modelId: "llama" };

/** Records `usd` of gpt-4.1-mini use for `userId` (null: no user) at `at`. */
const spend = (userId: string | null, usd: number, at = new Date()) =>
  recordUsage(env.DB, {
    userId,
    kind: "answer",
    provider: "openai",
    model: "gpt-4.1-mini",
    inputTokens: Math.round((usd * 1e6) / 0.4),
    at,
  });

const providers = async (userId: string | null, now: Date) =>
  (await chatModels(env, { userId, now })).chain.map((m) => m.provider);

/** A paid embedder (priced like OpenAI's) with the local embedder's vectors, counting its calls. */
function paidEmbedder() {
  const local = new HashingEmbedder();
  const calls: number[] = [];
  overrideEmbedderForTests({
    model: "openai/text-embedding-3-small",
    dimensions: local.dimensions,
    maxBatch: local.maxBatch,
    embed: async (texts) => {
      calls.push(texts.length);
      return local.embed(texts);
    },
  });
  return calls;
}

async function addText(auth: Record<string, string>, notebookId: string, text: string) {
  const req = jsonBody({ title: "Notes", text });
  const res = await call(`/v1/notebooks/${notebookId}/documents`, {
    method: "POST",
    body: req.body,
    headers: { ...req.headers, ...auth },
  });
  expect(res.status).toBe(202);
  return waitForTerminal(auth, ((await res.json()) as { id: string }).id);
}

describe("per-user AI allowance under the deployment budget (issue 13)", () => {
  it("GET /v1/usage shows this month's spend against the plan's allowance", async () => {
    const student = await signUp();
    const before = (await (await call("/v1/usage", { headers: bearer(student) })).json()) as {
      aiAllowance: { usedUsd: number; limitUsd: number; resetsAt: string };
    };
    expect(before.aiAllowance).toMatchObject({ usedUsd: 0, limitUsd: PLANS.free.aiMonthlyUsd });
    await spend(student.userId, 0.05);
    const after = (await (await call("/v1/usage", { headers: bearer(student) })).json()) as typeof before;
    expect(after.aiAllowance.usedUsd).toBeCloseTo(0.05, 3);
    expect(new Date(after.aiAllowance.resetsAt).getUTCDate()).toBe(1);
  });

  it("one free user past 80% / 100% of their allowance gets the cheaper model / none; others keep theirs", async () => {
    overrideChatModelsForTests([openai, workersAi]);
    // A month of its own, so other tests' usage does not count.
    const now = new Date("2034-02-10T12:00:00Z");
    const heavy = await signUp();
    const light = await signUp();
    const pro = await signUp();
    await env.DB.prepare("INSERT INTO user_plan (user_id, plan) VALUES (?, 'pro')").bind(pro.userId).run();
    expect(PLANS.free.aiMonthlyUsd).toBe(1);

    await spend(heavy.userId, 0.85, now);
    expect(await providers(heavy.userId, now)).toEqual(["workers-ai", "openai"]);
    expect(await providers(light.userId, now)).toEqual(["openai", "workers-ai"]);

    await spend(heavy.userId, 0.15, now);
    const refused = await chatModels(env, { userId: heavy.userId, now });
    expect(refused.chain).toEqual([]);
    expect(refused.reason?.status).toBe(429);
    expect(refused.reason?.type).toMatch(/ai-allowance-exhausted$/);
    expect(refused.reason?.detail).toMatch(/free plan includes \$1\.00 of AI use per month.*2034-03-01/);
    expect(refused.reason?.headers["retry-after"]).toBe(String((Date.UTC(2034, 2, 1) - now.getTime()) / 1000));
    expect(await providers(light.userId, now)).toEqual(["openai", "workers-ai"]);
    await spend(pro.userId, 5, now);
    expect(await providers(pro.userId, now)).toEqual(["openai", "workers-ai"]);

    // The deployment's budget still stops everyone (503), whoever spent it.
    await spend(null, 59, now);
    const deployment = await chatModels(env, { userId: light.userId, now });
    expect(deployment.chain).toEqual([]);
    expect(deployment.reason?.status).toBe(503);
  });

  it("over their allowance a student's generation is a 429 problem and their question answered extractively; another student generates", async () => {
    const heavy = await studentWithNotes();
    const other = await studentWithNotes();
    useScriptedModel([
      JSON.stringify({ cards: [{ front: "What makes ATP?", back: "Mitochondria", source: 1, page: 1 }] }),
    ]);
    await spend(heavy.user.userId, 1);

    const refused = await postJson(`/v1/notebooks/${heavy.notebookId}/flashcards/generate`, heavy.auth, { count: 1 });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { type: string }).type).toMatch(/ai-allowance-exhausted$/);
    const asked = await postJson(`/v1/notebooks/${heavy.notebookId}/ask`, heavy.auth, {
      question: "What do mitochondria produce?",
    });
    expect(asked.status).toBe(200);
    expect(((await asked.json()) as { mode: string }).mode).toBe("extractive");

    const generated = await postJson(`/v1/notebooks/${other.notebookId}/flashcards/generate`, other.auth, {
      count: 1,
    });
    expect(generated.status, await generated.clone().text()).toBe(201);
  });

  it("paid embeddings are guarded too: past the allowance ingestion stops failed (retryable) and search falls back to keywords", async () => {
    const calls = paidEmbedder();
    const heavy = await signUp();
    const other = await signUp();
    const heavyAuth = bearer(heavy);
    const heavyNotebook = await createNotebook(heavyAuth);
    const otherNotebook = await createNotebook(bearer(other));
    const notes = "Mitochondria produce ATP through cellular respiration.\n\nChloroplasts capture light.";

    expect((await addText(heavyAuth, heavyNotebook, notes)).status).toBe("ready");
    await spend(heavy.userId, 1);
    const before = calls.length;
    const refused = await addText(heavyAuth, heavyNotebook, `${notes}\n\nRibosomes build proteins.`);
    expect(refused.status).toBe("failed");
    expect(refused.error?.code).toBe("ai_allowance_exhausted");
    expect(refused.error?.message).toMatch(/allowance|AI use per month/);
    expect(calls.length).toBe(before);

    const search = await postJson(`/v1/notebooks/${heavyNotebook}/search`, heavyAuth, { query: "ATP" });
    expect(search.status).toBe(200);
    const found = (await search.json()) as { mode: string; fallbackReason?: string; results: unknown[] };
    expect(found.mode).toBe("keyword");
    expect(found.fallbackReason).toMatch(/allowance/i);
    expect(found.results.length).toBeGreaterThan(0);
    expect(calls.length).toBe(before);

    // Another user of the same deployment embeds as usual, and pays for it in their own usage.
    expect((await addText(bearer(other), otherNotebook, notes)).status).toBe("ready");
    expect(calls.length).toBeGreaterThan(before);
    const events = await env.DB.prepare(
      "SELECT count(*) AS n FROM usage_event WHERE user_id = ? AND kind = 'embedding' AND provider = 'openai'",
    )
      .bind(other.userId)
      .first<{ n: number }>();
    expect(events?.n).toBeGreaterThan(0);
  });
});

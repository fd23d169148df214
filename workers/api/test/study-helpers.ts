/**
 * Study-tool test helpers: a scripted language model at the provider seam (the `ai` SDK's
 * MockLanguageModelV4 behind `overrideChatModelsForTests`), and a notebook with ready text documents.
 */
import { MockLanguageModelV4 } from "ai/test";
import { overrideChatModelsForTests } from "../src/models/chat-model";
import { bearer, call, createNotebook, type DocumentBody, jsonBody, signUp, waitForTerminal } from "./helpers";

/** A reply: raw text (JSON or not), an error to throw, or text built from the prompt the model got. */
export type Reply = string | Error | ((prompt: string) => string);

/**
 * Installs a model answering with `replies` in order (the last one repeats); returns its call log. With
 * `background`, ingestion Workflows (the concept map's model step) use it too.
 */
export function useScriptedModel(replies: Reply[], modelId = "scripted", { background = false } = {}) {
  const prompts: string[] = [];
  const model = new MockLanguageModelV4({
    provider: "test",
    modelId,
    doGenerate: async (options) => {
      const prompt = JSON.stringify(options.prompt);
      prompts.push(prompt);
      const reply = replies[Math.min(prompts.length - 1, replies.length - 1)];
      if (reply instanceof Error) throw reply;
      const text = typeof reply === "function" ? reply(prompt) : (reply ?? "");
      return {
        content: [{ type: "text", text }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: {
          inputTokens: { total: 1000, noCache: 1000, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 200, text: 200, reasoning: undefined },
        },
        warnings: [],
      };
    },
  });
  overrideChatModelsForTests([{ model, provider: "test", modelId }], { background });
  return { prompts, model };
}

export function useNoModel() {
  overrideChatModelsForTests([]);
}

export function resetModels() {
  overrideChatModelsForTests(undefined);
}

/** Source numbers the prompt offered: <source-TOKEN id="n" …>. */
export function sourceNumbers(prompt: string): number[] {
  return [...prompt.matchAll(/<source-k[0-9a-z]+ id=\\"(\d+)\\"/g)].map((m) => Number(m[1]));
}

export const BIOLOGY = [
  "Mitochondria are the powerhouse of the cell. They produce ATP through cellular respiration, which uses oxygen and glucose.",
  "Photosynthesis happens in the chloroplasts. Light energy is converted into chemical energy stored in glucose.",
  "The nucleus holds the cell's DNA. Ribosomes build proteins by translating messenger RNA.",
].join("\n\n");

/** A signed-up student with a notebook holding ready text documents. */
export async function studentWithNotes(
  texts: { title: string; text: string }[] = [{ title: "Biology", text: BIOLOGY }],
) {
  const user = await signUp();
  const auth = bearer(user);
  const notebookId = await createNotebook(auth, "Biology");
  const documents: DocumentBody[] = [];
  for (const doc of texts) {
    const req = jsonBody(doc);
    const res = await call(`/v1/notebooks/${notebookId}/documents`, {
      method: "POST",
      body: req.body,
      headers: { ...req.headers, ...auth },
    });
    if (res.status !== 202) throw new Error(`document: ${res.status} ${await res.text()}`);
    const ready = await waitForTerminal(auth, ((await res.json()) as DocumentBody).id);
    if (ready.status !== "ready") throw new Error(`document not ready: ${JSON.stringify(ready.error)}`);
    documents.push(ready);
  }
  return { user, auth, notebookId, documents };
}

export async function postJson(path: string, auth: Record<string, string>, body: unknown, method = "POST") {
  const req = jsonBody(body);
  return call(path, { method, body: req.body, headers: { ...req.headers, ...auth } });
}

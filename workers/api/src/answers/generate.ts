/**
 * Model calls through the `ai` SDK over the chain from `chatModels`: the answer itself (streamed, citations
 * validated on the fly) and the standalone rewrite of follow-up questions. A retryable provider error (429,
 * 5xx) before any text was sent moves on to the next model; anything else ends the chain and the caller
 * falls back to the extractive answer (the chain is walked by the model seam, models/calls.ts). Every
 * completed call records a usage event there.
 */
import { generateText, streamText } from "ai";
import { type ModelCallContext, recordModelCall, runChain } from "../models/calls";
import type { ChatModel } from "../models/chat-model";
import { createCitationStream } from "./citations";
import type { AnswerPrompt } from "./prompt";
import { isFollowUp, rewriteFollowUp } from "./rewrite";
import type { Citation, ThreadTurn } from "./types";

/** Long enough for a cited paragraph or a short list; bounds cost and latency. */
export const MAX_OUTPUT_TOKENS = 800;
const MAX_REWRITE_TOKENS = 100;

export type CallContext = ModelCallContext & { notebookId: string; signal: AbortSignal };

export type Generated = {
  text: string;
  citations: Citation[];
  provider: string;
  model: string;
  modelMs: number;
  /** The stream broke (or the client left) after text was sent: what was sent stands. */
  partial: boolean;
};

/** Streams an answer from the first model of `chain` that works; undefined when none produced any text. */
export async function generateAnswer(
  ctx: CallContext,
  chain: readonly ChatModel[],
  prompt: AnswerPrompt,
  onText: (delta: string) => void,
): Promise<Generated | undefined> {
  const result = await runChain(
    chain,
    async (m) => {
      const started = Date.now();
      const citations = createCitationStream(prompt.sources);
      let text = "";
      const emit = (delta: string) => {
        if (!delta) return;
        text += delta;
        onText(delta);
      };
      const done = (partial: boolean): Generated => ({
        text,
        citations: citations.citations(),
        provider: m.provider,
        model: m.modelId,
        modelMs: Date.now() - started,
        partial,
      });
      try {
        const streamed = streamText({
          model: m.model,
          system: prompt.system,
          messages: prompt.messages,
          maxOutputTokens: MAX_OUTPUT_TOKENS,
          abortSignal: ctx.signal,
          maxRetries: 0,
        });
        for await (const part of streamed.fullStream) {
          if (part.type === "text-delta") emit(citations.push(part.text));
          else if (part.type === "error") throw part.error;
          else if (part.type === "abort") throw new DOMException("client disconnected", "AbortError");
        }
        emit(citations.flush());
        const usage = await streamed.usage;
        await recordModelCall(ctx.env, ctx.log, {
          userId: ctx.userId,
          notebookId: ctx.notebookId,
          kind: "answer",
          provider: m.provider,
          model: m.modelId,
          inputTokens: usage.inputTokens ?? 0,
          outputTokens: usage.outputTokens ?? 0,
          latencyMs: Date.now() - started,
        });
        if (text.trim()) return done(false);
        ctx.log.warn("model returned no text", { provider: m.provider, model: m.modelId });
        return undefined;
      } catch (err) {
        // Text already sent stands: the answer ends there, marked partial.
        if (!text) throw err;
        ctx.log.warn("model stream broke after text was sent", { provider: m.provider, error: String(err) });
        emit(citations.flush());
        return done(true);
      }
    },
    { env: ctx.env, log: ctx.log, purpose: "answer", signal: ctx.signal },
  );
  return result.ok ? result.value : undefined;
}

const REWRITE_SYSTEM = `Rewrite the student's last question into one standalone search query that needs no earlier context: replace pronouns and references with what they point to in the earlier questions. Keep the question's language. Reply with the query only.`;

/**
 * The query to retrieve with. Questions that stand alone are used as they are; follow-ups are rewritten by the
 * first model of the chain when there is one (usage kind "rewrite"), else (or when it fails) heuristically.
 */
export async function standaloneQuery(
  ctx: CallContext,
  chain: readonly ChatModel[],
  history: readonly ThreadTurn[],
  question: string,
): Promise<string> {
  if (!history.length || !isFollowUp(question)) return question;
  const heuristic = rewriteFollowUp(history, question);
  const m = chain[0];
  if (!m) return heuristic;
  const started = Date.now();
  try {
    const earlier = history
      .slice(-3)
      .map((turn, i) => `${i + 1}. ${turn.standalone ?? turn.question}`)
      .join("\n");
    const result = await generateText({
      model: m.model,
      system: REWRITE_SYSTEM,
      prompt: `Earlier questions:\n${earlier}\n\nLast question: ${question}`,
      maxOutputTokens: MAX_REWRITE_TOKENS,
      abortSignal: ctx.signal,
      maxRetries: 0,
    });
    await recordModelCall(ctx.env, ctx.log, {
      userId: ctx.userId,
      notebookId: ctx.notebookId,
      kind: "rewrite",
      provider: m.provider,
      model: m.modelId,
      inputTokens: result.usage.inputTokens ?? 0,
      outputTokens: result.usage.outputTokens ?? 0,
      latencyMs: Date.now() - started,
    });
    const rewritten = result.text.replace(/\s+/g, " ").trim();
    return rewritten && rewritten.length <= 1_000 ? rewritten : heuristic;
  } catch (err) {
    ctx.log.warn("follow-up rewrite failed", { provider: m.provider, error: String(err) });
    return heuristic;
  }
}

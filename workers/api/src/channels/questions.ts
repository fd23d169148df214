/**
 * A question by message, answered by the web's own code: `beginAsk` (notebook, thread, the daily questions
 * quota) and `answerQuestion` (retrieval, the model chain or the extractive answer, usage events for every
 * model call, the thread and the cache), with handlers that only collect. The reply is the answer in chat
 * markup with its citations ("[1] Title, p. 12 — link to the viewer"), split to the provider's size.
 */
import { answerQuestion, beginAsk } from "../answers/ask";
import { Problem } from "../platform/problem";
import { detectLanguage } from "../retrieval/language";
import { updateContact } from "./channels.store";
import type { ChannelLanguage } from "./commands";
import { type LinkedContext, say } from "./context";
import { answerText, splitMessage } from "./format";
import { currentNotebook, listNotebooksReply } from "./study";
import type { OutboundMessage } from "./types";

/** A model that has not finished by then gives way to the reply the student is waiting for. */
const ANSWER_TIMEOUT_MS = 60_000;
const MAX_QUESTION = 2000;

export async function answerByMessage(ctx: LinkedContext, question: string): Promise<OutboundMessage[]> {
  const notebook = await currentNotebook(ctx);
  if (!notebook) return listNotebooksReply(ctx);
  const detected = detectLanguage(question);
  // The channel's own messages exist in en/pt/es only (channel_contact.language): a French question keeps the
  // contact's language for them; the answer itself is in French (the ask path detects the question's language).
  const lang: ChannelLanguage = detected === "other" || detected === "fr" ? ctx.lang : detected;
  if (lang !== ctx.contact.language) await updateContact(ctx.env.DB, ctx.contact.id, { language: lang });
  const input = { question: question.slice(0, MAX_QUESTION) };
  let prepared: Awaited<ReturnType<typeof beginAsk>>;
  try {
    const threadId = ctx.contact.threadId ?? undefined;
    prepared = await beginAsk(ctx.env, ctx.log, ctx.userId, notebook.id, { ...input, threadId }).catch((err) => {
      // The thread was deleted on the web: start a new one.
      if (threadId && err instanceof Problem && err.status === 404) {
        return beginAsk(ctx.env, ctx.log, ctx.userId, notebook.id, input);
      }
      throw err;
    });
  } catch (err) {
    if (err instanceof Problem && err.status === 429) return [say({ lang }, "questionsQuota")];
    throw err;
  }
  const answer = await answerQuestion(prepared, { start() {}, text() {} }, AbortSignal.timeout(ANSWER_TIMEOUT_MS));
  if (answer.threadId !== ctx.contact.threadId) {
    await updateContact(ctx.env.DB, ctx.contact.id, { threadId: answer.threadId });
  }
  const text = answerText(answer.answer, answer.citations, { appUrl: ctx.appUrl, notebookId: notebook.id, lang });
  return splitMessage(text, ctx.textLimit).map((part) => ({ kind: "text", text: part }));
}

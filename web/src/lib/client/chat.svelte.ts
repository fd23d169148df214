/**
 * The notebook chat: the AI SDK's `AbstractChat` (stream parsing, message assembly) with Svelte 5 state,
 * talking to POST /api/v1/notebooks/{id}/ask through a `DefaultChatTransport`.
 *
 * Why not `Chat` from @ai-sdk/svelte? Its only release for ai 7 (5.0.118) pins `ai` to exactly 7.0.118 while
 * the project is on a later 7.x, so the browser would load two copies of `ai`; its Chat is this same
 * ten-line state class over `AbstractChat`, so we keep one `ai` and write the state here.
 */
import { AbstractChat, type ChatState, type ChatStatus, DefaultChatTransport } from "ai";
import { type AnswerMessage, threadIdOf } from "$lib/answers";

class SvelteChatState implements ChatState<AnswerMessage> {
  messages = $state<AnswerMessage[]>([]);
  status = $state<ChatStatus>("ready");
  error = $state<Error | undefined>(undefined);
  pushMessage = (message: AnswerMessage) => {
    this.messages.push(message);
  };
  popMessage = () => {
    this.messages.pop();
  };
  replaceMessage = (index: number, message: AnswerMessage) => {
    this.messages[index] = message;
  };
  snapshot = <T>(thing: T): T => $state.snapshot(thing) as T;
}

/** Why the last request failed: status, Retry-After and the problem type (its text is not shown raw). */
export type AskFailure = { status: number; retryAfter: number | null; type: string };

async function failureOf(response: Response): Promise<AskFailure> {
  let type = "";
  try {
    const body: unknown = await response.clone().json();
    if (body && typeof body === "object" && "type" in body) type = String(body.type);
  } catch {
    // Not problem+json: the status says enough.
  }
  return { status: response.status, retryAfter: retryAfterSeconds(response.headers.get("retry-after")), type };
}

export class NotebookChat extends AbstractChat<AnswerMessage> {
  /** The thread follow-up questions belong to; set by the first answer's metadata, or by opening one. */
  threadId = $state<string | undefined>(undefined);
  failure = $state<AskFailure | null>(null);

  /** `documentIds`: the sources chosen when a question is sent (undefined: all of them). */
  constructor(notebookId: string, documentIds: () => string[] | undefined = () => undefined) {
    const state = new SvelteChatState();
    // The callbacks below are arrow functions: they use `this` only when called, after super() has run.
    const transport = new DefaultChatTransport<AnswerMessage>({
      api: `/api/v1/notebooks/${encodeURIComponent(notebookId)}/ask`,
      credentials: "same-origin",
      headers: { accept: "text/event-stream" },
      // The API takes the question and the thread, not the whole conversation: history lives server-side.
      prepareSendMessagesRequest: ({ messages }) => {
        const last = messages.at(-1);
        const question = last?.parts.map((part) => (part.type === "text" ? part.text : "")).join("") ?? "";
        const body: { question: string; threadId?: string; documentIds?: string[] } = { question };
        if (this.threadId) body.threadId = this.threadId;
        const chosen = documentIds();
        if (chosen) body.documentIds = chosen;
        return { body };
      },
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        this.failure = response.ok ? null : await failureOf(response);
        return response;
      },
    });
    super({
      transport,
      state,
      onFinish: ({ message }) => {
        const id = threadIdOf(message);
        if (id) this.threadId = id;
      },
    });
  }

  /** Shows another thread (or a new, empty one with `undefined`). */
  open(threadId: string | undefined, messages: AnswerMessage[] = []) {
    this.threadId = threadId;
    this.failure = null;
    this.clearError();
    this.messages = messages;
  }
}

function retryAfterSeconds(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

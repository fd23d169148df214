/** Threads and their messages. Every read is scoped by owner: another tenant's thread is simply absent. */
import { and, asc, desc, eq, lt, or } from "drizzle-orm";
import type { ThreadDetailDto, ThreadDto } from "../../../../schemas/answers";
import type { AnswerMode, ThreadRow, ThreadTitleSource } from "../../../../schemas/db";
import { type Db, schema } from "../db";
import { newId } from "../platform/ids";
import type { Cursor } from "../platform/pagination";
import { notFound } from "../platform/problem";
import type { Citation, ThreadTurn } from "./types";

const { thread, threadMessage } = schema;
const TITLE_LENGTH = 80;

export function toThreadDto(row: ThreadRow): ThreadDto {
  return {
    id: row.id,
    notebookId: row.notebookId,
    title: row.title,
    titleSource: row.titleSource,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function createThread(db: Db, input: { notebookId: string; ownerId: string; question: string }) {
  const now = new Date();
  const title = input.question.replace(/\s+/g, " ").trim();
  const [row] = await db
    .insert(thread)
    .values({
      id: newId("thr", now.getTime()),
      notebookId: input.notebookId,
      ownerId: input.ownerId,
      title: title.length > TITLE_LENGTH ? `${title.slice(0, TITLE_LENGTH - 1)}…` : title,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error("thread insert returned no row");
  return row;
}

/** The caller's thread, or a 404 identical to a missing one. */
export async function getOwnedThread(db: Db, ownerId: string, threadId: string) {
  const row = await db.query.thread.findFirst({ where: and(eq(thread.id, threadId), eq(thread.ownerId, ownerId)) });
  if (!row) throw notFound(`Thread ${threadId}`);
  return row;
}

/** A notebook's threads, the most recently active first (the cursor carries `updatedAt`). */
export async function listThreads(db: Db, notebookId: string, limit: number, after?: Cursor) {
  const afterCursor = after
    ? or(
        lt(thread.updatedAt, new Date(after.createdAt)),
        and(eq(thread.updatedAt, new Date(after.createdAt)), lt(thread.id, after.id)),
      )
    : undefined;
  return db
    .select()
    .from(thread)
    .where(and(eq(thread.notebookId, notebookId), afterCursor))
    .orderBy(desc(thread.updatedAt), desc(thread.id))
    .limit(limit + 1);
}

/** Renames the caller's thread (`source` says who named it); a 404 like a missing one otherwise. */
export async function renameThread(
  db: Db,
  ownerId: string,
  threadId: string,
  title: string,
  source: ThreadTitleSource,
) {
  // The title is not activity: `updatedAt` (the list's order) stays.
  const [row] = await db
    .update(thread)
    .set({ title, titleSource: source })
    .where(and(eq(thread.id, threadId), eq(thread.ownerId, ownerId)))
    .returning();
  if (!row) throw notFound(`Thread ${threadId}`);
  return row;
}

export async function deleteThread(db: Db, ownerId: string, threadId: string) {
  const deleted = await db
    .delete(thread)
    .where(and(eq(thread.id, threadId), eq(thread.ownerId, ownerId)))
    .returning({ id: thread.id });
  if (!deleted.length) throw notFound(`Thread ${threadId}`);
}

/** The thread's first question, the material a model-made title is drawn from. */
export async function firstQuestion(db: Db, threadId: string): Promise<string | undefined> {
  const [first] = await messagesOf(db, threadId).limit(1);
  return first?.role === "user" ? first.text : undefined;
}

function messagesOf(db: Db, threadId: string) {
  return db
    .select()
    .from(threadMessage)
    .where(eq(threadMessage.threadId, threadId))
    .orderBy(asc(threadMessage.createdAt), asc(threadMessage.id));
}

/** Earlier exchanges, oldest first, as the prompt and the follow-up rewriter see them. */
export async function threadHistory(db: Db, threadId: string): Promise<ThreadTurn[]> {
  const turns: ThreadTurn[] = [];
  for (const message of await messagesOf(db, threadId)) {
    if (message.role === "user") turns.push({ question: message.text, standalone: message.standalone ?? undefined });
    else {
      const last = turns.at(-1);
      if (last) last.answer = message.text;
    }
  }
  return turns;
}

export async function threadDetail(db: Db, row: ThreadRow): Promise<ThreadDetailDto> {
  const messages = await messagesOf(db, row.id);
  return {
    ...toThreadDto(row),
    messages: messages.map((m) => ({
      id: m.id,
      role: m.role,
      text: m.text,
      standalone: m.standalone,
      mode: m.mode,
      citations: (m.citations ?? []) as Citation[],
      cached: m.cached,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}

export type Exchange = {
  question: string;
  standalone: string | null;
  answer: string;
  mode: AnswerMode;
  citations: Citation[];
  cached: boolean;
  provider: string | null;
  model: string | null;
  retrievalMs: number;
  modelMs: number;
};

/** The question and its answer, appended in one batch. */
export async function appendExchange(db: Db, threadId: string, exchange: Exchange) {
  const now = Date.now();
  await db.batch([
    db.insert(threadMessage).values({
      id: newId("msg", now),
      threadId,
      role: "user",
      text: exchange.question,
      standalone: exchange.standalone,
      createdAt: new Date(now),
    }),
    db.insert(threadMessage).values({
      id: newId("msg", now + 1),
      threadId,
      role: "assistant",
      text: exchange.answer,
      mode: exchange.mode,
      citations: exchange.citations,
      cached: exchange.cached,
      provider: exchange.provider,
      model: exchange.model,
      retrievalMs: exchange.retrievalMs,
      modelMs: exchange.modelMs,
      createdAt: new Date(now + 1),
    }),
    db
      .update(thread)
      .set({ updatedAt: new Date(now) })
      .where(eq(thread.id, threadId)),
  ]);
}

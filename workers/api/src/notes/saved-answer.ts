/**
 * What a note saved from an answer keeps: the answer's text and citations, and its question as the title.
 * The answer must be an assistant message of one of the caller's conversations in this notebook; anything
 * else is a 404, like a message that does not exist.
 */
import { and, desc, eq, lt } from "drizzle-orm";
import type { Citation } from "../answers/types";
import { type Db, schema } from "../db";
import { notFound } from "../platform/problem";

const { thread, threadMessage } = schema;

export type SavedAnswer = {
  threadId: string;
  messageId: string;
  question: string;
  text: string;
  citations: Citation[];
};

export async function savedAnswer(
  db: Db,
  ownerId: string,
  notebookId: string,
  messageId: string,
): Promise<SavedAnswer> {
  const [answer] = await db
    .select({ message: threadMessage })
    .from(threadMessage)
    .innerJoin(thread, eq(thread.id, threadMessage.threadId))
    .where(
      and(
        eq(threadMessage.id, messageId),
        eq(threadMessage.role, "assistant"),
        eq(thread.ownerId, ownerId),
        eq(thread.notebookId, notebookId),
      ),
    );
  if (!answer) throw notFound(`Answer ${messageId}`);
  const { message } = answer;
  // The question is the user message just before the answer (appended in the same batch).
  const [question] = await db
    .select({ text: threadMessage.text })
    .from(threadMessage)
    .where(
      and(
        eq(threadMessage.threadId, message.threadId),
        eq(threadMessage.role, "user"),
        lt(threadMessage.createdAt, new Date(message.createdAt.getTime() + 1)),
      ),
    )
    .orderBy(desc(threadMessage.createdAt), desc(threadMessage.id))
    .limit(1);
  return {
    threadId: message.threadId,
    messageId: message.id,
    question: question?.text ?? "",
    text: message.text,
    citations: (message.citations ?? []) as Citation[],
  };
}

/**
 * Studying by message: the notebooks (`notebooks`, `use <name>`), what is in one (`sources`), and today's
 * flashcards one at a time — the front with a "Show answer" button, then the back with the four FSRS
 * ratings (a list: WhatsApp allows three reply buttons, the ratings are four), reviewed by the same
 * `reviewCard` the web uses.
 */
import type { Rating } from "../../../../schemas/study";
import { listDocuments } from "../documents/documents.store";
import { getOwnedNotebook, listNotebooks } from "../notebooks/notebooks.store";
import { Problem } from "../platform/problem";
import { endOfLocalDay } from "../study/flashcards/due";
import { getOwnedCard, listCards } from "../study/flashcards/flashcards.store";
import { reviewCard } from "../study/flashcards/reviews.store";
import { takeShownCard, updateContact } from "./channels.store";
import { accountUrl, type LinkedContext, say } from "./context";
import { reply } from "./replies";
import type { OutboundMessage } from "./types";

const LISTED = 20;
/** Cards are due by the end of the day; contacts carry no time zone, so the day is UTC's. */
const CARD_ZONE = "UTC";

export async function currentNotebook(ctx: LinkedContext) {
  if (!ctx.contact.notebookId) return null;
  try {
    return await getOwnedNotebook(ctx.db, ctx.userId, ctx.contact.notebookId);
  } catch (err) {
    if (err instanceof Problem && err.status === 404) return null;
    throw err;
  }
}

export async function listNotebooksReply(ctx: LinkedContext): Promise<OutboundMessage[]> {
  const rows = (await listNotebooks(ctx.db, ctx.userId, LISTED)).slice(0, LISTED);
  if (!rows.length) return [say(ctx, "noNotebook", { url: accountUrl(ctx.appUrl) })];
  const current = reply(ctx.lang, "current");
  const lines = rows.map(
    (nb, i) => `${i + 1}. ${nb.title}${nb.id === ctx.contact.notebookId ? ` _(${current})_` : ""}`,
  );
  return [{ kind: "text", text: `${reply(ctx.lang, "notebooks")}\n${lines.join("\n")}` }];
}

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Mn}+/gu, "")
    .toLowerCase()
    .trim();

/** `use 2` (the number in `notebooks`) or `use biology` (exact title, then a title starting with it, then containing it). */
export async function useNotebook(ctx: LinkedContext, name: string): Promise<OutboundMessage[]> {
  const rows = (await listNotebooks(ctx.db, ctx.userId, 100)).slice(0, 100);
  const wanted = fold(name);
  const byNumber = /^\d+$/.test(wanted) ? rows[Number(wanted) - 1] : undefined;
  const chosen =
    byNumber ??
    rows.find((nb) => fold(nb.title) === wanted) ??
    rows.find((nb) => fold(nb.title).startsWith(wanted)) ??
    rows.find((nb) => fold(nb.title).includes(wanted));
  if (!chosen) return [say(ctx, "notebookUnknown", { name })];
  await updateContact(ctx.env.DB, ctx.contact.id, { notebookId: chosen.id, threadId: null, cardId: null });
  return [say(ctx, "using", { title: chosen.title })];
}

export async function listSourcesReply(ctx: LinkedContext): Promise<OutboundMessage[]> {
  const notebook = await currentNotebook(ctx);
  if (!notebook) return listNotebooksReply(ctx);
  const rows = (await listDocuments(ctx.db, notebook.id, LISTED)).slice(0, LISTED);
  if (!rows.length) return [say(ctx, "noSources", { title: notebook.title })];
  const lines = rows.map((d, i) => `${i + 1}. ${d.title} — ${d.status}${d.pageCount ? ` (${d.pageCount} p.)` : ""}`);
  return [{ kind: "text", text: `${reply(ctx.lang, "sources", { title: notebook.title })}\n${lines.join("\n")}` }];
}

/** The next due card's front with a "Show answer" button, remembered as the card shown. */
export async function nextCard(ctx: LinkedContext): Promise<OutboundMessage[]> {
  const notebook = await currentNotebook(ctx);
  if (!notebook) return listNotebooksReply(ctx);
  const dueBy = endOfLocalDay(new Date(), CARD_ZONE);
  const due = await listCards(ctx.db, { ownerId: ctx.userId, notebookId: notebook.id, limit: 99, dueBy });
  const card = due[0];
  if (!card) {
    await updateContact(ctx.env.DB, ctx.contact.id, { cardId: null });
    return [say(ctx, "noCards", { title: notebook.title })];
  }
  await updateContact(ctx.env.DB, ctx.contact.id, { cardId: card.id });
  const total = due.length > 99 ? "99+" : due.length;
  return [
    {
      kind: "buttons",
      text: reply(ctx.lang, "cardFront", { total, front: card.front }),
      buttons: [{ id: `show:${card.id}`, title: reply(ctx.lang, "showAnswer") }],
    },
  ];
}

/** The back of the card shown, with the four ratings. */
export async function showAnswer(ctx: LinkedContext, cardId: string): Promise<OutboundMessage[]> {
  const card = await ownedCard(ctx, cardId);
  if (!card || ctx.contact.cardId !== card.id) return [say(ctx, "alreadyRated")];
  const source =
    card.documentTitle && card.pageStart
      ? `\n\n_${card.documentTitle}, ${reply(ctx.lang, "page", { page: card.pageStart })}_`
      : "";
  return [
    {
      kind: "list",
      text: `${card.back}${source}\n\n${reply(ctx.lang, "rateHow")}`,
      button: reply(ctx.lang, "rate"),
      rows: (["again", "hard", "good", "easy"] as const).map((rating) => ({
        id: `rate:${card.id}:${rating}`,
        title: reply(ctx.lang, rating),
      })),
    },
  ];
}

/** Applies a rating once (a second tap on an old button finds the card no longer shown), then the next card. */
export async function rateCard(ctx: LinkedContext, cardId: string, rating: Rating): Promise<OutboundMessage[]> {
  const card = await ownedCard(ctx, cardId);
  if (!card || !(await takeShownCard(ctx.env.DB, ctx.contact.id, card.id))) return [say(ctx, "alreadyRated")];
  const result = await reviewCard(ctx.env.DB, ctx.db, card, rating);
  // A learning step (minutes away) is said in minutes: "later today" was wrong in the day's last minutes.
  const minutes = Math.max(1, Math.round((result.card.due.getTime() - result.reviewedAt.getTime()) / 60_000));
  const reviewed =
    result.scheduledDays > 0
      ? say(ctx, "reviewed", { days: result.scheduledDays })
      : say(ctx, "reviewedSoon", { minutes });
  return [reviewed, ...(await nextCard({ ...ctx, contact: { ...ctx.contact, cardId: null } }))];
}

async function ownedCard(ctx: LinkedContext, cardId: string) {
  try {
    return await getOwnedCard(ctx.db, ctx.userId, cardId);
  } catch (err) {
    if (err instanceof Problem && err.status === 404) return null;
    throw err;
  }
}

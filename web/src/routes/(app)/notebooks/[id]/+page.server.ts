import { fail } from "@sveltejs/kit";
import { loadConversation, loadThreads } from "$lib/server/answers";
import { loadSources } from "$lib/server/documents";
import { getCapabilities } from "$lib/server/health";
import { redirectIfSignedOut } from "$lib/server/require-session";
import {
  createCard,
  createGuide,
  generateCards,
  generateQuiz,
  listDueCards,
  listQuizzes,
  logStudyError,
  reviewCard,
  studentTimeZone,
} from "$lib/server/study";
import { chosenSources, studyAction } from "$lib/server/study-action";
import { FLASHCARD_BACK_MAX, FLASHCARD_FRONT_MAX } from "$schemas/limits";
import { RATINGS, type Rating } from "$schemas/study";
import type { Actions, PageServerLoad } from "./$types";

/** The workspace: sources, the last conversation and the study panel, read at once (the header is the layout's). */
export const load: PageServerLoad = async (event) => {
  const id = event.params.id;
  const timeZone = studentTimeZone(event);
  const [sources, threads, due, quizzes, capabilities] = await Promise.allSettled([
    loadSources(event, id),
    loadThreads(event, id),
    listDueCards(event, id, timeZone),
    listQuizzes(event, id),
    getCapabilities(event),
  ]);
  for (const result of [sources, threads, due, quizzes]) {
    if (result.status === "rejected") redirectIfSignedOut(result.reason, event.url);
  }
  if (due.status === "rejected") logStudyError(event, "due cards failed", due.reason);
  if (quizzes.status === "rejected") logStudyError(event, "quiz list failed", quizzes.reason);
  const threadState = threads.status === "fulfilled" ? threads.value : { state: "failed" as const };
  return {
    timeZone,
    sources:
      sources.status === "fulfilled" ? sources.value : { state: "failed" as const, requestId: event.locals.requestId },
    threads: threadState,
    // Reopening a notebook shows the conversation the student was last in.
    conversation: await loadConversation(event, threadState),
    due:
      due.status === "fulfilled"
        ? { state: "ok" as const, cards: due.value.items, more: due.value.nextCursor !== null }
        : { state: "failed" as const },
    quizzes:
      quizzes.status === "fulfilled"
        ? { state: "ok" as const, items: quizzes.value.items }
        : { state: "failed" as const },
    capabilities: capabilities.status === "fulfilled" ? capabilities.value : { model: true, limits: null },
  };
};

const field = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === "string" ? value.trim() : "";
};

type CardErrors = { front?: "required" | "long"; back?: "required" | "long" };

export const actions: Actions = {
  /** A card written by hand. */
  createCard: async (event) => {
    const data = await event.request.formData();
    const front = field(data, "front");
    const back = field(data, "back");
    const errors: CardErrors = {};
    if (!front) errors.front = "required";
    else if (front.length > FLASHCARD_FRONT_MAX) errors.front = "long";
    if (!back) errors.back = "required";
    else if (back.length > FLASHCARD_BACK_MAX) errors.back = "long";
    if (errors.front || errors.back) return fail(400, { form: "createCard" as const, front, back, errors });
    return studyAction(
      event,
      "createCard" as const,
      async () => ({ created: (await createCard(event, event.params.id, { front, back })).id }),
      { front, back, errors },
    );
  },

  /** Rates a card; answers the next due time. */
  review: async (event) => {
    const data = await event.request.formData();
    const cardId = field(data, "cardId");
    const rating = field(data, "rating") as Rating;
    if (!cardId || !RATINGS.includes(rating)) return fail(400, { form: "review" as const, reason: "invalid" as const });
    return studyAction(
      event,
      "review" as const,
      async () => {
        const result = await reviewCard(event, cardId, rating);
        return { cardId, rating, nextDue: result.nextDue, scheduledDays: result.scheduledDays };
      },
      { cardId },
    );
  },

  generateCards: async (event) => {
    const documentIds = chosenSources(await event.request.formData());
    return studyAction(event, "generateCards" as const, async () => {
      const result = await generateCards(event, event.params.id, { documentIds });
      return { generated: result.items.length, duplicates: result.skipped.duplicates };
    });
  },

  generateQuiz: async (event) => {
    const documentIds = chosenSources(await event.request.formData());
    return studyAction(event, "generateQuiz" as const, async () => {
      const quiz = await generateQuiz(event, event.params.id, { documentIds });
      return { quizId: quiz.id, title: quiz.title };
    });
  },

  guide: (event) =>
    studyAction(event, "guide" as const, async () => {
      const documentIds = chosenSources(await event.request.formData());
      return { guide: await createGuide(event, event.params.id, { documentIds }) };
    }),
};
